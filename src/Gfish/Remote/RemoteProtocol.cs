using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace Gfish.Remote;

/// <summary>
/// The messages between <c>--remote</c> and <c>--listen</c> (gfish's own; both ends must be the same version, as in
/// guestfish). Client to server: a hello (the version), then calls (command, arguments, exit-on-error). Server to
/// client, per call: output chunks, then the reply (0 or -1). Strings are a 32-bit big-endian byte count and UTF-8.
/// </summary>
internal static class RemoteProtocol
{
    /// <summary>A frame of command output.</summary>
    public const byte OutputFrame = 1;

    /// <summary>The frame that ends a call, with its result.</summary>
    public const byte ReplyFrame = 2;

    /// <summary>The longest string accepted (a command or an argument).</summary>
    private const int MaxString = 16 * 1024 * 1024;

    /// <summary>The most arguments accepted in one call.</summary>
    private const int MaxArguments = 65536;

    /// <summary>Writes a string.</summary>
    /// <param name="stream">The connection.</param>
    /// <param name="text">The string.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task.</returns>
    public static async Task WriteStringAsync(Stream stream, string text, CancellationToken cancellationToken)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        await WriteInt32Async(stream, bytes.Length, cancellationToken).ConfigureAwait(false);
        await stream.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Writes a 32-bit big-endian integer.</summary>
    /// <param name="stream">The connection.</param>
    /// <param name="value">The value.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task.</returns>
    public static async Task WriteInt32Async(Stream stream, int value, CancellationToken cancellationToken)
    {
        var buffer = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(buffer, value);
        await stream.WriteAsync(buffer, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads a string, or null at a clean end of stream.</summary>
    /// <param name="stream">The connection.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The string.</returns>
    /// <exception cref="InvalidDataException">Too long, or the stream ended inside it.</exception>
    public static async Task<string?> ReadStringAsync(Stream stream, CancellationToken cancellationToken)
    {
        if (await ReadInt32Async(stream, cancellationToken).ConfigureAwait(false) is not { } length)
        {
            return null;
        }

        if (length is < 0 or > MaxString)
        {
            throw new InvalidDataException($"a string of {length} bytes (at most {MaxString} are accepted)");
        }

        var bytes = new byte[length];
        await ReadExactlyAsync(stream, bytes, cancellationToken).ConfigureAwait(false);
        return Encoding.UTF8.GetString(bytes);
    }

    /// <summary>Reads one call, or null at a clean end of stream.</summary>
    /// <param name="stream">The connection.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The command, its arguments, and whether an error ends the listener.</returns>
    /// <exception cref="InvalidDataException">The call is malformed.</exception>
    public static async Task<(string Command, IReadOnlyList<string> Arguments, bool ExitOnError)?> ReadCallAsync(Stream stream, CancellationToken cancellationToken)
    {
        if (await ReadStringAsync(stream, cancellationToken).ConfigureAwait(false) is not { } command)
        {
            return null;
        }

        var count = await ReadInt32Async(stream, cancellationToken).ConfigureAwait(false) ?? throw Truncated();
        if (count is < 0 or > MaxArguments)
        {
            throw new InvalidDataException($"a call with {count} arguments (at most {MaxArguments} are accepted)");
        }

        var arguments = new string[count];
        for (var i = 0; i < count; i++)
        {
            arguments[i] = await ReadStringAsync(stream, cancellationToken).ConfigureAwait(false) ?? throw Truncated();
        }

        var exitOnError = await ReadInt32Async(stream, cancellationToken).ConfigureAwait(false) ?? throw Truncated();
        return (command, arguments, exitOnError != 0);
    }

    /// <summary>Reads a 32-bit big-endian integer, or null at a clean end of stream.</summary>
    /// <param name="stream">The connection.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The value.</returns>
    public static async Task<int?> ReadInt32Async(Stream stream, CancellationToken cancellationToken)
    {
        var buffer = new byte[4];
        var read = await stream.ReadAtLeastAsync(buffer, 4, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
        return read switch
        {
            0 => null,
            4 => BinaryPrimitives.ReadInt32BigEndian(buffer),
            _ => throw Truncated(),
        };
    }

    /// <summary>Fills the buffer.</summary>
    /// <param name="stream">The connection.</param>
    /// <param name="buffer">The buffer.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>A task.</returns>
    public static async Task ReadExactlyAsync(Stream stream, byte[] buffer, CancellationToken cancellationToken)
    {
        if (await stream.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false) != buffer.Length)
        {
            throw Truncated();
        }
    }

    private static InvalidDataException Truncated() => new("the connection ended inside a message");
}

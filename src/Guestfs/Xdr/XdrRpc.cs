using System;

namespace Guestfs.Xdr;

/// <summary>
/// The encoding and decoding the generated RPC clients do around an <see cref="IRpcTransport"/> call: the arguments to
/// a new array, the whole result from the reply.
/// </summary>
public static class XdrRpc
{
    /// <summary>Encodes the arguments of a call.</summary>
    /// <typeparam name="T">The argument's type (a tuple when the procedure takes several).</typeparam>
    /// <param name="value">The argument.</param>
    /// <param name="write">Writes it.</param>
    /// <returns>The bytes.</returns>
    public static byte[] Encode<T>(T value, XdrWriteAction<T> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        using var buffer = new PooledBufferWriter(256);
        var writer = new XdrWriter(buffer);
        write(ref writer, value);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Decodes the result of a call; every byte must belong to it.</summary>
    /// <typeparam name="T">The result's type.</typeparam>
    /// <param name="reply">The result's bytes.</param>
    /// <param name="read">Reads it.</param>
    /// <returns>The result.</returns>
    /// <exception cref="XdrException">The bytes are not one value of the result's type.</exception>
    public static T Decode<T>(ReadOnlyMemory<byte> reply, XdrReadFunc<T> read)
    {
        ArgumentNullException.ThrowIfNull(read);
        var reader = new XdrReader(reply.Span);
        T value = read(ref reader);
        reader.ExpectEnd();
        return value;
    }

    /// <summary>Checks the result of a procedure that returns <c>void</c>: no bytes.</summary>
    /// <param name="reply">The result's bytes.</param>
    /// <exception cref="XdrException">The reply is not empty.</exception>
    public static void DecodeVoid(ReadOnlyMemory<byte> reply) => new XdrReader(reply.Span).ExpectEnd();
}

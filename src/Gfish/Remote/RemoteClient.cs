using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using Gfish.Execution;

namespace Gfish.Remote;

/// <summary><c>--remote[=PID]</c>: sends each command to the <c>--listen</c> shell and copies its output here.</summary>
/// <param name="pid">The listener's process id.</param>
/// <param name="stderr">Where problems are reported.</param>
internal sealed class RemoteClient(int pid, TextWriter stderr)
{
    /// <summary>Runs one command in the listener, as guestfish's <c>rc_remote</c> (one connection per command).</summary>
    /// <param name="command">The command.</param>
    /// <param name="arguments">Its arguments.</param>
    /// <param name="output">Where its output goes.</param>
    /// <param name="exitOnError">Whether an error ends the listener.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The outcome.</returns>
    public async Task<ShellStatus> CallAsync(string command, IReadOnlyList<string> arguments, Stream output, bool exitOnError, CancellationToken cancellationToken)
    {
        if (!IsRunning())
        {
            stderr.WriteLine($"{GfishApp.ProgramName}: remote: looks like the server is not running");
            return ShellStatus.Error;
        }

        string path;
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            path = RemoteEndpoint.SocketPath(pid);
            await socket.ConnectAsync(new UnixDomainSocketEndPoint(path), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is SocketException or IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"{GfishApp.ProgramName}: remote: {e.Message}");
            stderr.WriteLine($"{GfishApp.ProgramName}: remote: looks like the server is not running");
            return ShellStatus.Error;
        }

        if (!RemoteEndpoint.PeerIsOwner(socket))
        {
            stderr.WriteLine($"{GfishApp.ProgramName}: remote: {path} belongs to another user");
            return ShellStatus.Error;
        }

        await using var stream = new NetworkStream(socket, ownsSocket: false);
        try
        {
            await RemoteProtocol.WriteStringAsync(stream, RemoteEndpoint.Version, cancellationToken).ConfigureAwait(false);
            await RemoteProtocol.WriteStringAsync(stream, command, cancellationToken).ConfigureAwait(false);
            await RemoteProtocol.WriteInt32Async(stream, arguments.Count, cancellationToken).ConfigureAwait(false);
            foreach (var argument in arguments)
            {
                await RemoteProtocol.WriteStringAsync(stream, argument, cancellationToken).ConfigureAwait(false);
            }

            await RemoteProtocol.WriteInt32Async(stream, exitOnError ? 1 : 0, cancellationToken).ConfigureAwait(false);
            while (true)
            {
                var frame = stream.ReadByte();
                var value = await RemoteProtocol.ReadInt32Async(stream, cancellationToken).ConfigureAwait(false);
                if (frame == RemoteProtocol.ReplyFrame && value is { } result)
                {
                    return result == 0 ? ShellStatus.Ok : ShellStatus.Error;
                }

                if (frame != RemoteProtocol.OutputFrame || value is not { } length || length < 0)
                {
                    throw new InvalidDataException("the server ended the connection without a reply");
                }

                var chunk = new byte[length];
                await RemoteProtocol.ReadExactlyAsync(stream, chunk, cancellationToken).ConfigureAwait(false);
                await output.WriteAsync(chunk, cancellationToken).ConfigureAwait(false);
                await output.FlushAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is InvalidDataException or IOException)
        {
            stderr.WriteLine($"{GfishApp.ProgramName}: protocol error: could not decode reply from server ({e.Message})");
            return ShellStatus.Error;
        }
    }

    private bool IsRunning()
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            return false;
        }
    }
}

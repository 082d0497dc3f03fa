using System;
using System.IO;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using Gfish.Execution;

namespace Gfish.Remote;

/// <summary>
/// The <c>--listen</c> loop: accepts connections on the control socket, refuses any whose peer is another user,
/// and runs each call in the shell, its output sent back to the client, as guestfish's <c>rc_listen</c>.
/// </summary>
internal static class RemoteServer
{
    /// <summary>Serves until <c>quit</c>/<c>exit</c>, or an error in a call that asked to end on error.</summary>
    /// <param name="shell">The shell (its handle already set up).</param>
    /// <param name="listener">The bound, listening control socket.</param>
    /// <param name="socketPath">Its path, removed at the end.</param>
    /// <param name="stderr">Where problems are reported.</param>
    /// <param name="cancellationToken">Cancels the loop.</param>
    /// <returns>The exit code.</returns>
    public static async Task<int> ServeAsync(Shell shell, Socket listener, string socketPath, TextWriter stderr, CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                using var connection = await listener.AcceptAsync(cancellationToken).ConfigureAwait(false);
                if (!RemoteEndpoint.PeerIsOwner(connection))
                {
                    stderr.WriteLine($"{GfishApp.ProgramName}: remote: refused a connection from user {RemoteEndpoint.PeerUserId(connection)?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "unknown"}: only the owner may control this shell");
                    continue;
                }

                await using var stream = new NetworkStream(connection, ownsSocket: false);
                var outcome = await ServeConnectionAsync(shell, stream, stderr, cancellationToken).ConfigureAwait(false);
                if (outcome is { } exitCode)
                {
                    return exitCode;
                }
            }
        }
        finally
        {
            File.Delete(socketPath);
        }
    }

    /// <summary>Runs the calls of one connection; returns an exit code when the listener must stop.</summary>
    private static async Task<int?> ServeConnectionAsync(Shell shell, Stream stream, TextWriter stderr, CancellationToken cancellationToken)
    {
        try
        {
            var version = await RemoteProtocol.ReadStringAsync(stream, cancellationToken).ConfigureAwait(false);
            if (version is null)
            {
                stderr.WriteLine($"{GfishApp.ProgramName}: protocol error: could not read ‘hello’ message");
                return null;
            }

            if (version != RemoteEndpoint.Version)
            {
                stderr.WriteLine($"{GfishApp.ProgramName}: protocol error: version mismatch, server version ‘{RemoteEndpoint.Version}’ does not match client version ‘{version}’.  The two versions must match exactly.");
                return null;
            }

            while (await RemoteProtocol.ReadCallAsync(stream, cancellationToken).ConfigureAwait(false) is { } call)
            {
                var status = await shell.IssueCommandToAsync(call.Command, call.Arguments, new FramedOutputStream(stream), cancellationToken).ConfigureAwait(false);
                stream.WriteByte(RemoteProtocol.ReplyFrame);
                await RemoteProtocol.WriteInt32Async(stream, status == ShellStatus.Error ? -1 : 0, cancellationToken).ConfigureAwait(false);
                await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
                if (status == ShellStatus.Exit)
                {
                    return 0;
                }

                if (status == ShellStatus.Error && call.ExitOnError)
                {
                    return 1;
                }
            }
        }
        catch (Exception e) when (e is InvalidDataException or IOException)
        {
            stderr.WriteLine($"{GfishApp.ProgramName}: protocol error: {e.Message}");
        }

        return null;
    }
}

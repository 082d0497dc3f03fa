using System;
using System.IO;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;

namespace Guestfs.Backends.Unix;

/// <summary>
/// Backend <c>unix:PATH</c>: connects to a daemon already listening on a unix socket (for example
/// <c>guestfsd --listen --channel PATH</c>). libguestfs 1.48 dropped this backend; we keep it for tests,
/// containers and appliances started elsewhere. There is no process to manage: kill and shutdown close the socket.
/// </summary>
internal sealed class UnixBackend : IGuestfsBackend
{
    private readonly string _path;
    private readonly TaskCompletionSource<string> _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Socket? _socket;

    /// <summary>Creates the backend.</summary>
    /// <param name="path">The socket path.</param>
    public UnixBackend(string path)
    {
        _path = path;
    }

    /// <inheritdoc />
    public string Name => "unix";

    /// <inheritdoc />
    public int? ProcessId => null;

    /// <inheritdoc />
    public Task<string> Exited => _exited.Task;

    /// <inheritdoc />
    public async Task<LaunchedChannel> LaunchAsync(LaunchParameters parameters, IBackendEventSink sink, CancellationToken cancellationToken)
    {
        sink.OnDebug($"connecting to the daemon on unix socket {_path}");
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            await socket.ConnectAsync(new UnixDomainSocketEndPoint(_path), cancellationToken).ConfigureAwait(false);
        }
        catch (SocketException e)
        {
            socket.Dispose();
            throw new GuestfsLaunchException($"launch: cannot connect to the daemon on unix socket {_path}: {e.Message}", e);
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        _socket = socket;
        return new LaunchedChannel(new NetworkStream(socket, ownsSocket: true), LaunchFlagRead: false);
    }

    /// <inheritdoc />
    public Task ShutdownAsync(CancellationToken cancellationToken)
    {
        Close("shut down");
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public void Kill() => Close("killed");

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        Close("disposed");
        return ValueTask.CompletedTask;
    }

    private void Close(string why)
    {
        Interlocked.Exchange(ref _socket, null)?.Dispose();
        _exited.TrySetResult(why);
    }
}

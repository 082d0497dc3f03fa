using System;
using System.Collections.Generic;
using System.IO;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;

namespace Guestfs.ApplianceTests;

/// <summary>
/// A unix-socket relay in front of a server that holds everything the server sends for a fixed time before passing it
/// on: an NBD drive behind it answers every read late, as a slow network disk does. What the client sends goes
/// through at once. Counts the chunks it held back.
/// </summary>
internal sealed class DelayingRelay : IAsyncDisposable
{
    private readonly Socket _listener;
    private readonly string _upstream;
    private readonly TimeSpan _delay;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Socket> _connections = [];
    private readonly Task _accepting;
    private int _delayedChunks;

    /// <summary>Listens on <paramref name="path"/> and relays each connection to the server at <paramref name="upstream"/>.</summary>
    public DelayingRelay(string path, string upstream, TimeSpan delay)
    {
        Path = path;
        _upstream = upstream;
        _delay = delay;
        _listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        _listener.Bind(new UnixDomainSocketEndPoint(path));
        _listener.Listen();
        _accepting = AcceptAsync();
    }

    /// <summary>The socket clients connect to.</summary>
    public string Path { get; }

    /// <summary>How many chunks from the server were held back so far.</summary>
    public int DelayedChunks => Volatile.Read(ref _delayedChunks);

    private async Task AcceptAsync()
    {
        CancellationToken token = _stop.Token;
        try
        {
            while (true)
            {
                Socket client = await _listener.AcceptAsync(token);
                var server = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                lock (_connections)
                {
                    _connections.Add(client);
                    _connections.Add(server);
                }

                await server.ConnectAsync(new UnixDomainSocketEndPoint(_upstream), token);
                _ = PumpAsync(client, server, TimeSpan.Zero, token);
                _ = PumpAsync(server, client, _delay, token);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Disposed, or the server went away: the relay ends.
        }
    }

    private async Task PumpAsync(Socket from, Socket to, TimeSpan delay, CancellationToken token)
    {
        byte[] buffer = new byte[256 * 1024];
        try
        {
            await using var source = new NetworkStream(from, ownsSocket: false);
            await using var sink = new NetworkStream(to, ownsSocket: false);
            int read;
            while ((read = await source.ReadAsync(buffer, token)) > 0)
            {
                if (delay > TimeSpan.Zero)
                {
                    Interlocked.Increment(ref _delayedChunks);
                    await Task.Delay(delay, token);
                }

                await sink.WriteAsync(buffer.AsMemory(0, read), token);
            }

            to.Shutdown(SocketShutdown.Send);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or SocketException or ObjectDisposedException)
        {
            // One side closed or the relay was disposed.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Dispose();
        lock (_connections)
        {
            foreach (Socket socket in _connections)
            {
                socket.Dispose();
            }
        }

        await _accepting;
        _stop.Dispose();
    }
}

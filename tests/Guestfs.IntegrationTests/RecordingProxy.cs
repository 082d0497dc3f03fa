using System;
using System.IO;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;

namespace Guestfs.IntegrationTests;

/// <summary>
/// A unix-socket proxy between a handle and a daemon that records every byte the daemon sends, before forwarding
/// it. Calls on a handle are serialised, so the bytes recorded between the end of one call and the end of the
/// next are exactly that call's reply (with its progress messages and file chunks).
/// </summary>
internal sealed class RecordingProxy : IAsyncDisposable
{
    private readonly Socket _listener;
    private readonly string _daemonSocket;
    private readonly MemoryStream _recorded = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _gate = new();
    private Task _pump = Task.CompletedTask;
    private int _taken;

    private RecordingProxy(Socket listener, string path, string daemonSocket)
    {
        _listener = listener;
        SocketPath = path;
        _daemonSocket = daemonSocket;
    }

    public string SocketPath { get; }

    public string Backend => "unix:" + SocketPath;

    public static RecordingProxy Start(string daemonSocket, string directory)
    {
        string path = Path.Combine(directory, "proxy.sock");
        var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        listener.Bind(new UnixDomainSocketEndPoint(path));
        listener.Listen(1);
        var proxy = new RecordingProxy(listener, path, daemonSocket);
        proxy._pump = proxy.RunAsync();
        return proxy;
    }

    /// <summary>The bytes the daemon sent since the previous call of this method.</summary>
    public byte[] TakeRecorded()
    {
        lock (_gate)
        {
            byte[] all = _recorded.GetBuffer();
            byte[] taken = all.AsSpan(_taken, (int)_recorded.Length - _taken).ToArray();
            _taken = (int)_recorded.Length;
            return taken;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Dispose();
        try
        {
            await _pump.WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or IOException or ObjectDisposedException)
        {
        }

        _stop.Dispose();
    }

    private async Task RunAsync()
    {
        using Socket client = await _listener.AcceptAsync(_stop.Token);
        using var daemon = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        await daemon.ConnectAsync(new UnixDomainSocketEndPoint(_daemonSocket), _stop.Token);
        Task up = CopyAsync(client, daemon, record: false);
        Task down = CopyAsync(daemon, client, record: true);
        await Task.WhenAny(up, down);
        client.Shutdown(SocketShutdown.Both);
        daemon.Shutdown(SocketShutdown.Both);
    }

    private async Task CopyAsync(Socket from, Socket to, bool record)
    {
        byte[] buffer = new byte[65536];
        try
        {
            while (true)
            {
                int n = await from.ReceiveAsync(buffer, SocketFlags.None, _stop.Token);
                if (n == 0)
                {
                    return;
                }

                if (record)
                {
                    lock (_gate)
                    {
                        _recorded.Write(buffer, 0, n);
                    }
                }

                await to.SendAsync(buffer.AsMemory(0, n), SocketFlags.None, _stop.Token);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }
    }
}

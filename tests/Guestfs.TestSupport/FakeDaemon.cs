using System;
using System.Buffers.Binary;
using System.IO;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using Guestfs.Protocol;
using Guestfs.Xdr;
using Xunit;

namespace Guestfs.TestSupport;

/// <summary>
/// A scripted in-process daemon on a unix socket (Npgsql's PgServerMock pattern): the test drives both sides,
/// reading what the client sent and writing exactly the bytes it wants the client to see.
/// </summary>
internal sealed class FakeDaemon : IAsyncDisposable
{
    private readonly Socket _listener;
    private readonly string _directory;
    private Socket? _client;
    private NetworkStream? _stream;

    private FakeDaemon(Socket listener, string directory, string path)
    {
        _listener = listener;
        _directory = directory;
        SocketPath = path;
    }

    public string SocketPath { get; }

    public string Backend => "unix:" + SocketPath;

    public static FakeDaemon Start()
    {
        string dir = Directory.CreateTempSubdirectory("gfs-fake-").FullName;
        string path = Path.Combine(dir, "sock");
        var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        listener.Bind(new UnixDomainSocketEndPoint(path));
        listener.Listen(4);
        return new FakeDaemon(listener, dir, path);
    }

    /// <summary>A handle launched against this daemon (the daemon sends the launch flag).</summary>
    public async Task<GuestfsHandle> LaunchHandleAsync(GuestfsOptions? options = null)
    {
        var handle = new GuestfsHandle(options ?? Options());
        await handle.SetAutosyncAsync(false); // closing must not wait for an autosync reply nobody scripted
        Task launch = handle.LaunchAsync();
        await AcceptAsync();
        await SendWordAsync(ProtocolConstants.LaunchFlag);
        await launch.WaitAsync(TimeSpan.FromSeconds(10));
        return handle;
    }

    public GuestfsOptions Options(TextWriter? diagnostics = null, bool trace = false) =>
        new() { Backend = Backend, ReadEnvironment = false, DiagnosticWriter = diagnostics ?? TextWriter.Null, Trace = trace };

    public async Task AcceptAsync()
    {
        _client?.Dispose();
        _client = await _listener.AcceptAsync().WaitAsync(TimeSpan.FromSeconds(10));
        _stream = new NetworkStream(_client, ownsSocket: false);
    }

    private NetworkStream Stream => _stream ?? throw new InvalidOperationException("no client connected");

    public async Task SendWordAsync(uint word)
    {
        byte[] b = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(b, word);
        await SendRawAsync(b);
    }

    public async Task SendRawAsync(byte[] bytes) => await Stream.WriteAsync(bytes);

    /// <summary>Reads one call message: its header and the raw args bytes.</summary>
    public async Task<ReceivedCall> ReadCallAsync(TimeSpan? timeout = null)
    {
        byte[] body = await ReadMessageAsync(timeout);
        var reader = new XdrReader(body);
        MessageHeader header = MessageHeader.Decode(ref reader);
        return new ReceivedCall(header, body.AsSpan(reader.Position).ToArray());
    }

    public async Task<byte[]> ReadMessageAsync(TimeSpan? timeout = null)
    {
        uint length = await ReadWordAsync(timeout);
        Assert.True(length <= ProtocolConstants.MessageMax, $"client sent length word 0x{length:x8}");
        byte[] body = new byte[length];
        await Stream.ReadExactlyAsync(body).AsTask().WaitAsync(timeout ?? TimeSpan.FromSeconds(10));
        return body;
    }

    /// <summary>Reads a message body whose length word the test has already read.</summary>
    public async Task<byte[]> ReadMessageBodyAsync(int length, TimeSpan? timeout = null)
    {
        byte[] body = new byte[length];
        await Stream.ReadExactlyAsync(body).AsTask().WaitAsync(timeout ?? TimeSpan.FromSeconds(10));
        return body;
    }

    public async Task<uint> ReadWordAsync(TimeSpan? timeout = null)
    {
        byte[] b = new byte[4];
        await Stream.ReadExactlyAsync(b).AsTask().WaitAsync(timeout ?? TimeSpan.FromSeconds(10));
        return BinaryPrimitives.ReadUInt32BigEndian(b);
    }

    /// <summary>Reads one FileIn chunk message.</summary>
    public async Task<(int Cancel, byte[] Data)> ReadChunkAsync()
    {
        byte[] body = await ReadMessageAsync();
        var reader = new XdrReader(body);
        Chunk chunk = Chunk.Decode(ref reader);
        reader.ExpectEnd();
        return (chunk.Cancel, chunk.Data);
    }

    public Task SendReplyAsync(ReceivedCall call, Action<XdrWriter>? ret = null) =>
        SendReplyAsync(call.Header.Proc, call.Header.Serial, ret);

    public async Task SendReplyAsync(Procedure proc, uint serial, Action<XdrWriter>? ret = null, uint prog = ProtocolConstants.Program,
        MessageDirection direction = MessageDirection.Reply)
    {
        using var buffer = new PooledBufferWriter();
        var w = new XdrWriter(buffer);
        new MessageHeader(prog, 4, proc, direction, serial, 0, 0, MessageStatus.Ok).Encode(ref w);
        ret?.Invoke(w);
        await SendMessageAsync(buffer.WrittenSpan.ToArray());
    }

    public async Task SendErrorAsync(ReceivedCall call, string errno, string message)
    {
        using var buffer = new PooledBufferWriter();
        var w = new XdrWriter(buffer);
        new MessageHeader(ProtocolConstants.Program, 4, call.Header.Proc, MessageDirection.Reply, call.Header.Serial, 0, 0, MessageStatus.Error).Encode(ref w);
        new MessageError(errno, message).Encode(ref w);
        await SendMessageAsync(buffer.WrittenSpan.ToArray());
    }

    public async Task SendProgressAsync(ReceivedCall call, ulong position, ulong total, uint? serial = null)
    {
        using var buffer = new PooledBufferWriter();
        var w = new XdrWriter(buffer);
        w.WriteUInt32(ProtocolConstants.ProgressFlag);
        new Progress(call.Header.Proc, serial ?? call.Header.Serial, position, total).Encode(ref w);
        await SendRawAsync(buffer.WrittenSpan.ToArray());
    }

    public async Task SendChunkAsync(byte[] data, int cancel = 0)
    {
        using var buffer = new PooledBufferWriter();
        var w = new XdrWriter(buffer);
        new Chunk(cancel, data).Encode(ref w);
        await SendMessageAsync(buffer.WrittenSpan.ToArray());
    }

    public async Task SendMessageAsync(byte[] body)
    {
        byte[] framed = new byte[4 + body.Length];
        BinaryPrimitives.WriteUInt32BigEndian(framed, (uint)body.Length);
        body.CopyTo(framed, 4);
        await SendRawAsync(framed);
    }

    /// <summary>Whether the client sends nothing within <paramref name="wait"/>.</summary>
    public async Task<bool> IsSilentAsync(TimeSpan wait)
    {
        byte[] one = new byte[1];
        using var cts = new CancellationTokenSource(wait);
        try
        {
            int n = await _client!.ReceiveAsync(one, SocketFlags.Peek, cts.Token);
            return false;
        }
        catch (OperationCanceledException)
        {
            return true;
        }
    }

    /// <summary>Closes the connection to the client (the daemon "dies").</summary>
    public void CloseConnection()
    {
        _stream?.Dispose();
        _client?.Dispose();
        _stream = null;
        _client = null;
    }

    public ValueTask DisposeAsync()
    {
        CloseConnection();
        _listener.Dispose();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }

        return ValueTask.CompletedTask;
    }
}

internal sealed record ReceivedCall(MessageHeader Header, byte[] Args)
{
    public string ArgString(int index = 0)
    {
        var reader = new XdrReader(Args);
        string s = string.Empty;
        for (int i = 0; i <= index; i++)
        {
            s = reader.ReadString();
        }

        return s;
    }
}

using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Guestfs.Backends;
using Guestfs.Xdr;

namespace Guestfs.ApplianceTests;

/// <summary>
/// A minimal client for raw daemon calls (header + args, reply header + ret or error), enough to check that a
/// launched appliance answers. The real engine lives in the runtime.
/// </summary>
internal sealed class DaemonChannel
{
    public const uint LaunchFlag = 0xF5F55FF5;
    private const uint Program = 0x2000F5F5;
    private const uint ProtocolVersion = 4;
    private const uint ProgressFlag = 0xFFFF5555;

    private readonly Stream _stream;
    private uint _serial = 0x00123400;

    public DaemonChannel(Stream stream)
    {
        _stream = stream;
    }

    /// <summary>
    /// A client over a backend's launched channel, once the daemon's launch flag is in (read here, unless the backend
    /// already read it: a snapshot launch does).
    /// </summary>
    public static async Task<DaemonChannel> OpenAsync(LaunchedChannel launched, CancellationToken cancellationToken)
    {
        var channel = new DaemonChannel(launched.Stream);
        if (!launched.LaunchFlagRead)
        {
            uint flag = await channel.ReadWordAsync(cancellationToken);
            if (flag != LaunchFlag)
            {
                throw new InvalidDataException($"the daemon's first word is 0x{flag:x8}, not the launch flag 0x{LaunchFlag:x8}");
            }
        }

        return channel;
    }

    public async Task<uint> ReadWordAsync(CancellationToken cancellationToken)
    {
        var word = new byte[4];
        await _stream.ReadExactlyAsync(word, cancellationToken);
        return BinaryPrimitives.ReadUInt32BigEndian(word);
    }

    /// <summary>Sends one call and returns the reply body after the header (the ret struct).</summary>
    public async Task<byte[]> CallAsync(int procedure, Action<PooledBufferWriter>? writeArgs, ulong optargsBitmask, CancellationToken cancellationToken)
    {
        uint serial = _serial++;
        using var body = new PooledBufferWriter();
        WriteHeader(body, procedure, serial, optargsBitmask);
        writeArgs?.Invoke(body);
        var frame = new byte[4 + body.WrittenCount];
        BinaryPrimitives.WriteUInt32BigEndian(frame, (uint)body.WrittenCount);
        body.WrittenSpan.CopyTo(frame.AsSpan(4));
        await _stream.WriteAsync(frame, cancellationToken);
        await _stream.FlushAsync(cancellationToken);

        while (true)
        {
            uint length = await ReadWordAsync(cancellationToken);
            if (length == ProgressFlag)
            {
                await _stream.ReadExactlyAsync(new byte[24], cancellationToken);
                continue;
            }

            if (length > 4 * 1024 * 1024)
            {
                throw new InvalidDataException($"unexpected frame word 0x{length:x8}");
            }

            var reply = new byte[length];
            await _stream.ReadExactlyAsync(reply, cancellationToken);
            return ParseReply(reply, procedure, serial);
        }
    }

    public static IReadOnlyList<string> ReadStringList(byte[] ret)
    {
        var reader = new XdrReader(ret);
        int count = reader.ReadArrayLength();
        var list = new List<string>(count);
        for (int i = 0; i < count; i++)
        {
            list.Add(reader.ReadString());
        }

        return list;
    }

    private static void WriteHeader(PooledBufferWriter output, int procedure, uint serial, ulong optargsBitmask)
    {
        var writer = new XdrWriter(output);
        writer.WriteUInt32(Program);
        writer.WriteUInt32(ProtocolVersion);
        writer.WriteInt32(procedure);
        writer.WriteInt32(0);               // CALL
        writer.WriteUInt32(serial);
        writer.WriteUInt64(0);              // progress hint
        writer.WriteUInt64(optargsBitmask);
        writer.WriteInt32(0);               // OK
    }

    private static byte[] ParseReply(byte[] reply, int procedure, uint serial)
    {
        var reader = new XdrReader(reply);
        Assert.Equal(Program, reader.ReadUInt32());
        Assert.Equal(ProtocolVersion, reader.ReadUInt32());
        Assert.Equal(procedure, reader.ReadInt32());
        Assert.Equal(1, reader.ReadInt32()); // REPLY
        Assert.Equal(serial, reader.ReadUInt32());
        reader.ReadUInt64();
        reader.ReadUInt64();
        int status = reader.ReadInt32();
        if (status != 0)
        {
            string errno = reader.ReadString();
            string message = reader.ReadString();
            throw new InvalidOperationException($"daemon error {errno}: {message}");
        }

        return reply.AsSpan(reader.Position).ToArray();
    }
}

using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Guestfs.Protocol;
using Guestfs.Xdr;

namespace Guestfs.Tests.Engine;

/// <summary>filesystem_walk, find_inode and yara_scan: the downloaded stream of back-to-back XDR records is decoded in order.</summary>
public class RecordStreamActionsTests
{
    private static readonly TskDirent s_root = new(2, 'd', 1024, ".", 1, 1, 2, 3, 4, 5, 6, 7, 8, 3, string.Empty, 0);
    private static readonly TskDirent s_link = new(12, 'l', 7, "link", 1, 0, 0, 0, 0, 0, 0, 0, 0, 1, "target", 0);

    [Fact]
    public async Task FilesystemWalk_RecordsSplitAcrossChunks_DecodedInOrder()
    {
        await using FakeDaemon daemon = FakeDaemon.Start();
        await using GuestfsHandle g = await daemon.LaunchHandleAsync();
        Task<IReadOnlyList<TskDirent>> walk = g.FilesystemWalkAsync("/dev/sda1");
        ReceivedCall c = await daemon.ReadCallAsync();
        Assert.Equal(Procedure.InternalFilesystemWalk, c.Header.Proc);
        Assert.Equal("/dev/sda1", c.ArgString());
        await daemon.SendReplyAsync(c);
        byte[] stream = Encode(s_root, s_link);
        await daemon.SendChunkAsync(stream[..13]);
        await daemon.SendChunkAsync(stream[13..]);
        await daemon.SendChunkAsync([]);
        Assert.Equal(new[] { s_root, s_link }, await walk);
    }

    [Fact]
    public async Task FindInode_SendsDeviceAndInode_EmptyStreamIsEmptyList()
    {
        await using FakeDaemon daemon = FakeDaemon.Start();
        await using GuestfsHandle g = await daemon.LaunchHandleAsync();
        Task<IReadOnlyList<TskDirent>> find = g.FindInodeAsync("/dev/sda1", 12);
        ReceivedCall c = await daemon.ReadCallAsync();
        Assert.Equal(Procedure.InternalFindInode, c.Header.Proc);
        var r = new XdrReader(c.Args);
        Assert.Equal("/dev/sda1", r.ReadString());
        Assert.Equal(12, r.ReadInt64());
        await daemon.SendReplyAsync(c);
        await daemon.SendChunkAsync([]);
        Assert.Empty(await find);
    }

    [Fact]
    public async Task YaraScan_DecodesDetections_TruncatedStreamIsAnError()
    {
        await using FakeDaemon daemon = FakeDaemon.Start();
        await using GuestfsHandle g = await daemon.LaunchHandleAsync();
        var detections = new[] { new YaraDetection("/etc/passwd", "rule_a"), new YaraDetection("/bin/x", "rule_b") };

        Task<IReadOnlyList<YaraDetection>> scan = g.YaraScanAsync("/");
        ReceivedCall c = await daemon.ReadCallAsync();
        Assert.Equal(Procedure.InternalYaraScan, c.Header.Proc);
        await daemon.SendReplyAsync(c);
        await daemon.SendChunkAsync(Encode(detections));
        await daemon.SendChunkAsync([]);
        Assert.Equal(detections, await scan);

        Task<IReadOnlyList<YaraDetection>> truncated = g.YaraScanAsync("/");
        c = await daemon.ReadCallAsync();
        await daemon.SendReplyAsync(c);
        byte[] bytes = Encode(detections);
        await daemon.SendChunkAsync(bytes[..^3]);
        await daemon.SendChunkAsync([]);
        GuestfsException e = await Assert.ThrowsAsync<GuestfsException>(() => truncated);
        Assert.Contains("record 2", e.Message, StringComparison.Ordinal);
        Assert.Equal("yara_scan", e.Procedure);
    }

    [Fact]
    public async Task JournalGet_LengthPrefixedFields_SplitAtTheFirstEquals()
    {
        await using FakeDaemon daemon = FakeDaemon.Start();
        await using GuestfsHandle g = await daemon.LaunchHandleAsync();
        Task<IReadOnlyList<XAttr>> journal = g.JournalGetAsync();
        ReceivedCall c = await daemon.ReadCallAsync();
        Assert.Equal(Procedure.InternalJournalGet, c.Header.Proc);
        Assert.Empty(c.Args);
        await daemon.SendReplyAsync(c);
        byte[] stream = [.. Field("MESSAGE=hello=world"), .. Field("_PID=42"), .. Field("BIN=\0\u0001")];
        await daemon.SendChunkAsync(stream);
        await daemon.SendChunkAsync([]);
        IReadOnlyList<XAttr> fields = await journal;
        Assert.Equal(new[] { "MESSAGE", "_PID", "BIN" }, fields.Select(f => f.Attrname));
        Assert.Equal("hello=world"u8.ToArray(), fields[0].Attrval);
        Assert.Equal(new byte[] { 0, 1 }, fields[2].Attrval);
    }

    [Theory]
    [InlineData(new byte[] { 0, 0, 0 }, "truncated")]
    [InlineData(new byte[] { 0, 0, 0, 0, 0, 0, 0, 9, (byte)'A', (byte)'=', (byte)'b' }, "length field is too large")]
    [InlineData(new byte[] { 0, 0, 0, 0, 0, 0, 0, 3, (byte)'A', (byte)'b', (byte)'c' }, "no '=' found")]
    [InlineData(new byte[] { 0, 0, 0, 0, 0, 0, 0, 3, (byte)'A', 0, (byte)'=' }, "no '=' found")]
    public void DecodeJournalFields_MalformedStream_LibguestfsError(byte[] stream, string expected)
    {
        GuestfsException e = Assert.Throws<GuestfsException>(() => GuestfsHandle.DecodeJournalFields(stream));
        Assert.StartsWith("invalid data from guestfs_internal_journal_get: " + expected, e.Message, StringComparison.Ordinal);
    }

    private static byte[] Field(string text)
    {
        byte[] body = System.Text.Encoding.UTF8.GetBytes(text);
        byte[] field = new byte[8 + body.Length];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64BigEndian(field, (ulong)body.Length);
        body.CopyTo(field, 8);
        return field;
    }

    private static byte[] Encode<T>(params T[] records)
        where T : IXdrEncodable
    {
        using var buffer = new PooledBufferWriter();
        var w = new XdrWriter(buffer);
        foreach (T record in records)
        {
            record.Encode(ref w);
        }

        return buffer.WrittenSpan.ToArray();
    }
}

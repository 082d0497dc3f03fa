using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Guestfs.Protocol;
using Guestfs.Xdr;

#pragma warning disable CS0618 // lstatlist is deprecated in libguestfs; it is exercised on purpose

namespace Guestfs.Tests.Engine;

/// <summary>lstatnslist, lstatlist, lxattrlist and readlinklist against the scripted daemon: batching of 1000 names, order, errors.</summary>
public class ListActionsTests
{
    [Fact]
    public async Task Readlinklist_2500Names_SendsBatchesOf1000500InOrderAndJoinsReplies()
    {
        await using FakeDaemon daemon = FakeDaemon.Start();
        await using GuestfsHandle g = await daemon.LaunchHandleAsync();
        string[] names = Enumerable.Range(0, 2500).Select(i => "n" + i).ToArray();
        Task<IReadOnlyList<string>> links = g.ReadlinklistAsync("/d", names);

        var sizes = new List<int>();
        for (int batch = 0; batch < 3; batch++)
        {
            ReceivedCall c = await daemon.ReadCallAsync();
            Assert.Equal(Procedure.InternalReadlinklist, c.Header.Proc);
            (string path, string[] sent) = ReadPathAndNames(c);
            Assert.Equal("/d", path);
            Assert.Equal(names.Skip(sizes.Sum()).Take(sent.Length), sent);
            sizes.Add(sent.Length);
            await daemon.SendReplyAsync(c, w =>
            {
                w.WriteArrayLength(sent.Length);
                foreach (string name in sent)
                {
                    w.WriteString("target-" + name);
                }
            });
        }

        Assert.Equal(new[] { 1000, 1000, 500 }, sizes);
        Assert.Equal(names.Select(n => "target-" + n), await links);
    }

    [Fact]
    public async Task Lstatnslist_1001Names_TwoBatches_LstatlistKeepsSecondsOnly()
    {
        await using FakeDaemon daemon = FakeDaemon.Start();
        await using GuestfsHandle g = await daemon.LaunchHandleAsync();
        string[] names = Enumerable.Range(0, 1001).Select(i => "f" + i).ToArray();

        Task<IReadOnlyList<StatNs>> ns = g.LstatnslistAsync("/", names);
        await ReplyStatsAsync(daemon, expectedBatches: [1000, 1]);
        IReadOnlyList<StatNs> stats = await ns;
        Assert.Equal(Enumerable.Range(0, 1001).Select(i => (long)i), stats.Select(s => s.StIno));
        Assert.Equal(7, stats[1000].StMtimeNsec);

        Task<IReadOnlyList<Stat>> old = g.LstatlistAsync("/", names);
        await ReplyStatsAsync(daemon, expectedBatches: [1000, 1]);
        IReadOnlyList<Stat> oldStats = await old;
        Assert.Equal(Enumerable.Range(0, 1001).Select(i => (long)i), oldStats.Select(s => s.Ino));
        Assert.Equal(1000 + 100, oldStats[1000].Mtime);
    }

    [Fact]
    public async Task Lstatnslist_ErrorInSecondBatch_ThrowsTheDaemonError()
    {
        await using FakeDaemon daemon = FakeDaemon.Start();
        await using GuestfsHandle g = await daemon.LaunchHandleAsync();
        Task<IReadOnlyList<StatNs>> ns = g.LstatnslistAsync("/", Enumerable.Range(0, 1500).Select(i => "f" + i).ToArray());
        ReceivedCall first = await daemon.ReadCallAsync();
        await daemon.SendReplyAsync(first, w => WriteStats(w, 0, ReadPathAndNames(first).Names.Length));
        await daemon.SendErrorAsync(await daemon.ReadCallAsync(), "ENOTDIR", "/: Not a directory");
        GuestfsException e = await Assert.ThrowsAsync<GuestfsException>(() => ns);
        Assert.Equal("ENOTDIR", e.Errno);
        Assert.Equal("internal_lstatnslist", e.Procedure);

        Task<IReadOnlyList<string>> links = g.ReadlinklistAsync("/", ["x"]);
        ReceivedCall c = await daemon.ReadCallAsync();
        await daemon.SendReplyAsync(c, w => { w.WriteArrayLength(1); w.WriteString(""); });
        Assert.Equal(new[] { string.Empty }, await links);
    }

    [Fact]
    public async Task Lxattrlist_PassesTheDaemonsMarkerEntriesThrough()
    {
        await using FakeDaemon daemon = FakeDaemon.Start();
        await using GuestfsHandle g = await daemon.LaunchHandleAsync();
        Task<IReadOnlyList<XAttr>> xattrs = g.LxattrlistAsync("/d", ["a", "b"]);
        ReceivedCall c = await daemon.ReadCallAsync();
        Assert.Equal(Procedure.InternalLxattrlist, c.Header.Proc);
        Assert.Equal(new[] { "a", "b" }, ReadPathAndNames(c).Names);
        await daemon.SendReplyAsync(c, w =>
        {
            w.WriteArrayLength(3);
            w.WriteString(string.Empty);
            w.WriteOpaque("1\0"u8);
            w.WriteString("user.k");
            w.WriteOpaque("v"u8);
            w.WriteString(string.Empty);
            w.WriteOpaque("0\0"u8);
        });
        IReadOnlyList<XAttr> result = await xattrs;
        Assert.Equal(new[] { string.Empty, "user.k", string.Empty }, result.Select(x => x.Attrname));
        Assert.Equal("v"u8.ToArray(), result[1].Attrval);
    }

    [Fact]
    public async Task ListActions_EmptyNames_MakeNoDaemonCall()
    {
        await using FakeDaemon daemon = FakeDaemon.Start();
        await using GuestfsHandle g = await daemon.LaunchHandleAsync();
        Assert.Empty(await g.LstatnslistAsync("/", []));
        Assert.Empty(await g.LstatlistAsync("/", []));
        Assert.Empty(await g.LxattrlistAsync("/", []));
        Assert.Empty(await g.ReadlinklistAsync("/", []));
        Assert.True(await daemon.IsSilentAsync(TimeSpan.FromMilliseconds(200)));
    }

    [Fact]
    public async Task ListActions_BadArguments_ThrowBeforeSending()
    {
        await using FakeDaemon daemon = FakeDaemon.Start();
        await using GuestfsHandle g = await daemon.LaunchHandleAsync();
        await Assert.ThrowsAsync<ArgumentException>(() => g.LstatnslistAsync("relative", ["a"]));
        await Assert.ThrowsAsync<ArgumentNullException>(() => g.ReadlinklistAsync("/", null!));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => g.LxattrlistAsync("/", ["a\0b"]));
        Assert.True(await daemon.IsSilentAsync(TimeSpan.FromMilliseconds(200)));
    }

    [Fact]
    public void Batches_SplitsAtTheLibguestfsLimit()
    {
        Assert.Empty(GuestfsHandle.Batches([]));
        string[] names = Enumerable.Range(0, 2001).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        var batches = GuestfsHandle.Batches(names).ToList();
        Assert.Equal(new[] { 1000, 1000, 1 }, batches.Select(b => b.Count));
        Assert.Equal(names, batches.SelectMany(b => b));
    }

    private static async Task ReplyStatsAsync(FakeDaemon daemon, int[] expectedBatches)
    {
        int offset = 0;
        foreach (int expected in expectedBatches)
        {
            ReceivedCall c = await daemon.ReadCallAsync();
            Assert.Equal(Procedure.InternalLstatnslist, c.Header.Proc);
            int count = ReadPathAndNames(c).Names.Length;
            Assert.Equal(expected, count);
            int first = offset;
            await daemon.SendReplyAsync(c, w => WriteStats(w, first, count));
            offset += count;
        }
    }

    /// <summary>Writes a statns list whose i-th entry has inode <paramref name="first"/>+i, mtime first+i+100 s and 7 ns.</summary>
    private static void WriteStats(XdrWriter w, int first, int count)
    {
        w.WriteArrayLength(count);
        for (int i = 0; i < count; i++)
        {
            long ino = first + i;
            long[] fields = [1, ino, 0x81a4, 1, 0, 0, 0, 10, 4096, 8, 0, 0, ino + 100, 7, 0, 0, 0, 0, 0, 0, 0, 0];
            foreach (long f in fields)
            {
                w.WriteInt64(f);
            }
        }
    }

    private static (string Path, string[] Names) ReadPathAndNames(ReceivedCall c)
    {
        var r = new XdrReader(c.Args);
        string path = r.ReadString();
        int count = r.ReadArrayLength();
        var names = new string[count];
        for (int i = 0; i < count; i++)
        {
            names[i] = r.ReadString();
        }

        r.ExpectEnd();
        return (path, names);
    }
}

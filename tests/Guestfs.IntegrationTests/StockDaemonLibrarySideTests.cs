using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading.Tasks;

#pragma warning disable CS0618 // lstatlist is deprecated in libguestfs; it is tested on purpose

namespace Guestfs.IntegrationTests;

/// <summary>
/// Library-side actions built on daemon calls, against the stock guestfsd 1.48 (fenced, one daemon for the class):
/// the per-directory list calls, copy_in/copy_out with a host tar, feature groups and mountable parsing.
/// </summary>
public sealed class StockDaemonLibrarySideTests(FilesystemFixture fixture) : IClassFixture<FilesystemFixture>, IDisposable
{
    private readonly string _hostDirectory = Directory.CreateTempSubdirectory("guestfs-libside-").FullName;

    private GuestfsHandle G => fixture.Handle;

    public void Dispose() => Directory.Delete(_hostDirectory, recursive: true);

    [Fact]
    public async Task ListCalls_FileLinkDirectoryAndMissingName_AnswerPerNameInOrder()
    {
        await G.MkdirAsync("/lists");
        await G.WriteAsync("/lists/f", Encoding.ASCII.GetBytes("12345"));
        await G.LnSAsync("f", "/lists/l");
        await G.MkdirAsync("/lists/d");
        await G.SetxattrAsync("user.k", "vv", 2, "/lists/f");
        string[] names = ["f", "l", "d", "missing"];

        IReadOnlyList<StatNs> ns = await G.LstatnslistAsync("/lists", names);
        Assert.Equal(4, ns.Count);
        Assert.Equal(5, ns[0].StSize);
        Assert.Equal(0xA000, ns[1].StMode & 0xF000);
        Assert.Equal(0x4000, ns[2].StMode & 0xF000);
        Assert.Equal(-1, ns[3].StIno);
        Assert.Equal((await G.LstatnsAsync("/lists/l")).StIno, ns[1].StIno);

        IReadOnlyList<Stat> old = await G.LstatlistAsync("/lists", names);
        Assert.Equal(ns.Select(s => (s.StIno, s.StSize, s.StMtimeSec)), old.Select(s => (s.Ino, s.Size, s.Mtime)));

        Assert.Equal(new[] { string.Empty, "f", string.Empty, string.Empty }, await G.ReadlinklistAsync("/lists", names));

        IReadOnlyList<XAttr> xattrs = await G.LxattrlistAsync("/lists", ["f"]);
        Assert.Equal(string.Empty, xattrs[0].Attrname);
        Assert.Equal("1\0", Encoding.ASCII.GetString(xattrs[0].Attrval)); // the daemon counts in ASCII with a trailing NUL
        Assert.Equal("user.k", xattrs[1].Attrname);
        Assert.Equal("vv", Encoding.ASCII.GetString(xattrs[1].Attrval));
        Assert.Equal(2, xattrs.Count);
    }

    [Fact]
    public async Task Lstatnslist_2500Names_ThreeBatchesAgreeWithLstatnsPerName()
    {
        await G.MkdirAsync("/many");
        foreach (string n in new[] { "a", "b", "c" })
        {
            await G.TouchAsync("/many/" + n);
        }

        var inodes = new Dictionary<string, long> { ["nope"] = -1 };
        foreach (string n in new[] { "a", "b", "c" })
        {
            inodes[n] = (await G.LstatnsAsync("/many/" + n)).StIno;
        }

        string[] cycle = ["a", "b", "c", "nope"];
        string[] names = Enumerable.Range(0, 2500).Select(i => cycle[i % 4]).ToArray();
        IReadOnlyList<StatNs> stats = await G.LstatnslistAsync("/many", names);
        Assert.Equal(names.Select(n => inodes[n]), stats.Select(s => s.StIno));
        IReadOnlyList<string> links = await G.ReadlinklistAsync("/many", names);
        Assert.Equal(2500, links.Count);
        Assert.All(links, link => Assert.Equal(string.Empty, link));
    }

    [Fact]
    public async Task CopyInThenCopyOut_DirectoryTree_RoundTripsContentAndLinks()
    {
        string tree = Path.Combine(_hostDirectory, "in", "tree");
        Directory.CreateDirectory(Path.Combine(tree, "sub", "deeper"));
        Directory.CreateDirectory(Path.Combine(tree, "empty"));
        File.WriteAllText(Path.Combine(tree, "a.txt"), "alpha\n");
        byte[] binary = new byte[300_000];
        new Random(7).NextBytes(binary);
        File.WriteAllBytes(Path.Combine(tree, "sub", "b.bin"), binary);
        File.WriteAllBytes(Path.Combine(tree, "sub", "deeper", "c"), []);
        File.CreateSymbolicLink(Path.Combine(tree, "link"), "a.txt");

        await G.MkdirAsync("/ci");
        await G.CopyInAsync(tree + "/", "/ci");
        Assert.Equal(
            new[] { "/a.txt", "/empty", "/link", "/sub", "/sub/b.bin", "/sub/deeper", "/sub/deeper/c" },
            await G.FindAsync("/ci/tree"));
        Assert.Equal("alpha\n", await G.CatAsync("/ci/tree/a.txt"));
        Assert.Equal("a.txt", await G.ReadlinkAsync("/ci/tree/link"));

        string output = Path.Combine(_hostDirectory, "out");
        Directory.CreateDirectory(output);
        await G.CopyOutAsync("/ci/tree", output);
        string back = Path.Combine(output, "tree");
        Assert.Equal("alpha\n", File.ReadAllText(Path.Combine(back, "a.txt")));
        Assert.Equal(binary, File.ReadAllBytes(Path.Combine(back, "sub", "b.bin")));
        Assert.Empty(File.ReadAllBytes(Path.Combine(back, "sub", "deeper", "c")));
        Assert.True(Directory.Exists(Path.Combine(back, "empty")));
        Assert.Equal("a.txt", new FileInfo(Path.Combine(back, "link")).LinkTarget);

        string single = Path.Combine(_hostDirectory, "single");
        Directory.CreateDirectory(single);
        await G.CopyOutAsync("/ci/tree/sub/b.bin", single);
        Assert.Equal(binary, File.ReadAllBytes(Path.Combine(single, "b.bin")));
    }

    [Fact]
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public async Task CopyOut_DeviceNodesFifosAndSetuid_NeverReachTheHost()
    {
        // As root, a plain "tar -xf" (what libguestfs runs) would create the device node and keep setuid root.
        await G.MkdirAsync("/hostile");
        await G.WriteAsync("/hostile/shell", Encoding.UTF8.GetBytes("#!/bin/sh\n"));
        await G.ChmodAsync(0x9ED, "/hostile/shell"); // 04755
        await G.MknodCAsync(0x1B6, 1, 3, "/hostile/null"); // 0666, like /dev/null
        await G.MkfifoAsync(0x1A4, "/hostile/pipe");
        var warnings = new List<string>();
        void OnEvent(object? sender, GuestfsEventArgs e)
        {
            if (e.Event == GuestfsEvents.Warning)
            {
                lock (warnings)
                {
                    warnings.Add(e.Buffer);
                }
            }
        }

        G.EventRaised += OnEvent;
        try
        {
            string output = Path.Combine(_hostDirectory, "hostile-out");
            Directory.CreateDirectory(output);
            await G.CopyOutAsync("/hostile", output);

            string back = Path.Combine(output, "hostile");
            Assert.Equal("#!/bin/sh\n", File.ReadAllText(Path.Combine(back, "shell")));
            UnixFileMode mode = File.GetUnixFileMode(Path.Combine(back, "shell"));
            Assert.Equal((UnixFileMode)0, mode & (UnixFileMode.SetUser | UnixFileMode.SetGroup));
            Assert.True(mode.HasFlag(UnixFileMode.UserExecute));
            Assert.False(File.Exists(Path.Combine(back, "null")) || Directory.Exists(Path.Combine(back, "null")));
            Assert.False(File.Exists(Path.Combine(back, "pipe")));
            Assert.Contains(warnings, w => w.Contains("null", StringComparison.Ordinal) && w.Contains("character device", StringComparison.Ordinal));
            Assert.Contains(warnings, w => w.Contains("pipe", StringComparison.Ordinal) && w.Contains("FIFO", StringComparison.Ordinal));
        }
        finally
        {
            G.EventRaised -= OnEvent;
        }
    }

    [Fact]
    public async Task CopyInCopyOut_BadSourcesAndTargets_FailWithLibguestfsMessagesAndLeaveTheHandleUsable()
    {
        await G.MkdirAsync("/cerr");
        await G.TouchAsync("/cerr/file");
        await G.MkfifoAsync(0x1a4, "/cerr/fifo");

        GuestfsException missing = await Assert.ThrowsAsync<GuestfsException>(() => G.CopyInAsync(Path.Combine(_hostDirectory, "nothing"), "/cerr"));
        Assert.Contains("does not exist", missing.Message, StringComparison.Ordinal);
        GuestfsException notDir = await Assert.ThrowsAsync<GuestfsException>(() => G.CopyInAsync(_hostDirectory, "/cerr/file"));
        Assert.Equal("target '/cerr/file' is not a directory", notDir.Message);
        GuestfsException localNotDir = await Assert.ThrowsAsync<GuestfsException>(() => G.CopyOutAsync("/cerr", Path.Combine(_hostDirectory, "nothing")));
        Assert.Contains("is not a directory", localNotDir.Message, StringComparison.Ordinal);
        GuestfsException fifo = await Assert.ThrowsAsync<GuestfsException>(() => G.CopyOutAsync("/cerr/fifo", _hostDirectory));
        Assert.Equal("'/cerr/fifo' is not a file or directory", fifo.Message);

        Assert.Equal(new[] { "fifo", "file" }, await G.LsAsync("/cerr"));
    }

    [Fact]
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public async Task CopyOut_DestinationIsASymbolicLink_RefusedAndNothingWrittenThroughIt()
    {
        await G.MkdirAsync("/dlink");
        await G.WriteAsync("/dlink/file", Encoding.UTF8.GetBytes("guest data"));
        string output = Path.Combine(_hostDirectory, "dlink-out");
        Directory.CreateDirectory(output);
        string victimFile = Path.Combine(_hostDirectory, "victim-file");
        File.WriteAllText(victimFile, "precious");
        string victimDirectory = Directory.CreateDirectory(Path.Combine(_hostDirectory, "victim-dir")).FullName;
        File.CreateSymbolicLink(Path.Combine(output, "file"), victimFile);
        File.CreateSymbolicLink(Path.Combine(output, "dlink"), victimDirectory);

        GuestfsException file = await Assert.ThrowsAsync<GuestfsException>(() => G.CopyOutAsync("/dlink/file", output));
        GuestfsException tree = await Assert.ThrowsAsync<GuestfsException>(() => G.CopyOutAsync("/dlink", output));

        Assert.Contains("symbolic link", file.Message, StringComparison.Ordinal);
        Assert.Contains(Path.Combine(output, "dlink"), tree.Message, StringComparison.Ordinal);
        Assert.Equal("precious", File.ReadAllText(victimFile));
        Assert.Empty(Directory.GetFileSystemEntries(victimDirectory));
        Assert.Equal(new[] { "file" }, await G.LsAsync("/dlink"));
    }

    [Fact]
    public async Task FeatureGroups_AgreeWithTheDaemonAndRejectUnknownGroups()
    {
        foreach (string group in await G.AvailableAllGroupsAsync())
        {
            bool daemon = await G.InternalFeatureAvailableAsync(group) == 0;
            Assert.Equal(daemon, await G.FeatureAvailableAsync([group]));
            if (daemon)
            {
                await G.AvailableAsync([group]);
            }
            else
            {
                GuestfsException e = await Assert.ThrowsAsync<GuestfsException>(() => G.AvailableAsync([group]));
                Assert.Equal(group + ": group not available", e.Message);
            }
        }

        GuestfsException unknown = await Assert.ThrowsAsync<GuestfsException>(() => G.FeatureAvailableAsync(["no_such_group"]));
        Assert.Equal("no_such_group: unknown group", unknown.Message);
        Assert.True(await G.FeatureAvailableAsync([]));
    }

    [SkippableFact]
    public async Task FilesystemWalkAndFindInode_DecodeTheDaemonsRecordStream()
    {
        Skip.IfNot(await G.FeatureAvailableAsync(["libtsk"]), "the host's guestfsd was built without the libtsk group (filesystem_walk, find_inode)");
        await G.MkdirAsync("/walk");
        await G.WriteAsync("/walk/file", Encoding.ASCII.GetBytes("abc"));
        long inode = (await G.LstatnsAsync("/walk/file")).StIno;

        await G.SyncAsync();
        IReadOnlyList<TskDirent> entries = await G.FilesystemWalkAsync("/dev/sda1");
        TskDirent file = Assert.Single(entries, e => e.TskName == "walk/file");
        Assert.Equal(inode, (long)file.TskInode);
        Assert.Equal('r', file.TskType);
        Assert.Equal(3, file.TskSize);
        Assert.Contains(entries, e => e.TskName == "lost+found" && e.TskType == 'd');

        TskDirent found = Assert.Single(await G.FindInodeAsync("/dev/sda1", inode));
        Assert.Equal("walk/file", found.TskName);
    }

    [Fact]
    public async Task MountablesAndDeviceNames_AsLibguestfsParsesThem()
    {
        Assert.Equal("/dev/sda1", await G.MountableDeviceAsync("/dev/sda1"));
        GuestfsException e = await Assert.ThrowsAsync<GuestfsException>(() => G.MountableSubvolumeAsync("/dev/sda1"));
        Assert.Equal("EINVAL", e.Errno);
        Assert.Equal("/dev/sda1", await G.CanonicalDeviceNameAsync("/dev/vda1"));
        Assert.Equal("/dev/mapper/nothing", await G.CanonicalDeviceNameAsync("/dev/mapper/nothing"));
        Assert.Equal(1, await G.DeviceIndexAsync("/dev/sdb"));
    }
}

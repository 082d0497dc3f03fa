using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;

namespace Guestfs.IntegrationTests;

/// <summary>
/// Captures what the stock guestfsd really sends for a set of calls (through <see cref="RecordingProxy"/>) and
/// checks it against the reply corpus committed in <c>tests/Guestfs.Tests/Hardening/Corpus</c>, which the fast
/// fuzz tests mutate. With <c>GUESTFS_ACCEPT_REPLY_CORPUS=1</c> it rewrites the corpus instead
/// (<c>eng/capture-reply-corpus.sh</c>).
/// </summary>
public sealed class ReplyCorpusCaptureTests
{
    private const uint ProgressFlag = 0xffff_feed;
    private const uint CancelFlag = 0xffff_eeee;

    [Fact]
    public async Task StockDaemon_Replies_HaveTheFrameStructureOfTheCommittedCorpus()
    {
        Dictionary<string, byte[]> captured = await CaptureAsync();
        string corpus = CorpusDirectory();

        if (Environment.GetEnvironmentVariable("GUESTFS_ACCEPT_REPLY_CORPUS") == "1")
        {
            Directory.CreateDirectory(corpus);
            foreach (string stale in Directory.EnumerateFiles(corpus, "*.reply"))
            {
                File.Delete(stale);
            }

            foreach ((string name, byte[] bytes) in captured)
            {
                await File.WriteAllBytesAsync(Path.Combine(corpus, name + ".reply"), bytes);
            }

            return;
        }

        var committed = Directory.EnumerateFiles(corpus, "*.reply").Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(captured.Keys.Order(StringComparer.Ordinal), committed);
        foreach ((string name, byte[] bytes) in captured)
        {
            // Contents may differ (times and inode numbers in statns); the sequence of frames may not.
            Assert.Equal(Structure(File.ReadAllBytes(Path.Combine(corpus, name + ".reply"))), Structure(bytes));
        }
    }

    /// <summary>Runs the calls and returns each one's daemon bytes, keyed <c>NAME.SHAPE</c> (the shape tells the fuzz
    /// test which <c>_ret</c> to decode).</summary>
    private static async Task<Dictionary<string, byte[]>> CaptureAsync()
    {
        await using GuestfsdHost host = await GuestfsdHost.StartAsync(sizeMb: 64);
        await using RecordingProxy proxy = RecordingProxy.Start(host.SocketPath, host.WorkDirectory);
        await using var g = new GuestfsHandle(new GuestfsOptions { ReadEnvironment = false, Backend = proxy.Backend });
        await g.SetAutosyncAsync(false);
        await g.LaunchAsync().WaitAsync(TimeSpan.FromSeconds(30));
        await g.MkfsAsync("ext4", "/dev/sda");
        await g.MountAsync("/dev/sda", "/");
        await g.WriteAsync("/file", Enumerable.Range(0, 10_000).Select(static i => (byte)(i * 7)).ToArray());
        await g.LnSAsync("/file", "/link");
        await g.MkdirAsync("/dir");
        proxy.TakeRecorded();

        var captured = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        async Task Capture(string name, string shape, Func<Task> call, bool fails = false)
        {
            if (fails)
            {
                await Assert.ThrowsAsync<GuestfsException>(call);
            }
            else
            {
                await call();
            }

            byte[] bytes = proxy.TakeRecorded();
            Assert.NotEmpty(bytes);
            captured.Add(name + "." + shape, bytes);
        }

        await Capture("sync", "None", () => g.SyncAsync());
        await Capture("touch", "None", () => g.TouchAsync("/dir/new"));
        await Capture("mkdir-error-eexist", "None", () => g.MkdirAsync("/dir"), fails: true);
        await Capture("mount-error-missing-device", "None", () => g.MountAsync("/dev/sdz", "/dir"), fails: true);
        await Capture("readlink", "String", () => g.ReadlinkAsync("/link"));
        await Capture("readlink-error-einval", "String", () => g.ReadlinkAsync("/file"), fails: true);
        await Capture("umask", "Int", () => g.UmaskAsync(18));
        await Capture("is-dir", "Int", () => g.IsDirAsync("/dir"));
        await Capture("pread", "Opaque", () => g.PreadAsync("/file", 300, 7));
        await Capture("pread-error-eisdir", "Opaque", () => g.PreadAsync("/dir", 10, 0), fails: true);
        await Capture("list-devices", "StringList", () => g.ListDevicesAsync());
        await Capture("list-partitions-empty", "StringList", () => g.ListPartitionsAsync());
        await Capture("statns", "Statns", () => g.StatnsAsync("/file"));
        await Capture("download", "Download", () => g.DownloadAsync("/file", new MemoryStream()));
        await Capture("download-error-enoent", "Download", () => g.DownloadAsync("/missing", new MemoryStream()), fails: true);
        return captured;
    }

    /// <summary>The frames of a daemon byte stream: progress and cancel words, and each framed message's kind
    /// (the first is the reply: procedure and status; later ones are chunks: cancel flag and whether empty).</summary>
    private static List<string> Structure(byte[] stream)
    {
        var frames = new List<string>();
        int at = 0;
        bool replySeen = false;
        while (at < stream.Length)
        {
            uint word = BinaryPrimitives.ReadUInt32BigEndian(stream.AsSpan(at));
            if (word == ProgressFlag)
            {
                frames.Add("progress");
                at += 4 + 24;
            }
            else if (word == CancelFlag)
            {
                frames.Add("cancel");
                at += 4;
            }
            else
            {
                ReadOnlySpan<byte> body = stream.AsSpan(at + 4, (int)word);
                if (!replySeen)
                {
                    frames.Add($"reply proc={BinaryPrimitives.ReadUInt32BigEndian(body[8..])} status={BinaryPrimitives.ReadUInt32BigEndian(body[36..])}");
                    replySeen = true;
                }
                else
                {
                    frames.Add($"chunk cancel={BinaryPrimitives.ReadInt32BigEndian(body)} empty={BinaryPrimitives.ReadUInt32BigEndian(body[4..]) == 0}");
                }

                at += 4 + (int)word;
            }
        }

        return frames;
    }

    private static string CorpusDirectory() => Path.Combine(RepositoryPaths.Root, "tests", "Guestfs.Tests", "Hardening", "Corpus");
}

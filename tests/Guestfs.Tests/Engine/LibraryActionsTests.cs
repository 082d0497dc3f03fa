using System.Linq;
using System.Text;
using System.Threading.Tasks;
using Guestfs.Protocol;
using Guestfs.Xdr;

#pragma warning disable CS0618 // deprecated actions are exercised on purpose; the generator marks them [Obsolete]

namespace Guestfs.Tests.Engine;

public class LibraryActionsTests
{
    [Fact]
    public async Task Cat_UsesDownloadAndDecodesText()
    {
        await using FakeDaemon daemon = FakeDaemon.Start();
        await using GuestfsHandle g = await daemon.LaunchHandleAsync();
        Task<string> cat = g.CatAsync("/etc/hostname");
        ReceivedCall c = await daemon.ReadCallAsync();
        Assert.Equal(Procedure.Download, c.Header.Proc);
        Assert.Equal(67, (int)c.Header.Proc);
        Assert.Equal("/etc/hostname", c.ArgString());
        await daemon.SendReplyAsync(c);
        await daemon.SendChunkAsync(Encoding.UTF8.GetBytes("guest\nsecond\r\n"));
        await daemon.SendChunkAsync(System.Array.Empty<byte>());
        Assert.Equal("guest\nsecond\r\n", await cat);

        Task<System.Collections.Generic.IReadOnlyList<string>> lines = g.ReadLinesAsync("/etc/hostname");
        c = await daemon.ReadCallAsync();
        await daemon.SendReplyAsync(c);
        await daemon.SendChunkAsync(Encoding.UTF8.GetBytes("guest\nsecond\r\n"));
        await daemon.SendChunkAsync(System.Array.Empty<byte>());
        Assert.Equal(new[] { "guest", "second" }, await lines);
    }

    [Fact]
    public async Task Cat_MissingFile_EnoentFromDaemon()
    {
        await using FakeDaemon daemon = FakeDaemon.Start();
        await using GuestfsHandle g = await daemon.LaunchHandleAsync();
        Task<string> cat = g.CatAsync("/missing");
        await daemon.SendErrorAsync(await daemon.ReadCallAsync(), "ENOENT", "/missing: No such file or directory");
        GuestfsException e = await Assert.ThrowsAsync<GuestfsException>(() => cat);
        Assert.Equal("ENOENT", e.Errno);
        Assert.Equal("download", e.Procedure);
    }

    [Fact]
    public async Task Ls_UsesLs0SplitsOnNulAndSorts()
    {
        await using FakeDaemon daemon = FakeDaemon.Start();
        await using GuestfsHandle g = await daemon.LaunchHandleAsync();
        Task<System.Collections.Generic.IReadOnlyList<string>> ls = g.LsAsync("/");
        ReceivedCall c = await daemon.ReadCallAsync();
        Assert.Equal(347, (int)c.Header.Proc);
        await daemon.SendReplyAsync(c);
        await daemon.SendChunkAsync(Encoding.UTF8.GetBytes("lost+found\0b\0a\0"));
        await daemon.SendChunkAsync(System.Array.Empty<byte>());
        Assert.Equal(new[] { "a", "b", "lost+found" }, await ls);
    }

    [Fact]
    public async Task Write_UsesInternalWriteWithOpaqueContent()
    {
        await using FakeDaemon daemon = FakeDaemon.Start();
        await using GuestfsHandle g = await daemon.LaunchHandleAsync();
        Task write = g.WriteAsync("/f", new byte[] { 1, 2, 3 });
        ReceivedCall c = await daemon.ReadCallAsync();
        Assert.Equal(246, (int)c.Header.Proc);
        var r = new XdrReader(c.Args);
        Assert.Equal("/f", r.ReadString());
        Assert.Equal(new byte[] { 1, 2, 3 }, r.ReadOpaque());
        r.ExpectEnd();
        await daemon.SendReplyAsync(c);
        await write;

        Task append = g.WriteAppendAsync("/f", new byte[] { 4 });
        c = await daemon.ReadCallAsync();
        Assert.Equal(290, (int)c.Header.Proc);
        await daemon.SendReplyAsync(c);
        await append;
    }

    [Fact]
    public async Task Stat_UsesStatnsAndConvertsSeconds()
    {
        await using FakeDaemon daemon = FakeDaemon.Start();
        await using GuestfsHandle g = await daemon.LaunchHandleAsync();
        Task<Stat> stat = g.StatAsync("/f");
        ReceivedCall c = await daemon.ReadCallAsync();
        Assert.Equal(421, (int)c.Header.Proc);
        await daemon.SendReplyAsync(c, w =>
        {
            for (long i = 1; i <= 22; i++)
            {
                w.WriteInt64(i * 10);
            }
        });
        Stat s = await stat;
        Assert.Equal(new Stat(10, 20, 30, 40, 50, 60, 70, 80, 90, 100, 110, 130, 150), s);

        Task<Stat> lstat = g.LstatAsync("/l");
        c = await daemon.ReadCallAsync();
        Assert.Equal(422, (int)c.Header.Proc);
        await daemon.SendReplyAsync(c, w =>
        {
            for (int i = 0; i < 22; i++)
            {
                w.WriteInt64(0);
            }
        });
        Assert.Equal(0, (await lstat).Size);
    }

    [Fact]
    public async Task FileHelpers_RelativePath_ArgumentExceptionBeforeSending()
    {
        await using FakeDaemon daemon = FakeDaemon.Start();
        await using GuestfsHandle g = await daemon.LaunchHandleAsync();
        System.ArgumentException e = await Assert.ThrowsAsync<System.ArgumentException>(() => g.CatAsync("etc/passwd"));
        Assert.Equal("path", e.ParamName);
        Assert.True(await daemon.IsSilentAsync(System.TimeSpan.FromMilliseconds(100)));
    }
}

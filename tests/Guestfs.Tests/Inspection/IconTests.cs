using System.Text;
using System.Threading.Tasks;
using Guestfs.Protocol;
using Guestfs.Tests.Engine;

namespace Guestfs.Tests.Inspection;

/// <summary>inspect_get_icon's PNG checks: file's geometry text, and the lookups against a scripted daemon.</summary>
public sealed class IconTests
{
    [Theory]
    [InlineData("PNG image data, 32 x 32, 8-bit/color RGBA, non-interlaced", 32, 32)]
    [InlineData("PNG image data, 1024 x 7, 1-bit colormap", 1024, 7)]
    [InlineData("PNG image data,  48 x48", 48, 48)]
    public void Geometry_Parsed(string description, int width, int height)
    {
        Assert.Equal((width, height), GuestfsHandle.ParsePngGeometry(description));
    }

    [Theory]
    [InlineData("JPEG image data, JFIF standard 1.01")]
    [InlineData("PNG image data, x by y")]
    [InlineData("PNG image data, 32")]
    [InlineData("PNG image data, 99999999999 x 3")]
    public void Geometry_NotAPngOrUnreadable_Null(string description)
    {
        Assert.Null(GuestfsHandle.ParsePngGeometry(description));
    }

    [Fact]
    public async Task Debian_FaviconMissing_LogoDownloaded()
    {
        byte[] logo = Encoding.ASCII.GetBytes("\x89PNG pretend");
        await using FakeDaemon daemon = FakeDaemon.Start();
        await using GuestfsHandle g = await daemon.LaunchHandleAsync();
        Task<byte[]> icon = g.InspectGetIconAsync("/dev/sda1");
        await Answer(daemon, Procedure.InspectGetType, w => w.WriteString("linux"));
        await Answer(daemon, Procedure.InspectGetDistro, w => w.WriteString("debian"));
        ReceivedCall favicon = await daemon.ReadCallAsync();
        Assert.Equal(("/etc/favicon.png", 1UL), (favicon.ArgString(), favicon.Header.OptargsBitmask));
        await daemon.SendReplyAsync(favicon, w => w.WriteBool(false));
        await Answer(daemon, Procedure.IsFile, w => w.WriteBool(true));
        await Answer(daemon, Procedure.Realpath, w => w.WriteString("/usr/share/pixmaps/debian-logo.png"));
        await Answer(daemon, Procedure.File, w => w.WriteString("PNG image data, 48 x 48, 8-bit/color RGBA, non-interlaced"));
        await Answer(daemon, Procedure.Filesize, w => w.WriteInt64(logo.Length));
        ReceivedCall download = await daemon.ReadCallAsync();
        Assert.Equal((Procedure.Download, "/usr/share/pixmaps/debian-logo.png"), (download.Header.Proc, download.ArgString()));
        await daemon.SendReplyAsync(download);
        await daemon.SendChunkAsync(logo);
        await daemon.SendChunkAsync([]);
        Assert.Equal(logo, await icon);
    }

    [Theory]
    [InlineData("PNG image data, 2048 x 2048, 8-bit/color RGBA", 100)]
    [InlineData("PNG image data, 8 x 8, 8-bit/color RGBA", 100)]
    [InlineData("PNG image data, 48 x 48, 8-bit/color RGBA", 4096)]
    public async Task Debian_LogoTooLargeOrOddGeometry_EmptyBuffer(string description, long size)
    {
        await using FakeDaemon daemon = FakeDaemon.Start();
        await using GuestfsHandle g = await daemon.LaunchHandleAsync();
        Task<byte[]> icon = g.InspectGetIconAsync("/dev/sda1", new InspectGetIconOptions { Favicon = false });
        await Answer(daemon, Procedure.InspectGetType, w => w.WriteString("linux"));
        await Answer(daemon, Procedure.InspectGetDistro, w => w.WriteString("debian"));
        await Answer(daemon, Procedure.IsFile, w => w.WriteBool(true));
        await Answer(daemon, Procedure.Realpath, w => w.WriteString("/usr/share/pixmaps/debian-logo.png"));
        await Answer(daemon, Procedure.File, w => w.WriteString(description));
        if (description.Contains("48 x 48", System.StringComparison.Ordinal))
        {
            await Answer(daemon, Procedure.Filesize, w => w.WriteInt64(size));
        }

        Assert.Empty(await icon);
    }

    private static async Task Answer(FakeDaemon daemon, Procedure expected, System.Action<Guestfs.Xdr.XdrWriter> reply)
    {
        ReceivedCall c = await daemon.ReadCallAsync();
        Assert.Equal(expected, c.Header.Proc);
        await daemon.SendReplyAsync(c, reply);
    }
}

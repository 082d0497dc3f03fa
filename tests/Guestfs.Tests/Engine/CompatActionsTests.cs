using System;
using System.IO;
using System.Threading.Tasks;
using Guestfs.Protocol;
using Guestfs.Xdr;

#pragma warning disable CS0618 // the deprecated drive calls are exercised on purpose

namespace Guestfs.Tests.Engine;

/// <summary>The small library-side actions: device-name helpers, feature-group cache, mountables, deprecated drive calls.</summary>
public class CompatActionsTests
{
    [Theory]
    [InlineData("/dev/sda", "a")]
    [InlineData("/dev/vdb1", "b1")]
    [InlineData("/dev/hdc", "c")]
    [InlineData("/dev/xvdaa", "aa")]
    [InlineData("/dev/md0", null)]
    [InlineData("/dev/mapper/vg-lv", null)]
    [InlineData("/dev/vg/lv", null)]
    [InlineData("/dev/nbd0", "0")] // libguestfs applies the rule blindly: canonical_device_name("/dev/nbd0") is "/dev/sd0"
    [InlineData("/dev/abcd", null)]
    [InlineData("sda", null)]
    public void DriveLetters_FollowsLibguestfsRules(string device, string? letters) =>
        Assert.Equal(letters, GuestfsHandle.DriveLetters(device));

    [Theory]
    [InlineData("a", 0)]
    [InlineData("z", 25)]
    [InlineData("aa", 26)]
    [InlineData("ab", 27)]
    [InlineData("a1", -1)]
    [InlineData("", -1)]
    [InlineData("zzzzzzzzzzzz", -1)]
    public void DriveIndex_Base26FromA(string letters, int index) =>
        Assert.Equal(index, GuestfsHandle.DriveIndex(letters));

    [Fact]
    public async Task DeviceNameHelpers_WorkWithoutAnAppliance()
    {
        await using var g = new GuestfsHandle(new GuestfsOptions { ReadEnvironment = false, DiagnosticWriter = TextWriter.Null });
        Assert.Equal(2, await g.DeviceIndexAsync("/dev/vdc"));
        GuestfsException e = await Assert.ThrowsAsync<GuestfsException>(() => g.DeviceIndexAsync("/dev/sda1"));
        Assert.Equal("/dev/sda1: device not found", e.Message);
        Assert.Equal("/dev/sdb2", await g.CanonicalDeviceNameAsync("/dev/xvdb2"));
        Assert.Equal("/dev/md127", await g.CanonicalDeviceNameAsync("/dev/md127"));
        Assert.Equal("/dev/dm-0", await g.CanonicalDeviceNameAsync("/dev/dm-0"));
        GuestfsException removed = await Assert.ThrowsAsync<GuestfsException>(() => g.RemoveDriveAsync("label"));
        Assert.Equal("hotplugging support was removed in libguestfs 1.48", removed.Message);
    }

    [Fact]
    public async Task DeprecatedDriveCalls_AddThroughAddDriveAndAddDriveRoInConfigOnly()
    {
        await using FakeDaemon daemon = FakeDaemon.Start();
        string image = Path.Combine(Path.GetTempPath(), "guestfs-compat-" + Guid.NewGuid().ToString("N") + ".img");
        File.WriteAllBytes(image, new byte[4096]);
        try
        {
            var trace = new StringWriter();
            await using var g = new GuestfsHandle(daemon.Options(trace, trace: true));
            await g.AddCdromAsync(image);
            await g.AddDriveWithIfAsync(image, "ide");
            await g.AddDriveRoWithIfAsync(image, "virtio");
            string[] lines = trace.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal(2, Array.FindAll(lines, l => l.Contains("add_drive_ro \"" + image + "\"", StringComparison.Ordinal)).Length);
            Assert.Single(lines, l => l.Contains("add_drive \"" + image + "\"", StringComparison.Ordinal));

            await using GuestfsHandle launched = await daemon.LaunchHandleAsync();
            await Assert.ThrowsAsync<InvalidOperationException>(() => launched.AddCdromAsync(image));
        }
        finally
        {
            File.Delete(image);
        }
    }

    [Fact]
    public async Task FeatureAvailable_AsksEachGroupOncePerAppliance()
    {
        await using FakeDaemon daemon = FakeDaemon.Start();
        await using GuestfsHandle g = await daemon.LaunchHandleAsync();

        Task<bool> first = g.FeatureAvailableAsync(["btrfs", "xfs"]);
        await AnswerFeatureAsync(daemon, "btrfs", 0);
        await AnswerFeatureAsync(daemon, "xfs", 1);
        Assert.False(await first);

        Assert.False(await g.FeatureAvailableAsync(["btrfs", "xfs"]));
        Assert.True(await g.FeatureAvailableAsync(["btrfs"]));
        GuestfsException notAvailable = await Assert.ThrowsAsync<GuestfsException>(() => g.AvailableAsync(["btrfs", "xfs"]));
        Assert.Equal("xfs: group not available", notAvailable.Message);
        Assert.True(await daemon.IsSilentAsync(TimeSpan.FromMilliseconds(200)));

        Task available = g.AvailableAsync(["zz"]);
        await AnswerFeatureAsync(daemon, "zz", 2);
        GuestfsException unknown = await Assert.ThrowsAsync<GuestfsException>(() => available);
        Assert.Equal("zz: unknown group", unknown.Message);
    }

    [Fact]
    public async Task MountableSubvolume_DaemonErrorOrPlainDevice_IsEinval()
    {
        await using FakeDaemon daemon = FakeDaemon.Start();
        await using GuestfsHandle g = await daemon.LaunchHandleAsync();

        Task<string> device = g.MountableDeviceAsync("btrfsvol:/dev/sda1/root");
        await AnswerMountableAsync(daemon, "/dev/sda1", "root");
        Assert.Equal("/dev/sda1", await device);

        Task<string> volume = g.MountableSubvolumeAsync("btrfsvol:/dev/sda1/root");
        await AnswerMountableAsync(daemon, "/dev/sda1", "root");
        Assert.Equal("root", await volume);

        Task<string> plain = g.MountableSubvolumeAsync("/dev/sda1");
        await AnswerMountableAsync(daemon, "/dev/sda1", string.Empty);
        Assert.Equal("EINVAL", (await Assert.ThrowsAsync<GuestfsException>(() => plain)).Errno);

        Task<string> broken = g.MountableSubvolumeAsync("/dev/nothing");
        await daemon.SendErrorAsync(await daemon.ReadCallAsync(), "ENOENT", "/dev/nothing: No such file or directory");
        GuestfsException e = await Assert.ThrowsAsync<GuestfsException>(() => broken);
        Assert.Equal("EINVAL", e.Errno);
        Assert.Equal("not a btrfs subvolume identifier", e.Message);
    }

    private static async Task AnswerFeatureAsync(FakeDaemon daemon, string group, int result)
    {
        ReceivedCall c = await daemon.ReadCallAsync();
        Assert.Equal(Procedure.InternalFeatureAvailable, c.Header.Proc);
        Assert.Equal(group, c.ArgString());
        await daemon.SendReplyAsync(c, w => w.WriteInt32(result));
    }

    private static async Task AnswerMountableAsync(FakeDaemon daemon, string device, string volume)
    {
        ReceivedCall c = await daemon.ReadCallAsync();
        Assert.Equal(Procedure.InternalParseMountable, c.Header.Proc);
        await daemon.SendReplyAsync(c, w =>
        {
            w.WriteInt32(volume.Length == 0 ? 0 : 1);
            w.WriteString(device);
            w.WriteString(volume);
        });
    }
}

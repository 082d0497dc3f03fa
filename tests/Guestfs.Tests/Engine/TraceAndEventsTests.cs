using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Guestfs.Protocol;

namespace Guestfs.Tests.Engine;

public class TraceAndEventsTests
{
    [Fact]
    public async Task Trace_On_WritesLibguestfsTraceLinesToStderrWriter()
    {
        await using FakeDaemon daemon = FakeDaemon.Start();
        var stderr = new StringWriter();
        await using GuestfsHandle g = await daemon.LaunchHandleAsync(daemon.Options(stderr, trace: true));
        Task call = g.CallAsync(Procedure.Mount, new MountArgs("/dev/sda1", "/"), 0, default, default);
        await daemon.SendReplyAsync(await daemon.ReadCallAsync());
        await call;

        string[] lines = stderr.ToString().Split('\n', System.StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains("libguestfs: trace: launch", lines);
        Assert.Contains("libguestfs: trace: launch = 0", lines);
        Assert.Contains("libguestfs: trace: mount \"/dev/sda1\" \"/\"", lines);
        Assert.Contains("libguestfs: trace: mount = 0", lines);
    }

    [Fact]
    public async Task Trace_ErrorAndReturnValues_FormattedAsLibguestfs()
    {
        await using FakeDaemon daemon = FakeDaemon.Start();
        var stderr = new StringWriter();
        await using GuestfsHandle g = await daemon.LaunchHandleAsync(daemon.Options(stderr, trace: true));
        Task<StringListRet> list = g.CallAsync<StringListRet>(Procedure.ListDevices, null, 0, default, default);
        await daemon.SendReplyAsync(await daemon.ReadCallAsync(), w => { w.WriteArrayLength(2); w.WriteString("/dev/sda"); w.WriteString("/dev/sdb"); });
        await list;
        Task fail = g.CallAsync(Procedure.Touch, new StringArgs("/x"), 0, default, default);
        await daemon.SendErrorAsync(await daemon.ReadCallAsync(), "EROFS", "read-only");
        await Assert.ThrowsAsync<GuestfsException>(() => fail);

        string text = stderr.ToString();
        Assert.Contains("libguestfs: trace: list_devices\n", text);
        Assert.Contains("libguestfs: trace: list_devices = [\"/dev/sda\", \"/dev/sdb\"]\n", text);
        Assert.Contains("libguestfs: trace: touch \"/x\"\n", text);
        Assert.Contains("libguestfs: trace: touch = -1 (error)\n", text);
    }

    [Fact]
    public async Task Trace_GeneratedAction_LibguestfsNameAndArguments()
    {
        await using FakeDaemon daemon = FakeDaemon.Start();
        var stderr = new StringWriter();
        await using GuestfsHandle g = await daemon.LaunchHandleAsync(daemon.Options(stderr, trace: true));
#pragma warning disable CS0618 // mke2fs_J is deprecated; its mixed-case name is the point of the test.
        Task call = g.Mke2fsJAsync("ext4", 4096, "/dev/sda1", "/dev/sdb1");
#pragma warning restore CS0618
        await daemon.SendReplyAsync(await daemon.ReadCallAsync());
        await call;
        Task<string> readlink = g.ReadlinkAsync("/etc/localtime");
        await daemon.SendReplyAsync(await daemon.ReadCallAsync(), w => w.WriteString("/usr/share/zoneinfo/UTC"));
        await readlink;
        Task<bool> exists = g.ExistsAsync("/etc");
        await daemon.SendReplyAsync(await daemon.ReadCallAsync(), w => w.WriteInt32(1));
        await exists;
        Task<IReadOnlyList<string>> ls = g.ListDevicesAsync();
        await daemon.SendReplyAsync(await daemon.ReadCallAsync(), w => { w.WriteArrayLength(2); w.WriteString("/dev/sda"); w.WriteString("/dev/sdb"); });
        await ls;

        string[] lines = stderr.ToString().Split('\n', System.StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains("libguestfs: trace: mke2fs_J \"ext4\" 4096 \"/dev/sda1\" \"/dev/sdb1\"", lines);
        Assert.Contains("libguestfs: trace: mke2fs_J = 0", lines);
        Assert.Contains("libguestfs: trace: readlink \"/etc/localtime\"", lines);
        Assert.Contains("libguestfs: trace: readlink = \"/usr/share/zoneinfo/UTC\"", lines);
        Assert.Contains("libguestfs: trace: exists \"/etc\"", lines);
        Assert.Contains("libguestfs: trace: exists = 1", lines);
        Assert.Contains("libguestfs: trace: list_devices", lines);
        Assert.Contains("libguestfs: trace: list_devices = [\"/dev/sda\", \"/dev/sdb\"]", lines);
    }

    [Fact]
    public async Task Trace_KeyArguments_ShownAsStarsAndNowhereElse()
    {
        const string key = "hunter2-old";
        const string newKey = "hunter2-new";
        await using FakeDaemon daemon = FakeDaemon.Start();
        var stderr = new StringWriter();
        await using GuestfsHandle g = await daemon.LaunchHandleAsync(daemon.Options(stderr, trace: true));
        var events = new List<string>();
        g.EventRaised += (_, e) => events.Add(e.Buffer);
#pragma warning disable CS0618 // luks_open is deprecated; it is the call libguestfs's trace example uses.
        Task open = g.LuksOpenAsync("/dev/sda1", key, "name");
#pragma warning restore CS0618
        await daemon.SendReplyAsync(await daemon.ReadCallAsync());
        await open;
        Task add = g.LuksAddKeyAsync("/dev/sda1", key, newKey, 1);
        await daemon.SendReplyAsync(await daemon.ReadCallAsync());
        await add;

        Assert.Contains("luks_open \"/dev/sda1\" \"***\" \"name\"", events);
        Assert.Contains("luks_add_key \"/dev/sda1\" \"***\" \"***\" 1", events);
        Assert.DoesNotContain(events, e => e.Contains("hunter2", System.StringComparison.Ordinal));
        Assert.DoesNotContain("hunter2", stderr.ToString(), System.StringComparison.Ordinal);
    }

    [Fact]
    public async Task Trace_AddDriveSecret_Masked()
    {
        await using FakeDaemon daemon = FakeDaemon.Start();
        var stderr = new StringWriter();
        await using var g = new GuestfsHandle(daemon.Options(stderr, trace: true));
        await Assert.ThrowsAsync<System.ArgumentException>(() => g.AddDriveAsync("/dev/null", new AddDriveOptions { Protocol = "rbd", Secret = "hunter2" }));

        Assert.Contains("libguestfs: trace: add_drive \"/dev/null\" \"protocol:rbd\" \"secret:***\"\n", stderr.ToString());
        Assert.DoesNotContain("hunter2", stderr.ToString(), System.StringComparison.Ordinal);
    }

    [Fact]
    public void ActionName_GeneratedFromTheActionsTable()
    {
        Assert.Equal("mke2fs_J", Procedure.Mke2fsJ.ActionName());
        Assert.Equal("internal_autosync", Procedure.InternalAutosync.ActionName());
        Assert.Equal("list_devices", Procedure.ListDevices.ActionName());
        Assert.Equal("99999", ((Procedure)99999).ActionName());
    }

    [Fact]
    public async Task Trace_Off_WritesNothing()
    {
        await using FakeDaemon daemon = FakeDaemon.Start();
        var stderr = new StringWriter();
        await using GuestfsHandle g = await daemon.LaunchHandleAsync(daemon.Options(stderr, trace: false));
        Task call = g.CallAsync(Procedure.Sync, null, 0, default, default);
        await daemon.SendReplyAsync(await daemon.ReadCallAsync());
        await call;
        Assert.Equal(string.Empty, stderr.ToString());
    }

    [Fact]
    public async Task TraceCallback_ReceivesLinesInsteadOfStderr_AndEnterEventsFire()
    {
        await using FakeDaemon daemon = FakeDaemon.Start();
        var stderr = new StringWriter();
        await using GuestfsHandle g = await daemon.LaunchHandleAsync(daemon.Options(stderr, trace: true));
        var trace = new List<string>();
        var enter = new List<string>();
        int id = g.SetEventCallback((_, _, e) => trace.Add(e.Buffer), GuestfsEvents.Trace);
        g.SetEventCallback((_, _, e) => enter.Add(e.Buffer), GuestfsEvents.Enter);
        Task call = g.CallAsync(Procedure.Mkdir, new StringArgs("/d"), 0, default, default);
        await daemon.SendReplyAsync(await daemon.ReadCallAsync());
        await call;
        g.DeleteEventCallback(id);

        Assert.Equal(new[] { "mkdir \"/d\"", "mkdir = 0" }, trace);
        Assert.Equal(new[] { "mkdir" }, enter);
        Assert.DoesNotContain("mkdir", stderr.ToString());
    }

    [Fact]
    public async Task Getter_RaisesEnter_AsEveryPublicCallDoes()
    {
        await using var g = new GuestfsHandle(new GuestfsOptions { ReadEnvironment = false, DiagnosticWriter = TextWriter.Null });
        var enter = new List<string>();
        g.SetEventCallback((_, _, e) => enter.Add(e.Buffer), GuestfsEvents.Enter);
        await g.GetTmpdirAsync();
        await g.IsConfigAsync();
        Assert.Equal(new[] { "get_tmpdir", "is_config" }, enter);
    }

    [Fact]
    public async Task DeleteEventCallback_OfTheLastRegistration_ItsNumberIsHandedOutAgain_AsLibguestfs()
    {
        await using var g = new GuestfsHandle(new GuestfsOptions { ReadEnvironment = false, DiagnosticWriter = TextWriter.Null });
        int first = g.SetEventCallback((_, _, _) => { }, GuestfsEvents.Close);
        int second = g.SetEventCallback((_, _, _) => { }, GuestfsEvents.Close);
        g.DeleteEventCallback(second);
        Assert.Equal(second, g.SetEventCallback((_, _, _) => { }, GuestfsEvents.Close));
        g.DeleteEventCallback(first);
        Assert.Equal(second + 1, g.SetEventCallback((_, _, _) => { }, GuestfsEvents.Close));
    }

    [Fact]
    public async Task EventRaised_DotNetEvent_SeesEveryEvent()
    {
        await using FakeDaemon daemon = FakeDaemon.Start();
        var g = new GuestfsHandle(daemon.Options());
        var seen = new List<GuestfsEvents>();
        g.EventRaised += (_, e) => seen.Add(e.Event);
        Task launch = g.LaunchAsync();
        await daemon.AcceptAsync();
        await daemon.SendWordAsync(ProtocolConstants.LaunchFlag);
        await launch;
        await g.SetAutosyncAsync(false);
        await g.DisposeAsync();
        Assert.Contains(GuestfsEvents.Enter, seen);
        Assert.Contains(GuestfsEvents.LaunchDone, seen);
        Assert.Contains(GuestfsEvents.Close, seen);
        Assert.Contains(GuestfsEvents.SubprocessQuit, seen);
    }

    [Fact]
    public void EventBits_MatchLibguestfs()
    {
        Assert.Equal(new ulong[] { 1, 2, 4, 8, 16, 32, 64, 128, 256, 512 },
            new[] { GuestfsEvents.Close, GuestfsEvents.SubprocessQuit, GuestfsEvents.LaunchDone, GuestfsEvents.Progress, GuestfsEvents.Appliance,
                GuestfsEvents.Library, GuestfsEvents.Trace, GuestfsEvents.Enter, GuestfsEvents.LibvirtAuth, GuestfsEvents.Warning }.Select(e => (ulong)e));
        Assert.Equal(0x3ffUL, (ulong)GuestfsEvents.All);
    }

    [Fact]
    public async Task SetEventCallback_UnknownBits_Rejected()
    {
        await using var g = new GuestfsHandle(new GuestfsOptions { ReadEnvironment = false });
        Assert.Throws<System.ArgumentOutOfRangeException>(() => g.SetEventCallback((_, _, _) => { }, (GuestfsEvents)0x400));
    }
}

using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Guestfs.Protocol;
using Guestfs.Tests.Engine;
using Guestfs.Xdr;

namespace Guestfs.Tests.Inspection;

/// <summary>
/// inspect_list_applications2 for the package formats read through daemon calls, against a scripted daemon:
/// RPM (internal_list_rpm_applications, sorted here) and Windows (the Uninstall keys through the hivex calls,
/// with keys and values the daemon cannot read left out as libguestfs leaves them out).
/// </summary>
public sealed class ApplicationsDaemonTests
{
    [Fact]
    public async Task Rpm_DaemonListSortedByName()
    {
        await using FakeDaemon daemon = FakeDaemon.Start();
        await using GuestfsHandle g = await daemon.LaunchHandleAsync();
        Task<IReadOnlyList<Application2>> list = g.InspectListApplications2Async("/dev/sda1");
        await AnswerStringAsync(daemon, Procedure.InspectGetType, "linux");
        await AnswerStringAsync(daemon, Procedure.InspectGetPackageFormat, "rpm");
        ReceivedCall rpm = await daemon.ReadCallAsync();
        Assert.Equal(Procedure.InternalListRpmApplications, rpm.Header.Proc);
        Application2[] apps = [App("zsh", 0, "5.9"), App("bash", 0, "5.2.26"), App("NetworkManager", 1, "1.46.0")];
        await daemon.SendReplyAsync(rpm, w =>
        {
            w.WriteInt32(apps.Length);
            foreach (Application2 a in apps)
            {
                a.Encode(ref w);
            }
        });

        Assert.Equal(["NetworkManager", "bash", "zsh"], (await list).Select(a => a.App2Name));
    }

    [Fact]
    public async Task UnknownPackageFormat_EmptyList()
    {
        await using FakeDaemon daemon = FakeDaemon.Start();
        await using GuestfsHandle g = await daemon.LaunchHandleAsync();
        Task<IReadOnlyList<Application2>> list = g.InspectListApplications2Async("/dev/sda1");
        await AnswerStringAsync(daemon, Procedure.InspectGetType, "linux");
        await AnswerStringAsync(daemon, Procedure.InspectGetPackageFormat, "ebuild");
        Assert.Empty(await list);
    }

    [Fact]
    public async Task Windows_UninstallKeysWithDisplayName_SortedByKeyName()
    {
        // root 1 → Microsoft 2 → Windows 3 → CurrentVersion 4 → Uninstall 5; no WOW6432node.
        var children = new Dictionary<(long, string), long>
        {
            [(1, "Microsoft")] = 2, [(2, "Windows")] = 3, [(3, "CurrentVersion")] = 4, [(4, "Uninstall")] = 5,
        };
        var names = new Dictionary<long, string> { [10] = "{B0B-GUID}", [11] = "NoDisplayName", [12] = "Alpha" };
        var values = new Dictionary<(long, string), string?>
        {
            [(10, "DisplayName")] = "Bravo", [(10, "DisplayVersion")] = "2.0", [(10, "InstallLocation")] = @"C:\Program Files\Bravo",
            [(10, "Publisher")] = "Bravo Corp", [(10, "URLInfoAbout")] = "https://bravo.example", [(10, "Comments")] = "bee",
            [(12, "DisplayName")] = "Alpha App", [(12, "DisplayVersion")] = null, // unreadable: the daemon answers an error
        };

        await using FakeDaemon daemon = FakeDaemon.Start();
        await using GuestfsHandle g = await daemon.LaunchHandleAsync();
        Task<IReadOnlyList<Application2>> list = g.InspectListApplications2Async("/dev/sda2");
        await AnswerStringAsync(daemon, Procedure.InspectGetType, "windows");
        await AnswerStringAsync(daemon, Procedure.InspectGetPackageFormat, "unknown");
        await AnswerStringAsync(daemon, Procedure.InspectGetWindowsSoftwareHive, "/Windows/System32/config/SOFTWARE");

        ReceivedCall open = await daemon.ReadCallAsync();
        Assert.Equal(Procedure.HivexOpen, open.Header.Proc);
        Assert.Equal(9UL, open.Header.OptargsBitmask); // verbose and unsafe, as libguestfs passes them
        Assert.Equal("/Windows/System32/config/SOFTWARE", open.ArgString());
        await daemon.SendReplyAsync(open);

        var valueHandles = new List<(long Node, string Key)>();
        while (true)
        {
            ReceivedCall c = await daemon.ReadCallAsync();
            var reader = new XdrReader(c.Args);
            switch (c.Header.Proc)
            {
                case Procedure.HivexRoot:
                    await daemon.SendReplyAsync(c, w => w.WriteInt64(1));
                    break;
                case Procedure.HivexNodeGetChild:
                {
                    long node = reader.ReadInt64();
                    string name = reader.ReadString();
                    long child = children.GetValueOrDefault((node, name));
                    await daemon.SendReplyAsync(c, w => w.WriteInt64(child));
                    break;
                }

                case Procedure.HivexNodeChildren:
                    Assert.Equal(5, reader.ReadInt64());
                    await daemon.SendReplyAsync(c, w =>
                    {
                        w.WriteInt32(4);
                        w.WriteInt64(10);
                        w.WriteInt64(11);
                        w.WriteInt64(12);
                        w.WriteInt64(13);
                    });
                    break;
                case Procedure.HivexNodeName:
                {
                    long node = reader.ReadInt64();
                    if (names.TryGetValue(node, out string? name))
                    {
                        await daemon.SendReplyAsync(c, w => w.WriteString(name));
                    }
                    else
                    {
                        await daemon.SendErrorAsync(c, "EINVAL", "hivex_node_name: invalid node");
                    }

                    break;
                }

                case Procedure.HivexNodeGetValue:
                {
                    long node = reader.ReadInt64();
                    string key = reader.ReadString();
                    long handle = 0;
                    if (values.ContainsKey((node, key)))
                    {
                        valueHandles.Add((node, key));
                        handle = 100 + valueHandles.Count;
                    }

                    await daemon.SendReplyAsync(c, w => w.WriteInt64(handle));
                    break;
                }

                case Procedure.HivexValueString:
                {
                    (long node, string key) = valueHandles[(int)reader.ReadInt64() - 101];
                    if (values[(node, key)] is { } text)
                    {
                        await daemon.SendReplyAsync(c, w => w.WriteString(text));
                    }
                    else
                    {
                        await daemon.SendErrorAsync(c, "EINVAL", "hivex_value_string: not a string");
                    }

                    break;
                }

                case Procedure.HivexClose:
                    await daemon.SendReplyAsync(c);
                    goto done;
                default:
                    Assert.Fail("unexpected call " + c.Header.Proc);
                    break;
            }
        }

    done:
        IReadOnlyList<Application2> apps = await list;
        Assert.Equal(["Alpha", "{B0B-GUID}"], apps.Select(a => a.App2Name));
        Assert.Equal(("Alpha App", string.Empty), (apps[0].App2DisplayName, apps[0].App2Version));
        Application2 bravo = apps[1];
        Assert.Equal(
            ("Bravo", "2.0", @"C:\Program Files\Bravo", "Bravo Corp", "https://bravo.example", "bee", 0, string.Empty),
            (bravo.App2DisplayName, bravo.App2Version, bravo.App2InstallPath, bravo.App2Publisher, bravo.App2Url, bravo.App2Description, bravo.App2Epoch, bravo.App2Arch));
    }

    private static Application2 App(string name, int epoch, string version) =>
        new(name, string.Empty, epoch, version, "1.fc40", "x86_64", string.Empty, string.Empty, string.Empty, string.Empty, string.Empty, string.Empty,
            string.Empty, string.Empty, string.Empty, string.Empty, string.Empty);

    private static async Task AnswerStringAsync(FakeDaemon daemon, Procedure expected, string value)
    {
        ReceivedCall c = await daemon.ReadCallAsync();
        Assert.Equal(expected, c.Header.Proc);
        await daemon.SendReplyAsync(c, w => w.WriteString(value));
    }
}

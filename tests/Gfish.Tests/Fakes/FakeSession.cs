using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Gfish.Commands;
using Gfish.Execution;
using Guestfs.Commands;
using CommandInfo = Gfish.Commands.CommandInfo;

namespace Gfish.Tests.Fakes;

/// <summary>
/// A session over a <see cref="FakeHandle"/>: dispatches the <see cref="FakeCatalog"/> actions to its methods, converting
/// arguments and results as the generated invokers do, and reports its failures as <c>HandleSession</c> does.
/// </summary>
internal sealed class FakeSession(FakeHandle handle) : IGuestfsSession
{
    public async Task<object?> InvokeAsync(
        CommandInfo command,
        IReadOnlyList<object?> a,
        IReadOnlyDictionary<string, object?> o,
        IProgress<TransferProgress>? progress,
        CancellationToken cancellationToken)
    {
        try
        {
            return await DispatchAsync(command.Name, a, o, progress, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException and not ActionFailedException)
        {
            throw new ActionFailedException(e is FakeGuestfsException { Procedure: { } p } ? $"{p}: {e.Message}" : e.Message, e);
        }
    }

    private async Task<object?> DispatchAsync(string name, IReadOnlyList<object?> a, IReadOnlyDictionary<string, object?> o, IProgress<TransferProgress>? progress, CancellationToken ct)
    {
        switch (name)
        {
            case "set_trace": await handle.SetTraceAsync((bool)a[0]!, ct); return null;
            case "set_memsize": await handle.SetMemsizeAsync((int)a[0]!, ct); return null;
            case "get_memsize": return await handle.GetMemsizeAsync(ct);
            case "set_verbose": await handle.SetVerboseAsync((bool)a[0]!, ct); return null;
            case "add_drive":
                await handle.AddDriveAsync((string)a[0]!, o.Count == 0 ? null : new FakeAddDriveOptions { Readonly = (bool?)o.GetValueOrDefault("readonly"), Format = (string?)o.GetValueOrDefault("format") }, ct);
                return null;
            case "write": await handle.WriteAsync((string)a[0]!, (byte[])a[1]!, ct); return null;
            case "cat": return await handle.CatAsync((string)a[0]!, ct);
            case "echo_daemon": return await handle.EchoDaemonAsync((IReadOnlyList<string>)a[0]!, ct);
            case "upload": await handle.UploadAsync((Stream)a[0]!, (string)a[1]!, progress, ct); return null;
            case "download": await handle.DownloadAsync((string)a[0]!, (Stream)a[1]!, progress, ct); return null;
            case "lvs_full": return CommandResult.FromStructList(await handle.LvsFullAsync(ct), FakeLV.Fields).Value;
            case "list_filesystems": return await handle.ListFilesystemsAsync(ct);
            case "pread": return await handle.PreadAsync((string)a[0]!, (int)a[1]!, (long)a[2]!, ct);
            case "get_umask": return await handle.GetUmaskAsync(ct);
            case "glob_expand": return await handle.GlobExpandAsync((string)a[0]!, ct);
            case "luks_open": await handle.LuksOpenAsync((string)a[0]!, (string)a[1]!, (string)a[2]!, ct); return null;
            case "launch": await handle.LaunchAsync(ct); return null;
            case "copy_in": await handle.CopyInAsync((string)a[0]!, (string)a[1]!, ct); return null;
            case "copy_out": await handle.CopyOutAsync((string)a[0]!, (string)a[1]!, ct); return null;
            case "part_disk": await handle.PartDiskAsync((string)a[0]!, (string)a[1]!, ct); return null;
            case "mkfs": await handle.MkfsAsync((string)a[0]!, (string)a[1]!, o.Count == 0 ? null : new FakeMkfsOptions { Blocksize = (int?)o.GetValueOrDefault("blocksize"), Label = (string?)o.GetValueOrDefault("label") }, ct); return null;
            case "pvcreate": await handle.PvcreateAsync((string)a[0]!, ct); return null;
            case "vgcreate": await handle.VgcreateAsync((string)a[0]!, (IReadOnlyList<string>)a[1]!, ct); return null;
            case "lvcreate_free": await handle.LvcreateFreeAsync((string)a[0]!, (string)a[1]!, (int)a[2]!, ct); return null;
            case "mount_options": await handle.MountOptionsAsync((string)a[0]!, (string)a[1]!, (string)a[2]!, ct); return null;
            case "mount_vfs": await handle.MountVfsAsync((string)a[0]!, (string)a[1]!, (string)a[2]!, (string)a[3]!, ct); return null;
            case "inspect_os": return await handle.InspectOsAsync(ct);
            case "inspect_get_mountpoints": return await handle.InspectGetMountpointsAsync((string)a[0]!, ct);
            default: throw new ActionFailedException($"{name}: this action is not available in the Guestfs library");
        }
    }

    public ValueTask DisposeAsync() => handle.DisposeAsync();
}

using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Guestfs.Tools.Common;

namespace Guestfs.Tools.Filesystems;

/// <summary>
/// Collects virt-filesystems' rows with the calls of <c>cat/filesystems.c</c>: a failing required call ends the
/// tool with the library's error; labels, UUIDs of filesystems and MBR ids are optional and empty on failure.
/// </summary>
internal sealed class DeviceLister
{
    private readonly GuestfsHandle _g;
    private readonly ToolContext _context;
    private readonly Columns _columns;
    private IReadOnlyList<LvmPv>? _pvs;

    /// <summary>Creates a lister over a launched handle.</summary>
    /// <param name="g">The handle.</param>
    /// <param name="context">The tool's context.</param>
    /// <param name="columns">The columns shown (values of others are not looked up).</param>
    public DeviceLister(GuestfsHandle g, ToolContext context, Columns columns)
    {
        _g = g;
        _context = context;
        _columns = columns;
    }

    /// <summary>The rows for the chosen kinds, most specific kind first.</summary>
    /// <param name="kinds">What to list.</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    /// <returns>The rows.</returns>
    /// <exception cref="ToolExitException">A required call failed.</exception>
    public async Task<IReadOnlyList<DeviceRow>> ListAsync(DeviceKinds kinds, CancellationToken cancellationToken)
    {
        var rows = new List<DeviceRow>();
        if (kinds.HasFlag(DeviceKinds.Filesystems))
        {
            await FilesystemsAsync(rows, kinds.HasFlag(DeviceKinds.ExtraFilesystems), cancellationToken).ConfigureAwait(false);
        }

        if (kinds.HasFlag(DeviceKinds.LogicalVolumes))
        {
            await LogicalVolumesAsync(rows, cancellationToken).ConfigureAwait(false);
        }

        if (kinds.HasFlag(DeviceKinds.VolumeGroups))
        {
            await VolumeGroupsAsync(rows, cancellationToken).ConfigureAwait(false);
        }

        if (kinds.HasFlag(DeviceKinds.PhysicalVolumes))
        {
            await PhysicalVolumesAsync(rows, cancellationToken).ConfigureAwait(false);
        }

        if (kinds.HasFlag(DeviceKinds.Partitions))
        {
            await PartitionsAsync(rows, cancellationToken).ConfigureAwait(false);
        }

        if (kinds.HasFlag(DeviceKinds.BlockDevices))
        {
            await BlockDevicesAsync(rows, cancellationToken).ConfigureAwait(false);
        }

        return rows;
    }

    private bool Shows(Columns column) => (_columns & column) != 0;

    private async Task FilesystemsAsync(List<DeviceRow> rows, bool extra, CancellationToken cancellationToken)
    {
        var filesystems = await Required(_g.ListFilesystemsAsync(cancellationToken)).ConfigureAwait(false);
        foreach (var (mountable, vfsType) in filesystems)
        {
            if (!extra && vfsType is "swap" or "unknown")
            {
                continue;
            }

            string device = await Required(_g.CanonicalDeviceNameAsync(mountable, cancellationToken)).ConfigureAwait(false);
            string? label = Shows(Columns.VfsLabel) ? await Optional(_g.VfsLabelAsync(mountable, cancellationToken)).ConfigureAwait(false) ?? string.Empty : null;
            string? uuid = Shows(Columns.Uuid) ? await Optional(_g.VfsUuidAsync(mountable, cancellationToken)).ConfigureAwait(false) ?? string.Empty : null;
            long size = Shows(Columns.Size) ? await FilesystemSizeAsync(mountable, cancellationToken).ConfigureAwait(false) : -1;
            IReadOnlyList<string> parents = IsMd(mountable) ? await ParentsOfMdAsync(mountable, cancellationToken).ConfigureAwait(false) : [];
            rows.Add(new DeviceRow(device, "filesystem", vfsType, label, -1, size, parents, uuid));
        }
    }

    /// <summary>
    /// A filesystem's size: for a plain device (not a btrfs subvolume) the statvfs size when it mounts, else the
    /// device size. (The stock tool only measures when the mountable is not a plain device; reproduced as it is.)
    /// </summary>
    private async Task<long> FilesystemSizeAsync(string mountable, CancellationToken cancellationToken)
    {
        string? device;
        try
        {
            device = await _g.MountableDeviceAsync(mountable, cancellationToken).ConfigureAwait(false);
        }
        catch (GuestfsException)
        {
            device = null;
        }

        string? subvolume = null;
        try
        {
            subvolume = await _g.MountableSubvolumeAsync(mountable, cancellationToken).ConfigureAwait(false);
        }
        catch (GuestfsException e) when (e.Errno == "EINVAL")
        {
        }
        catch (GuestfsException e)
        {
            throw _context.Fail($"cannot determine the subvolume for {mountable}: {e.Message}: {e.Errno}");
        }

        if (device is not null && subvolume is not null)
        {
            return -1;
        }

        try
        {
            await _g.MountRoAsync(mountable, "/", cancellationToken).ConfigureAwait(false);
            var stat = await _g.StatvfsAsync("/", cancellationToken).ConfigureAwait(false);
            await _g.UmountAllAsync(cancellationToken).ConfigureAwait(false);
            return stat.Blocks * stat.Bsize;
        }
        catch (GuestfsException)
        {
            try
            {
                return await _g.BlockdevGetsize64Async(mountable, cancellationToken).ConfigureAwait(false);
            }
            catch (GuestfsException)
            {
                throw new ToolExitException(string.Empty);
            }
        }
    }

    private async Task LogicalVolumesAsync(List<DeviceRow> rows, CancellationToken cancellationToken)
    {
        foreach (string lv in await Required(_g.LvsAsync(cancellationToken)).ConfigureAwait(false))
        {
            long size = Shows(Columns.Size) ? await Required(_g.BlockdevGetsize64Async(lv, cancellationToken)).ConfigureAwait(false) : -1;
            string? uuid = Shows(Columns.Uuid) ? await Required(_g.LvuuidAsync(lv, cancellationToken)).ConfigureAwait(false) : null;
            int slash = lv.LastIndexOf('/');
            IReadOnlyList<string>? parents = Shows(Columns.Parents) ? [slash >= 0 ? lv[..slash] : lv] : null;
            rows.Add(new DeviceRow(lv, "lv", null, null, -1, size, parents, uuid));
        }
    }

    private async Task VolumeGroupsAsync(List<DeviceRow> rows, CancellationToken cancellationToken)
    {
        foreach (var vg in await Required(_g.VgsFullAsync(cancellationToken)).ConfigureAwait(false))
        {
            var parents = await ParentsOfVgAsync(vg.VgName, cancellationToken).ConfigureAwait(false);
            rows.Add(new DeviceRow("/dev/" + vg.VgName, "vg", null, null, -1, vg.VgSize, parents, Uuid32(vg.VgUuid)));
        }
    }

    private async Task PhysicalVolumesAsync(List<DeviceRow> rows, CancellationToken cancellationToken)
    {
        foreach (var pv in await PvsAsync(cancellationToken).ConfigureAwait(false))
        {
            string device = await Required(_g.CanonicalDeviceNameAsync(pv.PvName, cancellationToken)).ConfigureAwait(false);
            rows.Add(new DeviceRow(device, "pv", null, null, -1, pv.PvSize, [], Uuid32(pv.PvUuid)));
        }
    }

    private async Task PartitionsAsync(List<DeviceRow> rows, CancellationToken cancellationToken)
    {
        foreach (string partition in await Required(_g.ListPartitionsAsync(cancellationToken)).ConfigureAwait(false))
        {
            string device = await Required(_g.CanonicalDeviceNameAsync(partition, cancellationToken)).ConfigureAwait(false);
            long size = Shows(Columns.Size) ? await Required(_g.BlockdevGetsize64Async(partition, cancellationToken)).ConfigureAwait(false) : -1;
            int mbrId = -1;
            IReadOnlyList<string>? parents = null;
            if (Shows(Columns.Parents))
            {
                string parent = await Required(_g.PartToDevAsync(partition, cancellationToken)).ConfigureAwait(false);
                if (Shows(Columns.Mbr))
                {
                    mbrId = await MbrIdAsync(partition, parent, cancellationToken).ConfigureAwait(false);
                }

                parents = [await Required(_g.CanonicalDeviceNameAsync(parent, cancellationToken)).ConfigureAwait(false)];
            }

            rows.Add(new DeviceRow(device, "partition", null, null, mbrId, size, parents, null));
        }
    }

    private async Task BlockDevicesAsync(List<DeviceRow> rows, CancellationToken cancellationToken)
    {
        foreach (string blockDevice in await Required(_g.ListDevicesAsync(cancellationToken)).ConfigureAwait(false))
        {
            string device = await Required(_g.CanonicalDeviceNameAsync(blockDevice, cancellationToken)).ConfigureAwait(false);
            long size = Shows(Columns.Size) ? await Required(_g.BlockdevGetsize64Async(blockDevice, cancellationToken)).ConfigureAwait(false) : -1;
            IReadOnlyList<string> parents = IsMd(blockDevice) ? await ParentsOfMdAsync(blockDevice, cancellationToken).ConfigureAwait(false) : [];
            rows.Add(new DeviceRow(device, "device", null, null, -1, size, parents, null));
        }
    }

    private async Task<int> MbrIdAsync(string partition, string parent, CancellationToken cancellationToken)
    {
        try
        {
            if (await _g.PartGetParttypeAsync(parent, cancellationToken).ConfigureAwait(false) != "msdos")
            {
                return -1;
            }

            int number = await _g.PartToPartnumAsync(partition, cancellationToken).ConfigureAwait(false);
            return await _g.PartGetMbrIdAsync(parent, number, cancellationToken).ConfigureAwait(false);
        }
        catch (GuestfsException)
        {
            return -1;
        }
    }

    private async Task<IReadOnlyList<LvmPv>> PvsAsync(CancellationToken cancellationToken) =>
        _pvs ??= await Required(_g.PvsFullAsync(cancellationToken)).ConfigureAwait(false);

    /// <summary>The PVs of a VG, by matching <c>vgpvuuids</c> (with dashes) against the PVs' 32-character UUIDs.</summary>
    private async Task<IReadOnlyList<string>> ParentsOfVgAsync(string vg, CancellationToken cancellationToken)
    {
        var pvs = await PvsAsync(cancellationToken).ConfigureAwait(false);
        var parents = new List<string>();
        foreach (string pvUuid in await Required(_g.VgpvuuidsAsync(vg, cancellationToken)).ConfigureAwait(false))
        {
            string bare = new(pvUuid.Where(char.IsAsciiLetterOrDigit).ToArray());
            var pv = pvs.FirstOrDefault(p => Uuid32(p.PvUuid) == (bare.Length > 32 ? bare[..32] : bare));
            if (pv is not null)
            {
                parents.Add(await Required(_g.CanonicalDeviceNameAsync(pv.PvName, cancellationToken)).ConfigureAwait(false));
            }
            else
            {
                _context.Stderr.Write("parents_of_vg: warning: unknown PV UUID ignored\n");
                parents.Add(pvUuid.Length > 32 ? pvUuid[..32] : pvUuid);
            }
        }

        return parents;
    }

    private async Task<IReadOnlyList<string>> ParentsOfMdAsync(string md, CancellationToken cancellationToken)
    {
        var parents = new List<string>();
        foreach (var member in await Required(_g.MdStatAsync(md, cancellationToken)).ConfigureAwait(false))
        {
            parents.Add(await Required(_g.CanonicalDeviceNameAsync(member.MdstatDevice, cancellationToken)).ConfigureAwait(false));
        }

        return parents;
    }

    /// <summary>The stock tool's test for an MD device: <c>/dev/md</c> followed by digits only.</summary>
    private static bool IsMd(string device) =>
        device.StartsWith("/dev/md", StringComparison.Ordinal) && device[7..].All(char.IsAsciiDigit);

    /// <summary>LVM UUIDs arrive as a fixed 32-byte field.</summary>
    private static string Uuid32(string uuid) => uuid.Length > 32 ? uuid[..32] : uuid;

    private static Task<T> Required<T>(Task<T> call) => GuestSession.OrExit(call);

    private static async Task<string?> Optional(Task<string> call)
    {
        try
        {
            return await call.ConfigureAwait(false);
        }
        catch (GuestfsException)
        {
            return null;
        }
    }
}

using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Guestfs.Protocol;

namespace Guestfs;

/// <content>
/// Small library-side actions of libguestfs 1.48.6: feature groups with a per-appliance cache, mountable parsing,
/// device-name helpers that work on the name alone, and the deprecated drive calls kept as thin wrappers.
/// </content>
public sealed partial class GuestfsHandle
{
    /// <summary>Results of <c>internal_feature_available</c> by group, for <see cref="_featureConnection"/> only.</summary>
    private readonly Dictionary<string, int> _features = new(StringComparer.Ordinal);

    /// <summary>The appliance connection <see cref="_features"/> was filled from; a new appliance starts afresh.</summary>
    private object? _featureConnection;

    /// <summary>Fails unless every group is available in the appliance (<c>available</c>; built on <c>internal_feature_available</c>, cached per appliance).</summary>
    /// <param name="groups">Feature group names, e.g. <c>btrfs</c>, <c>xfs</c>.</param>
    /// <param name="cancellationToken">Cancels the wait; the appliance is then killed.</param>
    /// <returns>A task that completes when all groups are available.</returns>
    /// <exception cref="GuestfsException">A group is unknown (<c>NAME: unknown group</c>) or not available (<c>NAME: group not available</c>).</exception>
    public partial Task AvailableAsync(IReadOnlyList<string> groups, CancellationToken cancellationToken)
    {
        ArgumentGuard.ThrowIfInvalidStringList(groups);
        return LibraryActionAsync("available", TraceFormatter.FormatArgument(groups), async () =>
        {
            foreach (string group in groups)
            {
                int result = await FeatureResultAsync(group, cancellationToken).ConfigureAwait(false);
                if (result == 2)
                {
                    throw new GuestfsException($"{group}: unknown group", procedure: "available");
                }

                if (result == 1)
                {
                    throw new GuestfsException($"{group}: group not available", procedure: "available");
                }
            }

            return 0;
        }, cancellationToken);
    }

    /// <summary>Tells whether every group is available in the appliance (<c>feature_available</c>; cached per appliance).</summary>
    /// <param name="groups">Feature group names.</param>
    /// <param name="cancellationToken">Cancels the wait; the appliance is then killed.</param>
    /// <returns>True when all are available; false at the first one that is not.</returns>
    /// <exception cref="GuestfsException">A group is unknown (<c>NAME: unknown group</c>).</exception>
    public partial Task<bool> FeatureAvailableAsync(IReadOnlyList<string> groups, CancellationToken cancellationToken)
    {
        ArgumentGuard.ThrowIfInvalidStringList(groups);
        return LibraryActionAsync("feature_available", TraceFormatter.FormatArgument(groups), async () =>
        {
            foreach (string group in groups)
            {
                int result = await FeatureResultAsync(group, cancellationToken).ConfigureAwait(false);
                if (result == 2)
                {
                    throw new GuestfsException($"{group}: unknown group", procedure: "feature_available");
                }

                if (result == 1)
                {
                    return false;
                }
            }

            return true;
        }, cancellationToken);
    }

    /// <summary>Returns the device part of a mountable (<c>mountable_device</c>; built on <c>internal_parse_mountable</c>).</summary>
    /// <param name="mountable">A device name or a btrfs subvolume mountable (<c>btrfsvol:/dev/sda1/sub</c>).</param>
    /// <param name="cancellationToken">Cancels the wait; the appliance is then killed.</param>
    /// <returns>The device.</returns>
    public partial Task<string> MountableDeviceAsync(string mountable, CancellationToken cancellationToken)
    {
        ArgumentGuard.ThrowIfContainsNul(mountable);
        return LibraryActionAsync("mountable_device", mountable, async () =>
            (await ParseMountableAsync(mountable, cancellationToken).ConfigureAwait(false)).ImDevice, cancellationToken);
    }

    /// <summary>Returns the btrfs subvolume part of a mountable (<c>mountable_subvolume</c>).</summary>
    /// <param name="mountable">A btrfs subvolume mountable.</param>
    /// <param name="cancellationToken">Cancels the wait; the appliance is then killed.</param>
    /// <returns>The subvolume path.</returns>
    /// <exception cref="GuestfsException"><c>EINVAL</c>: not a btrfs subvolume identifier (also when the daemon cannot parse it).</exception>
    public partial Task<string> MountableSubvolumeAsync(string mountable, CancellationToken cancellationToken)
    {
        ArgumentGuard.ThrowIfContainsNul(mountable);
        return LibraryActionAsync("mountable_subvolume", mountable, async () =>
        {
            InternalMountable? parsed = null;
            try
            {
                parsed = await ParseMountableAsync(mountable, cancellationToken).ConfigureAwait(false);
            }
            catch (GuestfsException e) when (e is not GuestfsConnectionException)
            {
                // libguestfs replaces the daemon's error with its own.
            }

            if (parsed is null || parsed.ImVolume.Length == 0)
            {
                throw new GuestfsException("not a btrfs subvolume identifier", "EINVAL", "mountable_subvolume");
            }

            return parsed.ImVolume;
        }, cancellationToken);
    }

    /// <summary>
    /// Returns the canonical form of a device name (<c>canonical_device_name</c>): <c>/dev/hdX</c>, <c>/dev/vdX</c>,
    /// <c>/dev/xvdX</c> … become <c>/dev/sdX</c>; <c>/dev/mapper/…</c> and <c>/dev/dm-N</c> are asked of the appliance
    /// (<c>lvm_canonical_lv_name</c>) and kept as given when that fails; anything else is returned unchanged.
    /// </summary>
    /// <param name="device">The device name.</param>
    /// <param name="cancellationToken">Cancels the LVM query.</param>
    /// <returns>The canonical name.</returns>
    public async partial Task<string> CanonicalDeviceNameAsync(string device, CancellationToken cancellationToken)
    {
        ArgumentGuard.ThrowIfContainsNul(device);
        ThrowIfClosed("canonical_device_name");
        if (DriveLetters(device) is { } letters)
        {
            return Traced("canonical_device_name", device, "/dev/sd" + letters);
        }

        if (!device.StartsWith("/dev/mapper/", StringComparison.Ordinal) && !device.StartsWith("/dev/dm-", StringComparison.Ordinal))
        {
            return Traced("canonical_device_name", device, device);
        }

        RaiseEvent(GuestfsEvents.Enter, "canonical_device_name", null);
        if (_trace)
        {
            TraceLine("canonical_device_name \"" + device + "\"");
        }

        string result = device;
        try
        {
            result = await LvmCanonicalLvNameAsync(device, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is GuestfsException and not GuestfsConnectionException || e is InvalidOperationException)
        {
            // As libguestfs: the device name is returned unchanged when LVM does not know it (or no appliance runs).
        }

        if (_trace)
        {
            TraceLine("canonical_device_name = \"" + result + "\"");
        }

        return result;
    }

    /// <summary>Returns the index of the drive a device name refers to (<c>device_index</c>): <c>/dev/sda</c> → 0, <c>/dev/vdb</c> → 1, <c>/dev/sdaa</c> → 26.</summary>
    /// <param name="device">A whole-disk device name.</param>
    /// <param name="cancellationToken">Unused; present for a uniform signature.</param>
    /// <returns>The index (not checked against the drives added).</returns>
    /// <exception cref="GuestfsException"><c>NAME: device not found</c> for partitions and names that are not drives.</exception>
    public partial Task<int> DeviceIndexAsync(string device, CancellationToken cancellationToken)
    {
        try
        {
            ArgumentGuard.ThrowIfContainsNul(device);
            ThrowIfClosed("device_index");
            int index = DriveLetters(device) is { } letters ? DriveIndex(letters) : -1;
            if (index < 0)
            {
                throw new GuestfsException($"{device}: device not found", procedure: "device_index");
            }

            return Task.FromResult(Traced("device_index", device, index));
        }
        catch (Exception e)
        {
            return Task.FromException<int>(e);
        }
    }

    /// <summary>Old form of <see cref="AddDriveRoAsync"/> (<c>add_cdrom</c>, deprecated). CONFIG only.</summary>
    /// <param name="filename">The image file.</param>
    /// <param name="cancellationToken">Cancels waiting for the handle.</param>
    /// <returns>A task that completes when the drive is added.</returns>
    public partial Task AddCdromAsync(string filename, CancellationToken cancellationToken) => AddDriveRoAsync(filename, cancellationToken);

    /// <summary>Old form of <see cref="AddDriveAsync"/> with an interface name, which is ignored as in libguestfs 1.48 (<c>add_drive_with_if</c>, deprecated).</summary>
    /// <param name="filename">The image file.</param>
    /// <param name="iface">Ignored.</param>
    /// <param name="cancellationToken">Cancels waiting for the handle.</param>
    /// <returns>A task that completes when the drive is added.</returns>
    public partial Task AddDriveWithIfAsync(string filename, string iface, CancellationToken cancellationToken)
    {
        ArgumentGuard.ThrowIfContainsNul(iface);
        return AddDriveAsync(filename, null, cancellationToken);
    }

    /// <summary>Old form of <see cref="AddDriveRoAsync"/> with an interface name, which is ignored (<c>add_drive_ro_with_if</c>, deprecated).</summary>
    /// <param name="filename">The image file.</param>
    /// <param name="iface">Ignored.</param>
    /// <param name="cancellationToken">Cancels waiting for the handle.</param>
    /// <returns>A task that completes when the drive is added.</returns>
    public partial Task AddDriveRoWithIfAsync(string filename, string iface, CancellationToken cancellationToken)
    {
        ArgumentGuard.ThrowIfContainsNul(iface);
        return AddDriveRoAsync(filename, cancellationToken);
    }

    /// <summary>Always fails, as in libguestfs 1.48.6, which removed drive hot-plugging (<c>remove_drive</c>, deprecated).</summary>
    /// <param name="label">The drive label (unused).</param>
    /// <param name="cancellationToken">Unused; present for a uniform signature.</param>
    /// <returns>A faulted task.</returns>
    public partial Task RemoveDriveAsync(string label, CancellationToken cancellationToken) =>
        AnytimeAction("remove_drive", label, () =>
        {
            ArgumentGuard.ThrowIfContainsNul(label);
            throw new GuestfsException("hotplugging support was removed in libguestfs 1.48", procedure: "remove_drive");
        });

    /// <summary>
    /// The drive letters of a whole-disk name, as libguestfs finds them: after <c>/dev/</c>, no further <c>/</c>, not
    /// starting with <c>m</c> (<c>/dev/md*</c>, <c>/dev/mapper</c>), and one or two characters before the first <c>d</c>
    /// (<c>hd</c>, <c>sd</c>, <c>vd</c>, <c>xvd</c>); null otherwise. <c>/dev/vda1</c> → <c>a1</c>.
    /// </summary>
    internal static string? DriveLetters(string device)
    {
        if (!device.StartsWith("/dev/", StringComparison.Ordinal))
        {
            return null;
        }

        string rest = device.Substring(5);
        if (rest.Contains('/', StringComparison.Ordinal) || rest.StartsWith('m'))
        {
            return null;
        }

        int d = rest.IndexOf('d', StringComparison.Ordinal);
        return d is 1 or 2 ? rest.Substring(d + 1) : null;
    }

    /// <summary>Drive letters to an index in base 26 (<c>a</c> → 0, <c>z</c> → 25, <c>aa</c> → 26); -1 unless all are a–z.</summary>
    internal static int DriveIndex(string letters)
    {
        long index = 0;
        foreach (char c in letters)
        {
            if (c is < 'a' or > 'z')
            {
                return -1;
            }

            index = (26 * index) + (c - 'a' + 1);
            if (index > int.MaxValue)
            {
                return -1;
            }
        }

        return (int)(index - 1);
    }

    private async Task<int> FeatureResultAsync(string group, CancellationToken cancellationToken)
    {
        if (!ReferenceEquals(_featureConnection, _connection))
        {
            _features.Clear();
            _featureConnection = _connection;
        }

        if (_features.TryGetValue(group, out int cached))
        {
            return cached;
        }

        InternalFeatureAvailableRet ret = await CallCoreAsync<InternalFeatureAvailableRet>(
            Procedure.InternalFeatureAvailable, new InternalFeatureAvailableArgs(group), 0, new CallTransfer(ActionName: "internal_feature_available"), "internal_feature_available", cancellationToken)
            .ConfigureAwait(false);
        _features[group] = ret.Result;
        return ret.Result;
    }

    private async Task<InternalMountable> ParseMountableAsync(string mountable, CancellationToken cancellationToken)
    {
        InternalParseMountableRet ret = await CallCoreAsync<InternalParseMountableRet>(
            Procedure.InternalParseMountable, new InternalParseMountableArgs(mountable), 0, new CallTransfer(ActionName: "internal_parse_mountable"), "internal_parse_mountable", cancellationToken)
            .ConfigureAwait(false);
        return ret.Mountable;
    }

    private T Traced<T>(string name, string argument, T result)
    {
        RaiseEvent(GuestfsEvents.Enter, name, null);
        if (_trace)
        {
            TraceLine(name + " \"" + argument + "\"");
            TraceLine(name + " = " + TraceFormatter.FormatValue(result));
        }

        return result;
    }
}

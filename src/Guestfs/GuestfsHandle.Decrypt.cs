using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace Guestfs;

/// <content>Opening the encrypted devices of a launched handle before inspection (libguestfs-common's <c>decrypt.c</c>).</content>
public sealed partial class GuestfsHandle
{
    /// <summary>
    /// Opens every LUKS (and BitLocker) partition, then, after an LVM rescan, every encrypted logical volume, as
    /// libguestfs's tools do before inspection (<c>inspect_do_decrypt</c>): each device gets the keys
    /// <paramref name="keys"/> supplies for it, tried in turn, and is opened as <c>/dev/mapper/luks-UUID</c> (or,
    /// without a UUID, <c>/dev/mapper/crypt</c> followed by the letters and digits of its name).
    /// </summary>
    /// <param name="keys">Supplies the keys of each encrypted device.</param>
    /// <param name="cancellationToken">Cancels the calls.</param>
    /// <returns>Whether any device was opened.</returns>
    /// <exception cref="LuksKeyException">A device's key could not be read, or no key opened it.</exception>
    /// <exception cref="GuestfsException">Listing the partitions or the logical volumes failed.</exception>
    public async Task<bool> DecryptDisksAsync(LuksKeyProvider keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var partitions = await ListPartitionsAsync(cancellationToken).ConfigureAwait(false);
        var opened = await DecryptDevicesAsync(partitions, keys, cancellationToken).ConfigureAwait(false);
        if (!await FeatureAvailableAsync(["lvm2"], cancellationToken).ConfigureAwait(false))
        {
            return opened;
        }

        if (opened)
        {
            await LvmScanAsync(true, cancellationToken).ConfigureAwait(false);
        }

        var volumes = await LvsAsync(cancellationToken).ConfigureAwait(false);
        return await DecryptDevicesAsync(volumes, keys, cancellationToken).ConfigureAwait(false) || opened;
    }

    private async Task<bool> DecryptDevicesAsync(IReadOnlyList<string> devices, LuksKeyProvider keys, CancellationToken cancellationToken)
    {
        var opened = false;
        foreach (var device in devices)
        {
            string type;
            try
            {
                type = await VfsTypeAsync(device, cancellationToken).ConfigureAwait(false);
            }
            catch (GuestfsException e) when (e is not GuestfsConnectionException)
            {
                continue;
            }

            // cryptsetup cannot read the UUID of a BitLocker device.
            string? uuid = null;
            if (type == "crypto_LUKS")
            {
                try
                {
                    uuid = await LuksUuidAsync(device, cancellationToken).ConfigureAwait(false);
                }
                catch (GuestfsException e) when (e is not GuestfsConnectionException)
                {
                }
            }
            else if (type != "BitLocker")
            {
                continue;
            }

            var mapName = uuid is null ? MapName(device) : "luks-" + uuid;
            GuestfsException? failure = null;
            var success = false;
            foreach (var key in await keys(device, uuid, cancellationToken).ConfigureAwait(false))
            {
                if (key.Clevis)
                {
                    throw new LuksKeyException($"'clevis_luks_unlock', needed for decrypting {device}, is unavailable in this libguestfs version", device);
                }

                try
                {
                    await CryptsetupOpenAsync(device, key.Passphrase!, mapName, null, cancellationToken).ConfigureAwait(false);
                    success = true;
                    break;
                }
                catch (GuestfsException e) when (e is not GuestfsConnectionException)
                {
                    failure = e;
                }
            }

            if (!success)
            {
                throw new LuksKeyException(
                    $"could not find key to open LUKS encrypted {device}.\n\nTry using --key on the command line.\n\n" +
                    $"Original error: {failure?.Message} ({ErrnoNumber(failure?.Errno).ToString(CultureInfo.InvariantCulture)})",
                    device,
                    failure);
            }

            opened = true;
        }

        return opened;
    }

    /// <summary><c>/dev/vda2</c> → <c>cryptvda2</c>, <c>/dev/vg-ssd/lv-root7</c> → <c>cryptvgssdlvroot7</c> (not unique, as in libguestfs).</summary>
    private static string MapName(string device)
    {
        var name = new StringBuilder("crypt");
        foreach (var c in device.StartsWith("/dev/", StringComparison.Ordinal) ? device[5..] : device)
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                name.Append(c);
            }
        }

        return name.ToString();
    }

    /// <summary>The Linux number of an errno name the daemon may send for a failed <c>cryptsetup_open</c> (0 for none).</summary>
    private static int ErrnoNumber(string? errno) => errno switch
    {
        "EPERM" => 1,
        "ENOENT" => 2,
        "EIO" => 5,
        "ENOMEM" => 12,
        "EACCES" => 13,
        "EBUSY" => 16,
        "EEXIST" => 17,
        "ENODEV" => 19,
        "EINVAL" => 22,
        "ENOSPC" => 28,
        "EROFS" => 30,
        "ENOTSUP" => 95,
        _ => 0,
    };
}

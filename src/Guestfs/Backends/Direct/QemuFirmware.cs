using System;
using System.Collections.Generic;
using System.IO;

namespace Guestfs.Backends.Direct;

/// <summary>
/// The firmware of a normal boot. qemu's default for x86 is SeaBIOS, a full PC BIOS; the appliance needs none of
/// it (the kernel boots through its PVH entry or the Linux boot protocol, both loaded by qemu), and qboot, the minimal
/// firmware qemu ships beside it, reaches the kernel about 0.2 s sooner under TCG. Used when qemu has it (in the data
/// directory beside its binary, <c>PREFIX/share/qemu</c>) and the <c>qboot</c> backend setting is not off. A snapshot
/// launch keeps qemu's default: the restored appliance relies on the vmgenid device, whose ACPI wiring SeaBIOS does.
/// </summary>
internal static class QemuFirmware
{
    /// <summary>qboot's file name in qemu's data directory.</summary>
    public const string QbootFile = "qboot.rom";

    /// <summary>The firmware file to pass with <c>-bios</c> for a normal boot, or <see langword="null"/> for qemu's default.</summary>
    /// <param name="hypervisor">The qemu binary (a path, or a name looked up on <c>PATH</c>).</param>
    /// <param name="settings">The backend settings (<c>qboot=0</c> turns it off; so does a <c>machine</c> other than pc or q35).</param>
    /// <returns>qboot's full path, or <see langword="null"/>.</returns>
    public static string? NormalBootFirmware(string hypervisor, IReadOnlyDictionary<string, string> settings)
    {
        if (settings.GetValueOrDefault("qboot") is "0" or "off" or "false" or "no" ||
            settings.GetValueOrDefault("machine") is { Length: > 0 } machine && !IsPcMachine(machine))
        {
            return null;
        }

        string qboot = Path.Combine(BlockDriverSupport.Prefix(hypervisor).Prefix, "share", "qemu", QbootFile);
        return File.Exists(qboot) ? qboot : null;
    }

    private static bool IsPcMachine(string machine)
    {
        string type = machine.Split(',')[0];
        return type is "pc" or "q35" || type.StartsWith("pc-", StringComparison.Ordinal);
    }
}

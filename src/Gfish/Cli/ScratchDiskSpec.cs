using System;
using System.Collections.Generic;
using Gfish.Parsing;

namespace Gfish.Cli;

/// <summary>
/// An <c>-N [FILENAME=]TYPE[:PARAM...]</c> prepared disk, with guestfish's types, parameters and defaults.
/// </summary>
/// <param name="FileName">The image file (<c>testN.img</c> by default).</param>
/// <param name="Type">The type: <c>disk</c>, <c>part</c>, <c>fs</c>, <c>lv</c>, <c>lvfs</c>, <c>bootroot</c>, <c>bootrootlv</c>.</param>
/// <param name="Parameters">Every parameter of the type, defaults filled in, by name.</param>
internal sealed record ScratchDiskSpec(string FileName, string Type, IReadOnlyDictionary<string, string> Parameters)
{
    private static readonly (string Type, string[] Names, string[] Defaults)[] s_types =
    [
        ("disk", ["size"], ["1G"]),
        ("part", ["size", "partition"], ["1G", "mbr"]),
        ("fs", ["filesystem", "size", "partition"], ["ext2", "1G", "mbr"]),
        ("lv", ["name", "size", "partition"], ["/dev/VG/LV", "1G", "mbr"]),
        ("lvfs", ["name", "filesystem", "size", "partition"], ["/dev/VG/LV", "ext2", "1G", "mbr"]),
        ("bootroot", ["bootfs", "rootfs", "size", "bootsize", "partition"], ["ext2", "ext2", "1G", "128M", "mbr"]),
        ("bootrootlv", ["name", "bootfs", "rootfs", "size", "bootsize", "partition"], ["/dev/VG/LV", "ext2", "ext2", "1G", "128M", "mbr"]),
    ];

    /// <summary>The size of the image in bytes.</summary>
    public long Size => ParseSize(Parameters["size"]);

    /// <summary>Parses an <c>-N</c> value.</summary>
    /// <param name="value">The option value.</param>
    /// <param name="index">1 for the first <c>-N</c>, 2 for the second, … (names <c>test1.img</c>, …).</param>
    /// <returns>The spec.</returns>
    /// <exception cref="OptionException">Unknown type, too many parameters or a bad size.</exception>
    public static ScratchDiskSpec Parse(string value, int index)
    {
        var fileName = $"test{index}.img";
        var eq = value.IndexOf('=', StringComparison.Ordinal);
        var colon = value.IndexOf(':', StringComparison.Ordinal);
        if (eq >= 0 && (colon < 0 || eq < colon))
        {
            fileName = value[..eq];
            value = value[(eq + 1)..];
        }

        var parts = value.Split(':');
        var type = Array.Find(s_types, t => t.Type == parts[0]);
        if (type.Type is null)
        {
            throw new OptionException(
                $"-N parameter '{parts[0]}': no such prepared disk image known.\nUse 'gfish -N help' to list possible values for the -N parameter.");
        }

        if (parts.Length - 1 > type.Names.Length)
        {
            throw new OptionException($"-N {parts[0]}: too many parameters.");
        }

        var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < type.Names.Length; i++)
        {
            parameters[type.Names[i]] = i + 1 < parts.Length && parts[i + 1].Length > 0 ? parts[i + 1] : type.Defaults[i];
        }

        var spec = new ScratchDiskSpec(fileName, type.Type, parameters);
        _ = spec.Size;
        if (parameters.TryGetValue("bootsize", out var bootSize))
        {
            _ = ParseSize(bootSize);
        }

        if (parameters.TryGetValue("name", out var name))
        {
            _ = SplitVolumeName(name);
        }

        return spec;
    }

    /// <summary>Splits <c>/dev/VG/LV</c> into the volume group and the logical volume.</summary>
    /// <param name="name">The name.</param>
    /// <returns>The two parts.</returns>
    /// <exception cref="OptionException">The name is not of that form.</exception>
    public static (string VolumeGroup, string LogicalVolume) SplitVolumeName(string name)
    {
        var parts = name.Split('/');
        if (parts.Length != 4 || parts[0].Length != 0 || parts[1] != "dev" || parts[2].Length == 0 || parts[3].Length == 0)
        {
            throw new OptionException($"cannot parse '{name}' as a logical volume name (expecting /dev/VG/LV)");
        }

        return (parts[2], parts[3]);
    }

    /// <summary>Parses a size such as <c>100M</c>.</summary>
    /// <param name="text">The text.</param>
    /// <returns>Bytes.</returns>
    /// <exception cref="OptionException">Not a size.</exception>
    public static long ParseSize(string text) =>
        IntegerParser.TryParse(text, out var value) == IntegerParser.Ok && value >= 0
            ? value
            : throw new OptionException($"could not parse size specification '{text}'");

    /// <summary>The library calls that prepare the disk after launch, device names filled in.</summary>
    /// <param name="device">The whole-disk device, e.g. <c>/dev/sda</c>.</param>
    /// <returns>Each call as (action name, arguments).</returns>
    public IEnumerable<(string Action, object?[] Arguments)> PreparationSteps(string device)
    {
        var p = Parameters;
        var part1 = device + "1";
        switch (Type)
        {
            case "part":
                yield return ("part_disk", [device, p["partition"]]);
                break;
            case "fs":
                yield return ("part_disk", [device, p["partition"]]);
                yield return ("mkfs", [p["filesystem"], part1]);
                break;
            case "lv":
            case "lvfs":
                var (vg, lv) = SplitVolumeName(p["name"]);
                yield return ("part_disk", [device, p["partition"]]);
                yield return ("pvcreate", [part1]);
                yield return ("vgcreate", [vg, (IReadOnlyList<string>)[part1]]);
                yield return ("lvcreate_free", [lv, vg, 100]);
                if (Type == "lvfs")
                {
                    yield return ("mkfs", [p["filesystem"], p["name"]]);
                }

                break;
            case "bootroot":
            case "bootrootlv":
                var bootSectors = ParseSize(p["bootsize"]) / 512;
                var part2 = device + "2";
                yield return ("part_init", [device, p["partition"]]);
                yield return ("part_add", [device, "p", 64L, 64 + bootSectors - 1]);
                yield return ("part_add", [device, "p", 64 + bootSectors, -64L]);
                yield return ("mkfs", [p["bootfs"], part1]);
                if (Type == "bootroot")
                {
                    yield return ("mkfs", [p["rootfs"], part2]);
                }
                else
                {
                    var (rvg, rlv) = SplitVolumeName(p["name"]);
                    yield return ("pvcreate", [part2]);
                    yield return ("vgcreate", [rvg, (IReadOnlyList<string>)[part2]]);
                    yield return ("lvcreate_free", [rlv, rvg, 100]);
                    yield return ("mkfs", [p["rootfs"], p["name"]]);
                }

                break;
        }
    }
}

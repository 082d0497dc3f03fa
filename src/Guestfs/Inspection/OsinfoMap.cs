using System.Globalization;

namespace Guestfs.Inspection;

/// <summary>
/// libguestfs 1.48.6's guess of a libosinfo short id (<c>inspect_get_osinfo</c>) from the inspected type,
/// distribution and version, and for Windows the product name and variant. Anything it has no rule for is
/// <c>unknown</c>.
/// </summary>
internal static class OsinfoMap
{
    /// <summary>The id returned when no rule matches.</summary>
    public const string Unknown = "unknown";

    /// <summary>Maps inspection facts to a libosinfo short id.</summary>
    /// <param name="type">inspect_get_type, e.g. <c>linux</c>, <c>windows</c>.</param>
    /// <param name="distro">inspect_get_distro.</param>
    /// <param name="major">inspect_get_major_version.</param>
    /// <param name="minor">inspect_get_minor_version.</param>
    /// <param name="productName">inspect_get_product_name (used for Windows only).</param>
    /// <param name="productVariant">inspect_get_product_variant (used for Windows only).</param>
    /// <returns>The short id, e.g. <c>debian12</c>, <c>ubuntu22.04</c>, <c>win10</c>, or <c>unknown</c>.</returns>
    public static string ShortId(string type, string distro, int major, int minor, string? productName, string? productVariant)
    {
        switch (type)
        {
            case "linux":
                return Linux(distro, major, minor) ?? Unknown;
            case "freebsd" or "netbsd" or "openbsd":
                return $"{distro}{N(major)}.{N(minor)}";
            case "dos":
                return distro == "msdos" ? "msdos6.22" : Unknown;
            case "windows":
                return Windows(major, minor, productName ?? string.Empty, productVariant ?? string.Empty) ?? Unknown;
            default:
                return Unknown;
        }
    }

    private static string? Linux(string distro, int major, int minor)
    {
        switch (distro)
        {
            case "centos":
                if (major >= 8)
                {
                    return distro + N(major);
                }

                if (major == 7)
                {
                    return distro + "7.0";
                }

                if (major == 6)
                {
                    return $"{distro}6.{N(minor)}";
                }

                break;
            case "rocky":
                if (major >= 8)
                {
                    return distro + N(major);
                }

                break;
            case "debian":
                if (major >= 4)
                {
                    return distro + N(major);
                }

                break;
            case "fedora" or "mageia":
                return distro + N(major);
            case "sles":
                return minor == 0 ? distro + N(major) : $"{distro}{N(major)}sp{N(minor)}";
            case "ubuntu":
                // C's "%02d": at least two digits, a minus sign counting as one character.
                return $"{distro}{N(major)}.{(minor >= 0 ? minor.ToString("00", CultureInfo.InvariantCulture) : N(minor))}";
            case "archlinux" or "gentoo" or "voidlinux":
                return distro;
            case "altlinux":
                return major >= 8 ? $"alt{N(major)}.{N(minor)}" : $"{distro}{N(major)}.{N(minor)}";
        }

        return distro != "unknown" && (major > 0 || minor > 0) ? $"{distro}{N(major)}.{N(minor)}" : null;
    }

    private static string? Windows(int major, int minor, string productName, string productVariant)
    {
        bool server = productVariant.Contains("Server", System.StringComparison.Ordinal);
        return (major, minor) switch
        {
            (5, 1) => "winxp",
            (5, 2) => productName.Contains("XP", System.StringComparison.Ordinal) ? "winxp"
                : productName.Contains("R2", System.StringComparison.Ordinal) ? "win2k3r2"
                : "win2k3",
            (6, 0) => server ? "win2k8" : "winvista",
            (6, 1) => server ? "win2k8r2" : "win7",
            (6, 2) => server ? "win2k12" : "win8",
            (6, 3) => server ? "win2k12r2" : "win8.1",
            (10, 0) => !server ? "win10"
                : productName.Contains("2022", System.StringComparison.Ordinal) ? "win2k22"
                : productName.Contains("2019", System.StringComparison.Ordinal) ? "win2k19"
                : "win2k16",
            _ => null,
        };
    }

    private static string N(int value) => value.ToString(CultureInfo.InvariantCulture);
}

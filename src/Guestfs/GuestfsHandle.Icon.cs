using System;
using System.Globalization;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Guestfs.Inspection;
using Guestfs.Protocol;

namespace Guestfs;

/// <content>
/// <c>inspect_get_icon</c> as libguestfs 1.48.6 does it: <c>/etc/favicon.png</c> first (unless high quality is asked
/// for), then a logo at a place known for the distribution, each accepted only if <c>file</c> in the appliance calls
/// it a PNG of 16 to 1024 pixels a side and it is not larger than a per-distribution limit. Cirros's text logo and
/// the Windows XP and 7 icons inside <c>explorer.exe</c> are converted on the host with netpbm and icoutils
/// (<c>pbmtext</c>, <c>wrestool</c>, <c>bmptopnm</c>, <c>pamcut</c>, <c>pnmtopng</c>) when they are installed;
/// without them, or when nothing is found, the result is an empty buffer, not an error.
/// </content>
public sealed partial class GuestfsHandle
{
    private const int MaxWindowsExplorerSize = 4 * 1000 * 1000;
    private const int MaxConvertedIconSize = 16 * 1024 * 1024;

    /// <summary>Returns an icon (usually PNG) of an inspected guest (<c>inspect_get_icon</c>).</summary>
    /// <param name="root">A root returned by inspect_os; its filesystems must be mounted.</param>
    /// <param name="options"><c>Favicon</c> (default true): try <c>/etc/favicon.png</c> first; <c>Highquality</c>
    /// (default false): only large icons, which turns the favicon off.</param>
    /// <param name="cancellationToken">Cancels the daemon calls and kills the converters.</param>
    /// <returns>The icon, or an empty buffer when none is found.</returns>
    public partial Task<byte[]> InspectGetIconAsync(string root, InspectGetIconOptions? options, CancellationToken cancellationToken)
    {
        ArgumentGuard.ThrowIfContainsNul(root);
        bool highquality = options?.Highquality ?? false;
        bool favicon = !highquality && (options?.Favicon ?? true);
        return LibraryActionAsync("inspect_get_icon", root, async () =>
        {
            string type = (await InnerCallAsync<InspectGetTypeRet>(Procedure.InspectGetType, new InspectGetTypeArgs(root), cancellationToken).ConfigureAwait(false)).Name;
            string distro = (await InnerCallAsync<InspectGetDistroRet>(Procedure.InspectGetDistro, new InspectGetDistroArgs(root), cancellationToken).ConfigureAwait(false))
                .Distro;
            if (favicon)
            {
                string name = "/etc/favicon.png";
                if (type == "windows")
                {
                    name = await CaseSensitivePathSilentlyAsync(name, cancellationToken).ConfigureAwait(false) ?? name;
                }

                if (await GetPngAsync(name, 0, cancellationToken).ConfigureAwait(false) is { } icon)
                {
                    return icon;
                }
            }

            return await DistributionIconAsync(root, type, distro, highquality, cancellationToken).ConfigureAwait(false) ?? [];
        }, cancellationToken);
    }

    private async Task<byte[]?> DistributionIconAsync(string root, string type, string distro, bool highquality, CancellationToken cancellationToken)
    {
        if (type == "windows")
        {
            return highquality ? null : await WindowsIconAsync(root, cancellationToken).ConfigureAwait(false);
        }

        if (type is not ("linux" or "hurd"))
        {
            return null;
        }

        switch (distro)
        {
            case "fedora":
                return await GetPngAsync("/usr/share/icons/hicolor/96x96/apps/fedora-logo-icon.png", 0, cancellationToken).ConfigureAwait(false);
            case "rhel" or "redhat-based" or "centos" or "rocky" or "scientificlinux" or "oraclelinux":
                int major = await InspectVersionAsync(root, major: true, cancellationToken).ConfigureAwait(false);
                return await GetPngAsync(
                    major < 7 ? "/usr/share/pixmaps/redhat/shadowman-transparent.png" : "/usr/share/icons/hicolor/96x96/apps/system-logo-icon.png",
                    102400,
                    cancellationToken).ConfigureAwait(false);
            case "debian":
                return await GetPngAsync("/usr/share/pixmaps/debian-logo.png", 2048, cancellationToken).ConfigureAwait(false);
            case "ubuntu":
                return highquality
                    ? null
                    : await FindPngAsync(
                        ["/usr/share/icons/gnome/24x24/places/ubuntu-logo.png", "/usr/share/help/C/ubuntu-help/figures/ubuntu-logo.png"], 2048, cancellationToken)
                        .ConfigureAwait(false);
            case "mageia":
                return await GetPngAsync("/usr/share/icons/mageia.png", 10240, cancellationToken).ConfigureAwait(false);
            case "suse-based" or "opensuse" or "sles":
                return await FindPngAsync(
                    ["/usr/share/icons/hicolor/48x48/apps/distributor.png", "/usr/share/icons/hicolor/24x24/apps/distributor.png"], 10240, cancellationToken)
                    .ConfigureAwait(false);
            case "cirros":
                return await CirrosIconAsync(cancellationToken).ConfigureAwait(false);
            case "voidlinux":
                return await GetPngAsync("/usr/share/void-artwork/void-logo.png", 20480, cancellationToken).ConfigureAwait(false);
            case "altlinux":
                return await GetPngAsync("/usr/share/icons/hicolor/48x48/apps/altlinux.png", 20480, cancellationToken).ConfigureAwait(false);
            case "gentoo":
                return await GetPngAsync("/usr/share/icons/gentoo/48x48/gentoo.png", 10240, cancellationToken).ConfigureAwait(false);
            case "openmandriva":
                return await FindPngAsync(["/usr/share/icons/large/mandriva.png", "/usr/share/icons/mandriva.png"], 10240, cancellationToken).ConfigureAwait(false);
            default:
                return null;
        }
    }

    private async Task<byte[]?> FindPngAsync(string[] names, long maxSize, CancellationToken cancellationToken)
    {
        foreach (string name in names)
        {
            if (await GetPngAsync(name, maxSize, cancellationToken).ConfigureAwait(false) is { } icon)
            {
                return icon;
            }
        }

        return null;
    }

    /// <summary>
    /// The PNG at <paramref name="name"/> if it is a regular file (following links) that <c>file</c> calls a PNG of
    /// 16 to 1024 pixels a side, of at most <paramref name="maxSize"/> bytes (0: four bytes a pixel); else null.
    /// </summary>
    private async Task<byte[]?> GetPngAsync(string name, long maxSize, CancellationToken cancellationToken)
    {
        if (!(await InnerCallAsync<IsFileRet>(Procedure.IsFile, new IsFileArgs(name, true), cancellationToken, optargsBitmask: 1).ConfigureAwait(false)).Fileflag)
        {
            return null;
        }

        try
        {
            string real = (await InnerCallAsync<RealpathRet>(Procedure.Realpath, new RealpathArgs(name), cancellationToken).ConfigureAwait(false)).Rpath;
            string description = (await InnerCallAsync<FileRet>(Procedure.File, new FileArgs(real), cancellationToken).ConfigureAwait(false)).Description;
            if (ParsePngGeometry(description) is not (int width, int height) || width < 16 || height < 16 || width > 1024 || height > 1024)
            {
                return null;
            }

            return await DownloadBoundedAsync(real, maxSize == 0 ? 4L * width * height : maxSize, cancellationToken).ConfigureAwait(false);
        }
        catch (GuestfsException e) when (IsDaemonError(e))
        {
            return null;
        }
    }

    /// <summary>Width and height from <c>file</c>'s "PNG image data, W x H, ..." (C's <c>sscanf("%d x %d")</c>).</summary>
    internal static (int Width, int Height)? ParsePngGeometry(string description)
    {
        const string prefix = "PNG image data, ";
        if (!description.StartsWith(prefix, StringComparison.Ordinal))
        {
            return null;
        }

        ReadOnlySpan<char> rest = description.AsSpan(prefix.Length);
        if (!ScanInt(ref rest, out int width))
        {
            return null;
        }

        rest = rest.TrimStart();
        if (rest.Length == 0 || rest[0] != 'x')
        {
            return null;
        }

        rest = rest.Slice(1);
        return ScanInt(ref rest, out int height) ? (width, height) : null;

        static bool ScanInt(ref ReadOnlySpan<char> text, out int value)
        {
            value = 0;
            text = text.TrimStart();
            int i = text.Length > 0 && text[0] is '+' or '-' ? 1 : 0;
            int digits = i;
            while (i < text.Length && char.IsAsciiDigit(text[i]))
            {
                i++;
            }

            if (i == digits || !int.TryParse(text.Slice(0, i), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value))
            {
                return false;
            }

            text = text.Slice(i);
            return true;
        }
    }

    /// <summary>Cirros's logo is ASCII art: rendered with <c>pbmtext | pnmtopng</c> when they are installed.</summary>
    private async Task<byte[]?> CirrosIconAsync(CancellationToken cancellationToken)
    {
        const string logo = "/usr/share/cirros/logo";
        if (!(await InnerCallAsync<IsFileRet>(Procedure.IsFile, new IsFileArgs(logo, true), cancellationToken, optargsBitmask: 1).ConfigureAwait(false)).Fileflag)
        {
            return null;
        }

        byte[] text;
        try
        {
            string description = (await InnerCallAsync<FileRet>(Procedure.File, new FileArgs(logo), cancellationToken).ConfigureAwait(false)).Description;
            if (!description.StartsWith("ASCII text", StringComparison.Ordinal))
            {
                return null;
            }

            text = await DownloadBoundedAsync(logo, 1024, cancellationToken).ConfigureAwait(false);
        }
        catch (GuestfsException e) when (IsDaemonError(e))
        {
            return null;
        }

        return await HostPipeline.RunAsync([["pbmtext"], ["pnmtopng"]], text, MaxConvertedIconSize, cancellationToken).ConfigureAwait(false);
    }

    private async Task<byte[]?> WindowsIconAsync(string root, CancellationToken cancellationToken)
    {
        string systemroot;
        try
        {
            systemroot = (await InnerCallAsync<InspectGetWindowsSystemrootRet>(Procedure.InspectGetWindowsSystemroot, new InspectGetWindowsSystemrootArgs(root), cancellationToken)
                .ConfigureAwait(false)).Systemroot;
        }
        catch (GuestfsException e) when (IsDaemonError(e))
        {
            return null;
        }

        int major = await InspectVersionAsync(root, major: true, cancellationToken).ConfigureAwait(false);
        int minor = await InspectVersionAsync(root, major: false, cancellationToken).ConfigureAwait(false);
        switch (major, minor)
        {
            case (5, 1):
                // Windows XP: group icon 143 of explorer.exe; a failing case-sensitive lookup is an error here.
                string xp = (await InnerCallAsync<CaseSensitivePathRet>(Procedure.CaseSensitivePath, new CaseSensitivePathArgs(systemroot + "/explorer.exe"), cancellationToken)
                    .ConfigureAwait(false)).Rpath;
                return await ExplorerIconAsync([xp], "143", cropBottom: false, cancellationToken).ConfigureAwait(false);
            case (6, 1):
                // Windows 7: prefer the 32-bit explorer.exe, which usually holds the icons on 64-bit guests.
                string?[] candidates =
                [
                    await CaseSensitivePathSilentlyAsync(systemroot + "/SysWOW64/explorer.exe", cancellationToken).ConfigureAwait(false),
                    await CaseSensitivePathSilentlyAsync(systemroot + "/explorer.exe", cancellationToken).ConfigureAwait(false),
                ];
                return await ExplorerIconAsync(candidates, "6801", cropBottom: true, cancellationToken).ConfigureAwait(false);
            case (6, 2):
                // Windows 8: a PNG shipped as is.
                if (await CaseSensitivePathSilentlyAsync("/ProgramData/Microsoft/Windows Live/WLive48x48.png", cancellationToken).ConfigureAwait(false) is not { } png
                    || !await IsFileQuietlyAsync(png, cancellationToken).ConfigureAwait(false))
                {
                    return null;
                }

                try
                {
                    return await DownloadBoundedAsync(png, 8192, cancellationToken).ConfigureAwait(false);
                }
                catch (GuestfsException e) when (IsDaemonError(e))
                {
                    return null;
                }

            default:
                return null;
        }
    }

    /// <summary>Extracts a bitmap resource from the first existing <c>explorer.exe</c> of <paramref name="candidates"/> and converts it to PNG.</summary>
    private async Task<byte[]?> ExplorerIconAsync(string?[] candidates, string resource, bool cropBottom, CancellationToken cancellationToken)
    {
        string? explorer = null;
        foreach (string? candidate in candidates)
        {
            if (candidate is not null && await IsFileQuietlyAsync(candidate, cancellationToken).ConfigureAwait(false))
            {
                explorer = candidate;
                break;
            }
        }

        if (explorer is null)
        {
            return null;
        }

        byte[] exe;
        try
        {
            exe = await DownloadBoundedAsync(explorer, MaxWindowsExplorerSize, cancellationToken).ConfigureAwait(false);
        }
        catch (GuestfsException e) when (IsDaemonError(e))
        {
            return null;
        }

        // wrestool reads a file: a copy in a private temporary directory, removed afterwards.
        string directory;
        try
        {
            directory = Backends.Direct.PrivateDirectory.Create(EffectiveTmpdir, "guestfs-icon-");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }

        try
        {
            string local = Path.Combine(directory, "explorer.exe");
            await File.WriteAllBytesAsync(local, exe, cancellationToken).ConfigureAwait(false);
            string[][] pipeline = cropBottom
                ? [["wrestool", "-x", "--type=2", "--name=" + resource, local], ["bmptopnm"], ["pamcut", "-bottom", "54"], ["pnmtopng"]]
                : [["wrestool", "-x", "--type=2", "--name=" + resource, local], ["bmptopnm"], ["pnmtopng"]];
            return await HostPipeline.RunAsync(pipeline, null, MaxConvertedIconSize, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>is_file without following links; a daemon error reads as false.</summary>
    private async Task<bool> IsFileQuietlyAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            return (await InnerCallAsync<IsFileRet>(Procedure.IsFile, new IsFileArgs(path, false), cancellationToken).ConfigureAwait(false)).Fileflag;
        }
        catch (GuestfsException e) when (IsDaemonError(e))
        {
            return false;
        }
    }

    /// <summary>case_sensitive_path, with a daemon error read as <see langword="null"/>.</summary>
    private async Task<string?> CaseSensitivePathSilentlyAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            return (await InnerCallAsync<CaseSensitivePathRet>(Procedure.CaseSensitivePath, new CaseSensitivePathArgs(path), cancellationToken).ConfigureAwait(false)).Rpath;
        }
        catch (GuestfsException e) when (IsDaemonError(e))
        {
            return null;
        }
    }
}

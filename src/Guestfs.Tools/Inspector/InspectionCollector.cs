using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Guestfs.Tools.Common;

namespace Guestfs.Tools.Inspector;

/// <summary>
/// Gathers an <see cref="OperatingSystemReport"/> per root with the calls, order, sorting and error handling of
/// guestfs-tools' <c>inspector/inspector.c</c>: a failing required call ends the tool with the library's error,
/// the Windows, filesystem-property and drive-mapping lookups are optional and silently left out on failure.
/// </summary>
internal sealed class InspectionCollector
{
    private readonly GuestfsHandle _g;
    private readonly ToolContext _context;
    private readonly bool _readOnly;

    /// <summary>Creates a collector over a launched handle.</summary>
    /// <param name="g">The handle, inspected (<c>inspect_os</c> done).</param>
    /// <param name="context">The tool's context (for the mount warning).</param>
    /// <param name="readOnly">Whether the drives were added read-only (mounts then use <c>mount_ro</c>).</param>
    public InspectionCollector(GuestfsHandle g, ToolContext context, bool readOnly)
    {
        _g = g;
        _context = context;
        _readOnly = readOnly;
    }

    /// <summary>Reports on one root; mounts its filesystems for the applications and icon and unmounts them after.</summary>
    /// <param name="root">The root from <c>inspect_os</c>.</param>
    /// <param name="applications">Whether to list applications.</param>
    /// <param name="icon">Whether to fetch the icon.</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    /// <returns>The report.</returns>
    /// <exception cref="ToolExitException">A required library call failed.</exception>
    public async Task<OperatingSystemReport> CollectAsync(string root, bool applications, bool icon, CancellationToken cancellationToken)
    {
        string canonicalRoot = await Required(_g.CanonicalDeviceNameAsync(root, cancellationToken));
        string? name = Known(await Required(_g.InspectGetTypeAsync(root, cancellationToken)));
        string? arch = Known(await Required(_g.InspectGetArchAsync(root, cancellationToken)));
        string? distro = Known(await Required(_g.InspectGetDistroAsync(root, cancellationToken)));
        string? productName = Known(await Required(_g.InspectGetProductNameAsync(root, cancellationToken)));
        string? productVariant = Known(await Required(_g.InspectGetProductVariantAsync(root, cancellationToken)));
        int major = await Required(_g.InspectGetMajorVersionAsync(root, cancellationToken));
        int minor = await Required(_g.InspectGetMinorVersionAsync(root, cancellationToken));
        string? packageFormat = Known(await Required(_g.InspectGetPackageFormatAsync(root, cancellationToken)));
        string? packageManagement = Known(await Required(_g.InspectGetPackageManagementAsync(root, cancellationToken)));
        string? systemroot = await Optional(_g.InspectGetWindowsSystemrootAsync(root, cancellationToken));
        string? controlSet = await Optional(_g.InspectGetWindowsCurrentControlSetAsync(root, cancellationToken));
        string? hostname = Known(await Required(_g.InspectGetHostnameAsync(root, cancellationToken)));
        string? osinfo = Known(await Required(_g.InspectGetOsinfoAsync(root, cancellationToken)));
        var mountpoints = await MountpointsAsync(root, cancellationToken);
        var filesystems = await FilesystemsAsync(root, cancellationToken);
        var driveMappings = await DriveMappingsAsync(root, cancellationToken);

        IReadOnlyList<ApplicationReport>? apps = null;
        byte[]? iconData = null;
        if (applications || icon)
        {
            await GuestSession.MountRootAsync(_g, _context, root, _readOnly, cancellationToken);
            if (applications)
            {
                apps = (await Required(_g.InspectListApplications2Async(root, cancellationToken))).Select(Application).ToList();
            }

            if (icon)
            {
                var data = await Required(_g.InspectGetIconAsync(root, new InspectGetIconOptions { Favicon = false }, cancellationToken));
                iconData = data.Length > 0 ? data : null;
            }

            await GuestSession.OrExit(_g.UmountAllAsync(cancellationToken));
        }

        return new OperatingSystemReport(
            canonicalRoot, name, arch, distro, productName, productVariant, major, minor, packageFormat, packageManagement,
            systemroot, controlSet, hostname, osinfo, mountpoints, filesystems, driveMappings, apps, iconData);
    }

    private async Task<IReadOnlyList<KeyValuePair<string, string>>> MountpointsAsync(string root, CancellationToken cancellationToken)
    {
        var mountpoints = await Required(_g.InspectGetMountpointsAsync(root, cancellationToken));
        var result = new List<KeyValuePair<string, string>>();
        foreach (var (mountpoint, device) in ByLengthThenName(mountpoints))
        {
            result.Add(new(mountpoint, await Required(_g.CanonicalDeviceNameAsync(device, cancellationToken))));
        }

        return result;
    }

    private async Task<IReadOnlyList<FilesystemReport>> FilesystemsAsync(string root, CancellationToken cancellationToken)
    {
        var filesystems = (await Required(_g.InspectGetFilesystemsAsync(root, cancellationToken))).ToList();
        filesystems.Sort(StringComparer.Ordinal);
        var result = new List<FilesystemReport>();
        foreach (string filesystem in filesystems)
        {
            string device = await Required(_g.CanonicalDeviceNameAsync(filesystem, cancellationToken));
            result.Add(new FilesystemReport(
                device,
                NonEmpty(await Optional(_g.VfsTypeAsync(filesystem, cancellationToken))),
                NonEmpty(await Optional(_g.VfsLabelAsync(filesystem, cancellationToken))),
                NonEmpty(await Optional(_g.VfsUuidAsync(filesystem, cancellationToken)))));
        }

        return result;
    }

    private async Task<IReadOnlyList<KeyValuePair<string, string>>?> DriveMappingsAsync(string root, CancellationToken cancellationToken)
    {
        var mappings = await Optional(_g.InspectGetDriveMappingsAsync(root, cancellationToken));
        if (mappings is null || mappings.Count == 0)
        {
            return null;
        }

        var result = new List<KeyValuePair<string, string>>();
        foreach (var (letter, device) in mappings.OrderBy(m => m.Key, AsciiCaseInsensitive.Instance))
        {
            result.Add(new(letter, await Required(_g.CanonicalDeviceNameAsync(device, cancellationToken))));
        }

        return result;
    }

    private static IEnumerable<KeyValuePair<string, string>> ByLengthThenName(IReadOnlyDictionary<string, string> mountpoints) =>
        mountpoints.OrderBy(m => m.Key.Length).ThenBy(m => m.Key, StringComparer.Ordinal);

    private static ApplicationReport Application(Application2 a) => new(
        a.App2Name,
        NonEmpty(a.App2DisplayName),
        a.App2Epoch != 0 ? a.App2Epoch : null,
        NonEmpty(a.App2Version),
        NonEmpty(a.App2Release),
        NonEmpty(a.App2Arch),
        NonEmpty(a.App2InstallPath),
        NonEmpty(a.App2Publisher),
        NonEmpty(a.App2Url),
        NonEmpty(a.App2SourcePackage),
        NonEmpty(a.App2Summary),
        NonEmpty(a.App2Description));

    private static string? Known(string value) => value == "unknown" ? null : value;

    private static string? NonEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    private static Task<T> Required<T>(Task<T> call) => GuestSession.OrExit(call);

    private static async Task<T?> Optional<T>(Task<T> call)
        where T : class
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

    /// <summary><c>strcasecmp</c>: bytes compared after ASCII lower-casing.</summary>
    private sealed class AsciiCaseInsensitive : IComparer<string>
    {
        public static readonly AsciiCaseInsensitive Instance = new();

        public int Compare(string? x, string? y)
        {
            x ??= string.Empty;
            y ??= string.Empty;
            for (int i = 0; i < Math.Min(x.Length, y.Length); i++)
            {
                int c = Lower(x[i]) - Lower(y[i]);
                if (c != 0)
                {
                    return c;
                }
            }

            return x.Length - y.Length;
        }

        private static char Lower(char c) => c is >= 'A' and <= 'Z' ? (char)(c + 32) : c;
    }
}

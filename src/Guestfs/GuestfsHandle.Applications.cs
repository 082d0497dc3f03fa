using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Guestfs.Inspection;
using Guestfs.Protocol;
using Guestfs.Xdr;

namespace Guestfs;

/// <content>
/// Application inspection (<c>inspect_list_applications2</c> and the deprecated <c>inspect_list_applications</c>),
/// done on the library side as in libguestfs 1.48.6: the guest's filesystems must already be mounted; dpkg, apk and
/// pacman databases are downloaded (size-checked first) and parsed by <see cref="PackageDatabases"/>, RPM is the
/// daemon's <c>internal_list_rpm_applications</c>, and Windows is read from the Uninstall keys of the SOFTWARE hive
/// through the daemon's hivex calls. The result is sorted by name.
/// </content>
public sealed partial class GuestfsHandle
{
    private static readonly string[] s_uninstallPath = ["Microsoft", "Windows", "CurrentVersion", "Uninstall"];
    private static readonly string[] s_uninstallPathWow64 = ["WOW6432node", "Microsoft", "Windows", "CurrentVersion", "Uninstall"];

    /// <summary>Lists the applications installed in an inspected guest (<c>inspect_list_applications2</c>).</summary>
    /// <param name="root">A root returned by inspect_os; its filesystems must be mounted.</param>
    /// <param name="cancellationToken">Cancels the daemon calls.</param>
    /// <returns>The applications sorted by name; empty for a guest whose package format is not known.</returns>
    public partial Task<IReadOnlyList<Application2>> InspectListApplications2Async(string root, CancellationToken cancellationToken)
    {
        ArgumentGuard.ThrowIfContainsNul(root);
        return LibraryActionAsync("inspect_list_applications2", root, () => ListApplicationsAsync(root, cancellationToken), cancellationToken);
    }

    /// <summary>The older form of <see cref="InspectListApplications2Async"/> without the architecture (<c>inspect_list_applications</c>).</summary>
    /// <param name="root">A root returned by inspect_os; its filesystems must be mounted.</param>
    /// <param name="cancellationToken">Cancels the daemon calls.</param>
    /// <returns>The applications sorted by name.</returns>
    public partial Task<IReadOnlyList<Application>> InspectListApplicationsAsync(string root, CancellationToken cancellationToken)
    {
        ArgumentGuard.ThrowIfContainsNul(root);
        return LibraryActionAsync<IReadOnlyList<Application>>("inspect_list_applications", root, async () =>
        {
            IReadOnlyList<Application2> apps = await ListApplicationsAsync(root, cancellationToken).ConfigureAwait(false);
            var old = new List<Application>(apps.Count);
            foreach (Application2 a in apps)
            {
                old.Add(new Application(a.App2Name, a.App2DisplayName, a.App2Epoch, a.App2Version, a.App2Release, a.App2InstallPath,
                    a.App2TransPath, a.App2Publisher, a.App2Url, a.App2SourcePackage, a.App2Summary, a.App2Description));
            }

            return old;
        }, cancellationToken);
    }

    private async Task<IReadOnlyList<Application2>> ListApplicationsAsync(string root, CancellationToken cancellationToken)
    {
        string type = (await InnerCallAsync<InspectGetTypeRet>(Procedure.InspectGetType, new InspectGetTypeArgs(root), cancellationToken).ConfigureAwait(false)).Name;
        string format = (await InnerCallAsync<InspectGetPackageFormatRet>(Procedure.InspectGetPackageFormat, new InspectGetPackageFormatArgs(root), cancellationToken)
            .ConfigureAwait(false)).Packageformat;
        IEnumerable<Application2> apps = [];
        if (type is "linux" or "hurd")
        {
            switch (format)
            {
                case "rpm":
                    apps = (await InnerCallAsync<InternalListRpmApplicationsRet>(Procedure.InternalListRpmApplications, null, cancellationToken).ConfigureAwait(false))
                        .Applications2;
                    break;
                case "deb":
                    apps = PackageDatabases.ParseDpkgStatus(
                        await DownloadBoundedAsync("/var/lib/dpkg/status", PackageDatabases.MaxDpkgStatusSize, cancellationToken).ConfigureAwait(false));
                    break;
                case "pacman":
                    apps = await ListPacmanAsync(cancellationToken).ConfigureAwait(false);
                    break;
                case "apk":
                    apps = PackageDatabases.ParseApkInstalled(
                        await DownloadBoundedAsync("/lib/apk/db/installed", PackageDatabases.MaxApkInstalledSize, cancellationToken).ConfigureAwait(false));
                    break;
            }
        }
        else if (type == "windows")
        {
            apps = await ListWindowsAsync(root, cancellationToken).ConfigureAwait(false);
        }

        return PackageDatabases.SortByName(apps);
    }

    /// <summary>One package per directory of <c>/var/lib/pacman/local</c>; a missing, oversized or broken desc is skipped.</summary>
    private async Task<List<Application2>> ListPacmanAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<Dirent> entries = (await InnerCallAsync<ReaddirRet>(Procedure.Readdir, new ReaddirArgs("/var/lib/pacman/local"), cancellationToken)
            .ConfigureAwait(false)).Entries;
        var apps = new List<Application2>();
        foreach (Dirent entry in entries)
        {
            if (entry.Ftyp != 'd' || entry.Name is "." or ".." || entry.Name.Contains('\0'))
            {
                continue;
            }

            byte[] desc;
            try
            {
                desc = await DownloadBoundedAsync("/var/lib/pacman/local/" + entry.Name + "/desc", PackageDatabases.MaxPacmanDescSize, cancellationToken)
                    .ConfigureAwait(false);
            }
            catch (GuestfsException e) when (IsDaemonError(e))
            {
                continue;
            }

            if (PackageDatabases.ParsePacmanDesc(desc) is { } app)
            {
                apps.Add(app);
            }
        }

        return apps;
    }

    /// <summary>
    /// The subkeys with a <c>DisplayName</c> of the native and the WOW64 Uninstall keys. As in libguestfs, a key or
    /// value the daemon cannot read is left out rather than failing the call.
    /// </summary>
    private async Task<List<Application2>> ListWindowsAsync(string root, CancellationToken cancellationToken)
    {
        string hive = (await InnerCallAsync<InspectGetWindowsSoftwareHiveRet>(Procedure.InspectGetWindowsSoftwareHive, new InspectGetWindowsSoftwareHiveArgs(root), cancellationToken)
            .ConfigureAwait(false)).Path;
        const ulong verboseAndUnsafe = 1UL << 0 | 1UL << 3;
        await CallCoreAsync<NoReply>(Procedure.HivexOpen, new HivexOpenArgs(hive, _verbose, false, false, true), verboseAndUnsafe, default, "hivex_open", cancellationToken)
            .ConfigureAwait(false);
        var apps = new List<Application2>();
        await ListUninstallKeysAsync(apps, s_uninstallPath, cancellationToken).ConfigureAwait(false);
        await ListUninstallKeysAsync(apps, s_uninstallPathWow64, cancellationToken).ConfigureAwait(false);
        await InnerCallAsync<NoReply>(Procedure.HivexClose, null, cancellationToken).ConfigureAwait(false);
        return apps;
    }

    private async Task ListUninstallKeysAsync(List<Application2> apps, string[] path, CancellationToken cancellationToken)
    {
        IReadOnlyList<HivexNode> children;
        try
        {
            long node = (await InnerCallAsync<HivexRootRet>(Procedure.HivexRoot, null, cancellationToken).ConfigureAwait(false)).Nodeh;
            for (int i = 0; node != 0 && i < path.Length; i++)
            {
                node = (await InnerCallAsync<HivexNodeGetChildRet>(Procedure.HivexNodeGetChild, new HivexNodeGetChildArgs(node, path[i]), cancellationToken)
                    .ConfigureAwait(false)).Child;
            }

            if (node == 0)
            {
                return;
            }

            children = (await InnerCallAsync<HivexNodeChildrenRet>(Procedure.HivexNodeChildren, new HivexNodeChildrenArgs(node), cancellationToken).ConfigureAwait(false))
                .Nodehs;
        }
        catch (GuestfsException e) when (IsDaemonError(e))
        {
            return;
        }

        foreach (HivexNode child in children)
        {
            string name, displayName;
            try
            {
                // The key name stands for the package name: the display name depends on the language.
                name = (await InnerCallAsync<HivexNodeNameRet>(Procedure.HivexNodeName, new HivexNodeNameArgs(child.HivexNodeH), cancellationToken).ConfigureAwait(false)).Name;
                if (await HivexStringValueAsync(child.HivexNodeH, "DisplayName", cancellationToken).ConfigureAwait(false) is not { } display)
                {
                    continue;
                }

                displayName = display;
            }
            catch (GuestfsException e) when (IsDaemonError(e))
            {
                continue;
            }

            apps.Add(PackageDatabases.Make(
                name,
                displayName,
                0,
                await OptionalHivexStringAsync(child.HivexNodeH, "DisplayVersion", cancellationToken).ConfigureAwait(false),
                string.Empty,
                string.Empty,
                await OptionalHivexStringAsync(child.HivexNodeH, "InstallLocation", cancellationToken).ConfigureAwait(false),
                await OptionalHivexStringAsync(child.HivexNodeH, "Publisher", cancellationToken).ConfigureAwait(false),
                await OptionalHivexStringAsync(child.HivexNodeH, "URLInfoAbout", cancellationToken).ConfigureAwait(false),
                string.Empty,
                string.Empty,
                await OptionalHivexStringAsync(child.HivexNodeH, "Comments", cancellationToken).ConfigureAwait(false)));
        }
    }

    /// <summary>The string in value <paramref name="key"/> of a key, or <see langword="null"/> when there is none.</summary>
    private async Task<string?> HivexStringValueAsync(long node, string key, CancellationToken cancellationToken)
    {
        long value = (await InnerCallAsync<HivexNodeGetValueRet>(Procedure.HivexNodeGetValue, new HivexNodeGetValueArgs(node, key), cancellationToken).ConfigureAwait(false))
            .Valueh;
        return value == 0
            ? null
            : (await InnerCallAsync<HivexValueStringRet>(Procedure.HivexValueString, new HivexValueStringArgs(value), cancellationToken).ConfigureAwait(false)).Databuf;
    }

    /// <summary>As <see cref="HivexStringValueAsync"/>, with an unreadable value read as empty.</summary>
    private async Task<string> OptionalHivexStringAsync(long node, string key, CancellationToken cancellationToken)
    {
        try
        {
            return await HivexStringValueAsync(node, key, cancellationToken).ConfigureAwait(false) ?? string.Empty;
        }
        catch (GuestfsException e) when (IsDaemonError(e))
        {
            return string.Empty;
        }
    }

    /// <summary>
    /// Downloads a guest file whose size the daemon reports as at most <paramref name="maxSize"/> bytes, as libguestfs's
    /// download to a temporary file does (the same error text for a larger one).
    /// </summary>
    private async Task<byte[]> DownloadBoundedAsync(string path, long maxSize, CancellationToken cancellationToken)
    {
        long size = (await InnerCallAsync<FilesizeRet>(Procedure.Filesize, new FilesizeArgs(path), cancellationToken).ConfigureAwait(false)).Size;
        if ((ulong)size > (ulong)maxSize)
        {
            throw new GuestfsException($"size of {path} is unreasonably large ({size} bytes)", procedure: "download");
        }

        return await DownloadToArrayAsync(Procedure.Download, new DownloadArgs(path), "download", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A daemon call made inside a library-side action, which already holds the handle's guard.</summary>
    private Task<TRet> InnerCallAsync<TRet>(Procedure procedure, IXdrEncodable? args, CancellationToken cancellationToken, ulong optargsBitmask = 0)
        where TRet : IXdrDecodable<TRet> =>
        CallCoreAsync<TRet>(procedure, args, optargsBitmask, default, procedure.ActionName(), cancellationToken);

    /// <summary>Whether an exception is the daemon's error reply to one call (the appliance is still usable).</summary>
    private static bool IsDaemonError(GuestfsException e) => e is not (GuestfsProtocolException or GuestfsConnectionException);
}

using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace Guestfs.Backends.Direct;

/// <summary>
/// Finds the appliance to boot. In order: a fixed appliance in the path (the <c>path</c> setting, else
/// <c>LIBGUESTFS_PATH</c>): a directory with <c>kernel</c>, <c>initrd</c>, <c>root</c> and <c>README.fixed</c>;
/// else our per-user cache <c>$cachedir/.guestfs-net-UID/appliance.d</c>, (re)built by <c>appliance/build.sh</c>
/// when its inputs changed.
/// </summary>
internal static class ApplianceLocator
{
    /// <summary>Name of the per-user cache directory under the cache root, before the uid.</summary>
    public const string CacheDirectoryPrefix = ".guestfs-net-";

    /// <summary>The variable naming the recipe directory explicitly.</summary>
    public const string RecipeVariable = "GUESTFS_APPLIANCE_RECIPE";

    private static readonly SemaphoreSlim s_buildGate = new(1, 1);

    /// <summary>The default cache root: the <c>cachedir</c> setting, else <c>GUESTFS_CACHEDIR</c>, <c>LIBGUESTFS_CACHEDIR</c>, <c>/var/tmp</c>.</summary>
    /// <param name="parameters">The launch parameters.</param>
    /// <returns>The directory under which <c>.guestfs-net-UID</c> lives.</returns>
    public static string GetCacheRoot(LaunchParameters parameters) =>
        NonEmpty(parameters.CacheDirectory)
        ?? NonEmpty(Environment.GetEnvironmentVariable("GUESTFS_CACHEDIR"))
        ?? NonEmpty(Environment.GetEnvironmentVariable("LIBGUESTFS_CACHEDIR"))
        ?? "/var/tmp";

    /// <summary>The cached appliance directory for this user.</summary>
    /// <param name="cacheRoot">The cache root.</param>
    /// <returns>The <c>appliance.d</c> path.</returns>
    public static string GetCachedApplianceDirectory(string cacheRoot) =>
        Path.Combine(cacheRoot, CacheDirectoryPrefix + NativeMethods.GetEffectiveUserId().ToString(CultureInfo.InvariantCulture), "appliance.d");

    /// <summary>Locates (building if needed) the appliance.</summary>
    /// <param name="parameters">The launch parameters (path, cache directory, backend settings).</param>
    /// <param name="sink">Receives build progress.</param>
    /// <param name="cancellationToken">Cancels a build.</param>
    /// <returns>The appliance files.</returns>
    public static async Task<ApplianceFiles> LocateAsync(LaunchParameters parameters, IBackendEventSink sink, CancellationToken cancellationToken)
    {
        var searched = new List<string>();
        string? path = NonEmpty(parameters.Path) ?? NonEmpty(Environment.GetEnvironmentVariable("LIBGUESTFS_PATH"));
        if (path is not null)
        {
            foreach (string directory in path.Split(':', StringSplitOptions.RemoveEmptyEntries))
            {
                searched.Add(directory);
                if (File.Exists(Path.Combine(directory, "README.fixed")))
                {
                    sink.OnDebug($"launch: using the fixed appliance in {directory}");
                    return Open(directory, isFixed: true, parameters, searched);
                }
            }
        }

        string cacheRoot = GetCacheRoot(parameters);
        string cached = GetCachedApplianceDirectory(cacheRoot);
        searched.Add(cached);
        // As libguestfs: nothing in the per-user cache is read, built or booted unless only this user can write it.
        SecureDirectory.Ensure(Path.GetDirectoryName(cached)!);
        SecureDirectory.Verify(cached);
        string? recipe = FindRecipe();
        if (recipe is null)
        {
            if (File.Exists(Path.Combine(cached, "checksum")))
            {
                sink.OnWarning($"launch: the appliance recipe (appliance/build.sh) was not found; using {cached} without checking it is current");
                return Open(cached, isFixed: false, parameters, searched);
            }

            throw new ApplianceNotFoundException(
                "launch: no appliance found. Set the path (LIBGUESTFS_PATH) to a fixed appliance directory " +
                "(kernel, initrd, root, README.fixed; eng/make-fixed-appliance.sh makes one). The recipe that builds one is " +
                "installed with the library as appliance/ beside the application (" + Path.Combine(AppContext.BaseDirectory, "appliance") +
                "); " + RecipeVariable + " names another. Looked in: " + string.Join(", ", searched),
                searched);
        }

        if (!IsCurrent(cached, recipe))
        {
            CheckBuildTools(sink);
            await BuildAsync(recipe, cacheRoot, sink, cancellationToken).ConfigureAwait(false);
        }

        try
        {
            return Open(cached, isFixed: false, parameters, searched);
        }
        catch (ApplianceNotFoundException e)
        {
            // Another process may have been swapping a rebuilt appliance in between the check and the open: the build
            // script waits for it under its lock, then finds the cache current (or rebuilds a damaged one).
            sink.OnDebug($"launch: {e.Message} Asking the build script once more.");
            await BuildAsync(recipe, cacheRoot, sink, cancellationToken).ConfigureAwait(false);
            return Open(cached, isFixed: false, parameters, searched);
        }
    }

    /// <summary>
    /// Finds the recipe directory: <c>GUESTFS_APPLIANCE_RECIPE</c> when set, else the <c>appliance/</c> directory the
    /// library installed beside the application (its build copies it to the output; the package's build files do
    /// the same for consumers). Nothing is looked for above: a directory planted there is not ours.
    /// </summary>
    /// <returns>The directory holding <c>build.sh</c>, or <see langword="null"/>.</returns>
    /// <exception cref="UnsafeApplianceRecipeException">The recipe can be changed by another user.</exception>
    public static string? FindRecipe() =>
        FindRecipe(NonEmpty(Environment.GetEnvironmentVariable(RecipeVariable)), AppContext.BaseDirectory);

    /// <summary>Finds the recipe: <paramref name="configured"/>, else <c>appliance/</c> in <paramref name="baseDirectory"/>.</summary>
    /// <param name="configured">The explicitly configured recipe directory, or <see langword="null"/>.</param>
    /// <param name="baseDirectory">The application's directory.</param>
    /// <returns>The directory holding <c>build.sh</c>, or <see langword="null"/>.</returns>
    /// <exception cref="UnsafeApplianceRecipeException">The recipe can be changed by another user.</exception>
    internal static string? FindRecipe(string? configured, string baseDirectory)
    {
        string recipe = Path.GetFullPath(configured ?? Path.Combine(baseDirectory, "appliance"));
        if (!File.Exists(Path.Combine(recipe, "build.sh")))
        {
            return null;
        }

        CheckRecipeIsPrivate(recipe);
        return recipe;
    }

    /// <summary>
    /// Refuses a recipe that a user other than the caller (or root) could change before it runs: the directory, each
    /// file in it (regular files only, no links) and every directory above it up to <c>/</c> must be owned by the
    /// effective user or root and have no group or other write bit. A directory above with the sticky bit (such as
    /// <c>/tmp</c>) is accepted: others can add entries there but cannot rename or remove ours.
    /// </summary>
    private static void CheckRecipeIsPrivate(string recipe)
    {
        uint user = NativeMethods.GetEffectiveUserId();
        CheckOwnerAndMode(recipe, user, mustBeDirectory: true, stickyAllowed: false);
        foreach (string file in Directory.EnumerateFileSystemEntries(recipe))
        {
            CheckOwnerAndMode(file, user, mustBeDirectory: false, stickyAllowed: false);
        }

        for (string? parent = Path.GetDirectoryName(recipe); parent is not null; parent = Path.GetDirectoryName(parent))
        {
            CheckOwnerAndMode(parent, user, mustBeDirectory: true, stickyAllowed: true);
        }
    }

    private static void CheckOwnerAndMode(string path, uint user, bool mustBeDirectory, bool stickyAllowed)
    {
        HostFileStatus status;
        try
        {
            status = HostFileStatus.Lstat(path);
        }
        catch (IOException e)
        {
            throw new UnsafeApplianceRecipeException(path, 0, 0, $"launch: the appliance recipe cannot be checked: {e.Message}");
        }

        const UnixFileMode writableByOthers = UnixFileMode.GroupWrite | UnixFileMode.OtherWrite;
        string? problem =
            (mustBeDirectory ? !status.IsDirectory : !status.IsRegularFile) ? (mustBeDirectory ? "is not a directory (links are refused)" : "is not a regular file (links are refused)")
            : status.Owner != user && status.Owner != 0 ? $"is owned by uid {status.Owner}, neither you (uid {user}) nor root"
            : (status.Mode & writableByOthers) != 0 && !(stickyAllowed && (status.Mode & UnixFileMode.StickyBit) != 0) ? $"is writable by others than its owner (mode {status.OctalMode})"
            : null;
        if (problem is not null)
        {
            throw new UnsafeApplianceRecipeException(
                path,
                status.Owner,
                status.Mode,
                $"launch: refusing the appliance recipe: {path} {problem} (owner uid {status.Owner}, mode {status.OctalMode}), so another " +
                $"user could change what the appliance build runs as you. Remove the group and other write bits (chmod go-w), or " +
                $"point {RecipeVariable} at a copy only you can change.");
        }
    }

    /// <summary>
    /// Cheap staleness check done on every launch: the cache is current when its checksum file is newer than
    /// every recipe file and than the package database. Anything else asks the build script, which decides
    /// with the full checksum (and refreshes the checksum file's time when nothing changed).
    /// </summary>
    internal static bool IsCurrent(string cached, string recipe)
    {
        var checksum = new FileInfo(Path.Combine(cached, "checksum"));
        if (!checksum.Exists || !File.Exists(Path.Combine(cached, "root")) || !File.Exists(Path.Combine(cached, "initrd")) ||
            !File.Exists(Path.Combine(cached, "kernel")))
        {
            return false;
        }

        // Every file of the recipe but its README is an input (appliance/build.sh's checksum covers the same set).
        DateTime built = checksum.LastWriteTimeUtc;
        foreach (FileInfo input in new DirectoryInfo(recipe).EnumerateFiles())
        {
            if (input.Name != "README.md" && input.LastWriteTimeUtc > built)
            {
                return false;
            }
        }

        var packages = new FileInfo("/var/lib/dpkg/status");
        return !packages.Exists || packages.LastWriteTimeUtc <= built;
    }

    private static async Task BuildAsync(string recipe, string cacheRoot, IBackendEventSink sink, CancellationToken cancellationToken)
    {
        // Builders in other processes wait on the script's file lock; this gate keeps one per process.
        await s_buildGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            sink.OnDebug($"launch: checking the appliance with {recipe}/build.sh (building it can take a few minutes)");
            string log = GetBuildLogPath(cacheRoot);
            ProcessResult result;
            using (ApplianceBuildLog writer = ApplianceBuildLog.Begin(log))
            {
                try
                {
                    result = await ProcessRunner.RunAsync(
                        "bash",
                        [Path.Combine(recipe, "build.sh")],
                        TimeSpan.FromMinutes(30),
                        line =>
                        {
                            sink.OnDebug(line);
                            writer.WriteLine(line);
                        },
                        new Dictionary<string, string> { ["GUESTFS_CACHEDIR"] = cacheRoot },
                        cancellationToken).ConfigureAwait(false);
                }
                catch (Win32Exception e)
                {
                    throw new ApplianceBuildException($"launch: cannot run the appliance build script: {e.Message}", -1, string.Empty);
                }

                writer.WriteLine(result.TimedOut ? "build.sh: killed after 30 minutes" : $"build.sh: exit status {result.ExitCode}");
            }

            if (result.ExitCode != 0)
            {
                string output = (result.StandardError + result.StandardOutput).Trim();
                string what = result.TimedOut ? "did not finish in 30 minutes" : $"failed with status {result.ExitCode}";
                throw new ApplianceBuildException(
                    $"launch: building the appliance {what} (log: {log}). Run 'bash {recipe}/build.sh' to see why; supermin and the " +
                    "packages in appliance/packages must be installed (eng/setup.sh installs them). Output:" +
                    Environment.NewLine + output,
                    result.ExitCode,
                    output);
            }
        }
        finally
        {
            s_buildGate.Release();
        }
    }

    /// <summary>Fails with one typed error listing everything the build needs and the host lacks (and how to install
    /// it); warns about what the build does without.</summary>
    private static void CheckBuildTools(IBackendEventSink sink)
    {
        ApplianceBuildTools.Report report = ApplianceBuildTools.Check(
            Environment.GetEnvironmentVariable("PATH"), "/boot", "/lib/modules", "/usr/include/bash/builtins.h");
        string? osRelease = File.Exists("/etc/os-release") ? File.ReadAllText("/etc/os-release") : null;
        if (report.Required.Count > 0)
        {
            throw ApplianceBuildTools.Error(report, osRelease);
        }

        if (report.Optional.Count > 0)
        {
            string? command = ApplianceBuildTools.InstallCommand(osRelease, report.Optional, out _);
            sink.OnWarning(
                "launch: building the appliance without its settime builtin (each launch starts date(1) instead); missing: " +
                string.Join(", ", report.Optional.Select(static t => t.Name)) + (command is null ? string.Empty : $" ({command})"));
        }
    }

    /// <summary>The log of the last appliance build: <c>$cacheroot/.guestfs-net-UID/appliance-build.log</c>.</summary>
    /// <param name="cacheRoot">The cache root.</param>
    /// <returns>The log file's path.</returns>
    public static string GetBuildLogPath(string cacheRoot) =>
        Path.Combine(Path.GetDirectoryName(GetCachedApplianceDirectory(cacheRoot))!, "appliance-build.log");

    private static ApplianceFiles Open(string directory, bool isFixed, LaunchParameters parameters, List<string> searched)
    {
        string kernel = Path.Combine(directory, "kernel");
        string vmlinux = Path.Combine(directory, "vmlinux");
        string initrd = Path.Combine(directory, "initrd");
        string root = Path.Combine(directory, "root");
        if (!isFixed)
        {
            SecureDirectory.Verify(directory);  // the build script may have just (re)made it
        }

        bool pvh = !IsOff(parameters.BackendSettings.GetValueOrDefault("pvh")) && File.Exists(vmlinux);
        string bootKernel = pvh ? vmlinux : kernel;
        try
        {
            foreach (string file in new[] { bootKernel, initrd, root })
            {
                using var probe = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1);
            }

            string uuid = Ext2Superblock.ReadUuid(root);
            return new ApplianceFiles(directory, bootKernel, initrd, root, uuid, isFixed);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            throw new ApplianceNotFoundException(
                $"launch: the appliance in {directory} is unusable: {e.Message}. " +
                (isFixed
                    ? "Recreate the fixed appliance (eng/make-fixed-appliance.sh) or fix its permissions."
                    : "Delete the directory to have it rebuilt, or run appliance/build.sh --force."),
                searched,
                e);
        }
    }

    private static bool IsOff(string? value) => value is "0" or "off" or "false" or "no";

    private static string? NonEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}

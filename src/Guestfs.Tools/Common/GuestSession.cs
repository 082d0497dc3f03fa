using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace Guestfs.Tools.Common;

/// <summary>How a tool wants the guest's filesystems after launch.</summary>
internal enum MountMode
{
    /// <summary>Launch only.</summary>
    None,

    /// <summary>Mount the <c>-m</c> filesystems, or, when there are none, inspect and mount the one OS found.</summary>
    MountsOrInspect,
}

/// <summary>
/// A launched handle over the tool's drives, mounted as the tool needs (libguestfs-common's <c>add_drives</c>,
/// <c>mount_mps</c> and <c>inspect_mount</c>). Library failures become <c>libguestfs: error: …</c> lines, as the
/// stock tools' default error handler prints them.
/// </summary>
internal sealed class GuestSession : IAsyncDisposable
{
    private readonly ToolContext _context;
    private readonly bool _readOnly;

    private GuestSession(ToolContext context, GuestfsHandle handle, bool readOnly)
    {
        _context = context;
        _readOnly = readOnly;
        Handle = handle;
    }

    /// <summary>The handle.</summary>
    public GuestfsHandle Handle { get; }

    /// <summary>The inspected root, when the filesystems were mounted by inspection.</summary>
    public string? Root { get; private set; }

    /// <summary>Creates the handle, adds the drives, launches and mounts.</summary>
    /// <param name="context">The tool's context.</param>
    /// <param name="options">The parsed shared options.</param>
    /// <param name="mode">What to mount.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <param name="drives">The drives to add, when not <paramref name="options"/>' <c>-a</c> drives (virt-diff's second guest).</param>
    /// <returns>The session.</returns>
    /// <exception cref="ToolExitException">A drive, the launch, inspection or a mount failed.</exception>
    public static async Task<GuestSession> OpenAsync(ToolContext context, StandardOptions options, MountMode mode, CancellationToken cancellationToken, IReadOnlyList<DriveOption>? drives = null)
    {
        var handle = new GuestfsHandle(new GuestfsOptions
        {
            Verbose = options.Verbose > 0 ? true : null,
            Trace = options.Trace ? true : null,
            DiagnosticWriter = context.Stderr,
        });
        var session = new GuestSession(context, handle, options.ReadOnly);
        try
        {
            await session.StartAsync(options, drives ?? options.Drives, mode, cancellationToken).ConfigureAwait(false);
            return session;
        }
        catch
        {
            await session.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>The line the stock tools print for a failed library call.</summary>
    /// <param name="e">The library's exception.</param>
    /// <returns>The line, with its newline.</returns>
    public static string LibraryErrorLine(Exception e) => $"libguestfs: error: {e.Message}\n";

    /// <summary>Runs a library call whose failure ends the tool with the library's error line.</summary>
    /// <typeparam name="T">The result type.</typeparam>
    /// <param name="call">The call.</param>
    /// <returns>Its result.</returns>
    /// <exception cref="ToolExitException">The call failed.</exception>
    public static async Task<T> OrExit<T>(Task<T> call)
    {
        try
        {
            return await call.ConfigureAwait(false);
        }
        catch (GuestfsException e)
        {
            throw new ToolExitException(LibraryErrorLine(e)) { Cause = e };
        }
    }

    /// <inheritdoc cref="OrExit{T}(Task{T})"/>
    public static async Task OrExit(Task call)
    {
        try
        {
            await call.ConfigureAwait(false);
        }
        catch (GuestfsException e)
        {
            throw new ToolExitException(LibraryErrorLine(e)) { Cause = e };
        }
    }

    /// <summary>
    /// libguestfs-common's <c>is_windows</c>: whether the filesystems were mounted by inspection of a Windows root
    /// (whose paths the tools then take in Windows form, see <see cref="TryResolveWindowsPathAsync"/>).
    /// </summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>True for an inspected Windows guest.</returns>
    /// <exception cref="ToolExitException">The type could not be read.</exception>
    public async Task<bool> IsWindowsAsync(CancellationToken cancellationToken) =>
        Root is { } root && await OrExit(Handle.InspectGetTypeAsync(root, cancellationToken)).ConfigureAwait(false) == "windows";

    /// <summary>
    /// libguestfs-common's <c>windows_path</c> on the inspected root (<see cref="WindowsPath"/>), mounting a named
    /// drive read-only or not as the session's drives are; null, after the library's error line, when the path does
    /// not resolve.
    /// </summary>
    /// <param name="path">The path as given.</param>
    /// <param name="cancellationToken">Cancels the calls.</param>
    /// <returns>The path for library calls, or null.</returns>
    /// <exception cref="ToolExitException">The drive letter is unknown, or its drive did not mount.</exception>
    public async Task<string?> TryResolveWindowsPathAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            return await WindowsPath.ResolveAsync(Handle, _context, Root!, path, _readOnly, cancellationToken).ConfigureAwait(false);
        }
        catch (GuestfsException e)
        {
            await _context.Stdout.FlushAsync(cancellationToken).ConfigureAwait(false);
            _context.Stderr.Write(LibraryErrorLine(e));
            return null;
        }
    }

    /// <summary>
    /// <c>guestfs_download (g, file, "/dev/stdout")</c> as virt-cat and virt-log use it: the file's bytes on standard
    /// output; on failure, what was written is flushed before the library's error line.
    /// </summary>
    /// <param name="file">The guest file.</param>
    /// <param name="cancellationToken">Cancels the download.</param>
    /// <returns>Whether it succeeded.</returns>
    public async Task<bool> TryDownloadToStdoutAsync(string file, CancellationToken cancellationToken)
    {
        try
        {
            await Handle.DownloadAsync(file, _context.Stdout, null, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (GuestfsException e)
        {
            await _context.Stdout.FlushAsync(cancellationToken).ConfigureAwait(false);
            _context.Stderr.Write(LibraryErrorLine(e));
            return false;
        }
    }

    /// <inheritdoc/>
    public ValueTask DisposeAsync() => Handle.DisposeAsync();

    private async Task StartAsync(StandardOptions options, IReadOnlyList<DriveOption> drives, MountMode mode, CancellationToken cancellationToken)
    {
        foreach (var drive in drives)
        {
            await OrExit(Handle.AddDriveAsync(drive.Path, new AddDriveOptions
            {
                Readonly = options.ReadOnly ? true : null,
                Format = drive.Format,
                Blocksize = drive.Blocksize == 0 ? null : drive.Blocksize,
            }, cancellationToken)).ConfigureAwait(false);
        }

        await OrExit(Handle.LaunchAsync(cancellationToken)).ConfigureAwait(false);
        if (mode == MountMode.None)
        {
            return;
        }

        if (options.Mounts.Count > 0)
        {
            foreach (var mount in options.Mounts)
            {
                await MountAsync(mount, options.ReadOnly, cancellationToken).ConfigureAwait(false);
            }
        }
        else
        {
            await DecryptAsync(options, cancellationToken).ConfigureAwait(false);
            await InspectAndMountAsync(options.ReadOnly, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>libguestfs-common's <c>inspect_do_decrypt</c>, through the library's <see cref="GuestfsHandle.DecryptDisksAsync"/>.</summary>
    private async Task DecryptAsync(StandardOptions options, CancellationToken cancellationToken)
    {
        string? AskKey(string device)
        {
            using var stdout = new StreamWriter(_context.Stdout, leaveOpen: true);
            var stdinIsTerminal = ReferenceEquals(_context.Stdin, Console.In) && !Console.IsInputRedirected;
            return PassphrasePrompt.Read(device, options.KeysFromStdin, options.EchoKeys, _context.Stdin.ReadLine, stdinIsTerminal, stdout);
        }

        try
        {
            await Handle.DecryptDisksAsync(options.Keys.Provider(AskKey), cancellationToken).ConfigureAwait(false);
        }
        catch (LuksKeyException e)
        {
            throw _context.ErrorCall(e.Message);
        }
        catch (GuestfsException e)
        {
            throw new ToolExitException(LibraryErrorLine(e));
        }
    }

    private async Task MountAsync(MountOption mount, bool readOnly, CancellationToken cancellationToken)
    {
        var mountOptions = mount.Options ?? (readOnly ? "ro" : string.Empty);
        try
        {
            if (mount.FilesystemType is { } type)
            {
                await Handle.MountVfsAsync(mountOptions, type, mount.Device, mount.MountPoint, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await Handle.MountOptionsAsync(mountOptions, mount.Device, mount.MountPoint, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (GuestfsException e)
        {
            _context.Stderr.Write(LibraryErrorLine(e));
            throw new ToolExitException(await MountFailureHintAsync(mount, cancellationToken).ConfigureAwait(false));
        }
    }

    /// <summary>libguestfs-common's <c>display_mountpoints_on_failure</c>: the filesystems the user may have meant.</summary>
    private async Task<string> MountFailureHintAsync(MountOption mount, CancellationToken cancellationToken)
    {
        IReadOnlyDictionary<string, string> filesystems;
        try
        {
            filesystems = await Handle.ListFilesystemsAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (GuestfsException)
        {
            return string.Empty;
        }

        if (filesystems.Count == 0)
        {
            return string.Empty;
        }

        var name = _context.Name;
        var text = new System.Text.StringBuilder();
        text.Append($"{name}: ‘{mount.Device}’ could not be mounted.\n");
        if (mount.Options is { } userOptions)
        {
            text.Append($"{name}: Check mount(8) man page to ensure options ‘{userOptions}’\n");
            text.Append($"{name}: are supported by the filesystem that is being mounted.\n");
        }

        text.Append($"{name}: Did you mean to mount one of these filesystems?\n");
        foreach (var (mountable, type) in filesystems)
        {
            string shown;
            try
            {
                var device = await Handle.MountableDeviceAsync(mountable, cancellationToken).ConfigureAwait(false);
                string? subvolume = null;
                try
                {
                    subvolume = await Handle.MountableSubvolumeAsync(mountable, cancellationToken).ConfigureAwait(false);
                }
                catch (GuestfsException e) when (e.Errno == "EINVAL")
                {
                }

                shown = subvolume is not null
                    ? $"{device}:/:subvol={subvolume}"
                    : await Handle.CanonicalDeviceNameAsync(mountable, cancellationToken).ConfigureAwait(false);
            }
            catch (GuestfsException)
            {
                shown = mountable;
            }

            text.Append($"{name}: \t{shown} ({type})\n");
        }

        return text.ToString();
    }

    /// <summary>libguestfs-common's <c>inspect_mount_handle</c>: exactly one OS, its filesystems mounted shortest mount point first.</summary>
    private async Task InspectAndMountAsync(bool readOnly, CancellationToken cancellationToken)
    {
        var roots = await OrExit(Handle.InspectOsAsync(cancellationToken)).ConfigureAwait(false);
        if (roots.Count != 1)
        {
            throw _context.Fail(roots.Count == 0 ? NoOperatingSystem : MultiBoot);
        }

        Root = roots[0];
        await MountRootAsync(Handle, _context, Root, readOnly, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// libguestfs-common's <c>inspect_mount_root</c>: an inspected root's filesystems, shortest mount point first
    /// (then by name); a failed <c>/</c> ends the tool, other failures give one warning.
    /// </summary>
    /// <param name="g">The launched, inspected handle.</param>
    /// <param name="context">The tool's context (for the messages).</param>
    /// <param name="root">The root.</param>
    /// <param name="readOnly">Mount with <c>mount_ro</c>.</param>
    /// <param name="cancellationToken">Cancels the mounts.</param>
    /// <returns>A task that completes when the filesystems are mounted.</returns>
    /// <exception cref="ToolExitException">The mount points could not be read, or <c>/</c> did not mount.</exception>
    public static async Task MountRootAsync(GuestfsHandle g, ToolContext context, string root, bool readOnly, CancellationToken cancellationToken)
    {
        var mountpoints = await OrExit(g.InspectGetMountpointsAsync(root, cancellationToken)).ConfigureAwait(false);
        var errors = 0;
        foreach (var (mountpoint, device) in mountpoints.OrderBy(m => m.Key.Length).ThenBy(m => m.Key, StringComparer.Ordinal))
        {
            try
            {
                if (readOnly)
                {
                    await g.MountRoAsync(device, mountpoint, cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    await g.MountAsync(device, mountpoint, cancellationToken).ConfigureAwait(false);
                }
            }
            catch (GuestfsException e)
            {
                context.Stderr.Write(LibraryErrorLine(e));
                if (mountpoint == "/")
                {
                    throw new ToolExitException(string.Empty);
                }

                errors++;
            }
        }

        if (errors > 0)
        {
            context.Stderr.Write($"{context.Name}: some filesystems could not be mounted (ignored)\n");
        }
    }

    private const string NoOperatingSystem = """
        no operating system was found on this disk

        If using guestfish ‘-i’ option, remove this option and instead
        use the commands ‘run’ followed by ‘list-filesystems’.
        You can then mount filesystems you want by hand using the
        ‘mount’ or ‘mount-ro’ command.

        If using guestmount ‘-i’, remove this option and choose the
        filesystem(s) you want to see by manually adding ‘-m’ option(s).
        Use ‘virt-filesystems’ to see what filesystems are available.

        If using other virt tools, this disk image won’t work
        with these tools.  Use the guestfish equivalent commands
        (see the virt tool manual page).
        """;

    private const string MultiBoot = """
        multi-boot operating systems are not supported

        If using guestfish ‘-i’ option, remove this option and instead
        use the commands ‘run’ followed by ‘list-filesystems’.
        You can then mount filesystems you want by hand using the
        ‘mount’ or ‘mount-ro’ command.

        If using guestmount ‘-i’, remove this option and choose the
        filesystem(s) you want to see by manually adding ‘-m’ option(s).
        Use ‘virt-filesystems’ to see what filesystems are available.

        If using other virt tools, multi-boot operating systems won’t work
        with these tools.  Use the guestfish equivalent commands
        (see the virt tool manual page).
        """;
}

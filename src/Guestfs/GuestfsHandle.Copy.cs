using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Diagnostics;
using System.IO;
using System.IO.Pipes;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Guestfs.Backends.Direct;
using Guestfs.Host;
using Guestfs.Protocol;

namespace Guestfs;

/// <content>
/// <c>copy_in</c> and <c>copy_out</c> as libguestfs 1.48.6 implements them: a host <c>tar</c> process packs or unpacks
/// the tree and its archive streams straight through <c>tar_in</c>/<c>tar_out</c> (no temporary file); a single regular
/// file is copied out with <c>download</c>.
/// </content>
public sealed partial class GuestfsHandle
{
    private const int MaxTarErrorBytes = 64 * 1024;

    /// <summary>Copies a host file or directory tree into a guest directory (<c>copy_in</c>; host <c>tar</c> piped into <c>tar_in</c>).</summary>
    /// <param name="localpath">The host file or directory; it is copied as <c>remotedir/basename(localpath)</c>.</param>
    /// <param name="remotedir">An existing directory in the guest.</param>
    /// <param name="cancellationToken">Cancels by the upload's cancel handshake and kills the host tar.</param>
    /// <returns>A task that completes when the tree is in the guest.</returns>
    public partial Task CopyInAsync(string localpath, string remotedir, CancellationToken cancellationToken)
    {
        ArgumentGuard.ThrowIfContainsNul(localpath);
        ArgumentGuard.ThrowIfInvalidPathname(remotedir);
        return LibraryActionAsync("copy_in", $"\"{localpath}\" \"{remotedir}\"", async () =>
        {
            if (!File.Exists(localpath) && !Directory.Exists(localpath))
            {
                throw new GuestfsException($"source '{localpath}' does not exist (or cannot be read)", procedure: "copy_in");
            }

            IsDirRet isDir = await CallCoreAsync<IsDirRet>(Procedure.IsDir, new IsDirArgs(remotedir, false), 0, new CallTransfer(ActionName: "is_dir"), "is_dir", cancellationToken)
                .ConfigureAwait(false);
            if (!isDir.Dirflag)
            {
                throw new GuestfsException($"target '{remotedir}' is not a directory", procedure: "copy_in");
            }

            (string? directory, string name) = SplitHostPath(localpath, "copy_in");
            var startInfo = TarStartInfo(redirectInput: false);
            if (directory is not null)
            {
                startInfo.ArgumentList.Add("-C");
                startInfo.ArgumentList.Add(directory);
            }

            startInfo.ArgumentList.Add("-cf");
            startInfo.ArgumentList.Add("-");
            startInfo.ArgumentList.Add(name);

            using Process tar = StartTar(startInfo, "copy_in");
            Task<string> errors = ReadTarErrorsAsync(tar);
            try
            {
                await CallCoreAsync<NoReply>(
                    Procedure.TarIn, new TarInArgs(remotedir, string.Empty, false, false, false), 0,
                    new CallTransfer(Upload: tar.StandardOutput.BaseStream, ActionName: "tar_in"), "tar_in", cancellationToken)
                    .ConfigureAwait(false);
            }
            catch
            {
                KillTar(tar);
                throw;
            }

            await FinishTarAsync(tar, errors, "copy_in").ConfigureAwait(false);
            return 0;
        }, cancellationToken);
    }

    /// <summary>
    /// Copies a guest file or directory tree into a host directory (<c>copy_out</c>; <c>download</c>, or <c>tar_out</c>
    /// piped into host <c>tar</c>). Unlike libguestfs, the guest's archive is treated as hostile: the copied files
    /// belong to the caller and keep only their rwx bits (no setuid/setgid), and device nodes, FIFOs and other special
    /// files are left out, each reported as a warning event.
    /// </summary>
    /// <param name="remotepath">The guest file or directory; it is copied as <c>localdir/basename(remotepath)</c>.</param>
    /// <param name="localdir">An existing host directory.</param>
    /// <param name="cancellationToken">Cancels by the download's cancel handshake and kills the host tar.</param>
    /// <returns>A task that completes when the tree is on the host.</returns>
    public partial Task CopyOutAsync(string remotepath, string localdir, CancellationToken cancellationToken)
    {
        ArgumentGuard.ThrowIfInvalidPathname(remotepath);
        ArgumentGuard.ThrowIfContainsNul(localdir);
        return LibraryActionAsync("copy_out", $"\"{remotepath}\" \"{localdir}\"", async () =>
        {
            if (!Directory.Exists(localdir))
            {
                throw new GuestfsException($"target '{localdir}' is not a directory", procedure: "copy_out");
            }

            IsFileRet isFile = await CallCoreAsync<IsFileRet>(Procedure.IsFile, new IsFileArgs(remotepath, false), 0, new CallTransfer(ActionName: "is_file"), "is_file", cancellationToken)
                .ConfigureAwait(false);
            (_, string name) = SplitHostPath(remotepath, "copy_out");
            if (isFile.Fileflag)
            {
                FileStream target;
                try
                {
                    // As libguestfs (mode 0666 before the umask, truncating), but never through a planted symbolic link.
                    target = SecureFile.Open(Path.Combine(localdir, name), FileMode.Create, FileAccess.Write, createMode: (UnixFileMode)0x1B6);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    throw new GuestfsException($"cannot create the local file: {e.Message}", procedure: "copy_out", innerException: e);
                }

                await using (target.ConfigureAwait(false))
                {
                    await CallCoreAsync<NoReply>(Procedure.Download, new DownloadArgs(remotepath), 0, new CallTransfer(Download: target, ActionName: "download"), "download", cancellationToken)
                        .ConfigureAwait(false);
                }

                return 0;
            }

            IsDirRet isDir = await CallCoreAsync<IsDirRet>(Procedure.IsDir, new IsDirArgs(remotepath, false), 0, new CallTransfer(ActionName: "is_dir"), "is_dir", cancellationToken)
                .ConfigureAwait(false);
            if (!isDir.Dirflag)
            {
                throw new GuestfsException($"'{remotepath}' is not a file or directory", procedure: "copy_out");
            }

            // Copying "/" unpacks into localdir itself, as libguestfs does.
            string destination = Path.Combine(localdir, name.Length == 0 ? "." : name);
            if (new FileInfo(destination).LinkTarget is not null)
            {
                throw new GuestfsException($"refusing to copy into '{destination}': it is a symbolic link, and nothing is written through one", procedure: "copy_out");
            }

            Directory.CreateDirectory(destination);
            var startInfo = TarStartInfo(redirectInput: true);
            startInfo.WorkingDirectory = destination;
            // The archive is made by the guest: files belong to the caller, and only rwx bits are kept. Entries
            // that are neither files, directories nor links never reach tar (see GuestTarFilter).
            startInfo.ArgumentList.Add("--no-same-owner");
            startInfo.ArgumentList.Add("--no-same-permissions");
            startInfo.ArgumentList.Add("-xf");
            startInfo.ArgumentList.Add("-");

            using Process tar = StartTar(startInfo, "copy_out");
            Task<string> errors = ReadTarErrorsAsync(tar);
            var fromDaemon = new AnonymousPipeServerStream(PipeDirection.Out);
            var filterInput = new AnonymousPipeClientStream(PipeDirection.In, fromDaemon.ClientSafePipeHandle);
            Task<IReadOnlyList<string>> filter = Task.Run(() => GuestTarFilter.CopyAsync(filterInput, tar.StandardInput.BaseStream, destination, CancellationToken.None));
            try
            {
                try
                {
                    await CallCoreAsync<NoReply>(
                        Procedure.TarOut, new TarOutArgs(remotepath, string.Empty, false, Array.Empty<string>(), false, false, false), 0,
                        new CallTransfer(Download: fromDaemon, ActionName: "tar_out"), "tar_out", cancellationToken)
                        .ConfigureAwait(false);
                }
                finally
                {
                    // The end of the archive for the filter (after a failure: the end it stops at).
                    await fromDaemon.DisposeAsync().ConfigureAwait(false);
                }

                foreach (string skipped in await filter.ConfigureAwait(false))
                {
                    WarningMessage("copy_out: " + skipped);
                }
            }
            catch (Exception e)
            {
                KillTar(tar);
                Exception? filterFailure = await Task.WhenAny(filter).ConfigureAwait(false) is { IsFaulted: true } f ? f.Exception!.InnerException : null;
                if (filterFailure is GuestfsException archiveFailure && e is not OperationCanceledException)
                {
                    throw archiveFailure;
                }

                throw;
            }

            await FinishTarAsync(tar, errors, "copy_out").ConfigureAwait(false);
            return 0;
        }, cancellationToken);
    }

    /// <summary>
    /// Splits a path into its directory (null when there is none) and last component, after removing one trailing
    /// slash: <c>a/b</c> → (<c>a</c>, <c>b</c>), <c>/a</c> → (<c>/</c>, <c>a</c>), <c>a</c> → (null, <c>a</c>),
    /// <c>/</c> → (<c>/</c>, empty).
    /// </summary>
    internal static (string? Directory, string Name) SplitHostPath(string path, string action)
    {
        if (path.Length == 0)
        {
            throw new GuestfsException($"error: argument is zero length or longer than maximum permitted", procedure: action);
        }

        if (path.Length >= 2 && path.EndsWith('/'))
        {
            path = path.Substring(0, path.Length - 1);
        }

        int slash = path.LastIndexOf('/');
        return slash switch
        {
            > 0 => (path.Substring(0, slash), path.Substring(slash + 1)),
            0 => ("/", path.Substring(1)),
            _ => (null, path),
        };
    }

    private static ProcessStartInfo TarStartInfo(bool redirectInput) => new("tar")
    {
        RedirectStandardOutput = !redirectInput,
        RedirectStandardInput = redirectInput,
        RedirectStandardError = true,
        UseShellExecute = false,
    };

    private static Process StartTar(ProcessStartInfo startInfo, string action)
    {
        var process = new Process { StartInfo = startInfo };
        try
        {
            process.Start();
        }
        catch (Win32Exception e)
        {
            process.Dispose();
            throw new GuestfsException($"cannot run tar: {e.Message}", procedure: action, innerException: e);
        }

        return process;
    }

    /// <summary>Drains tar's standard error, keeping its first <see cref="MaxTarErrorBytes"/> bytes.</summary>
    private static async Task<string> ReadTarErrorsAsync(Process tar)
    {
        Stream stream = tar.StandardError.BaseStream;
        using var kept = new MemoryStream();
        byte[] buffer = new byte[4096];
        int read;
        while ((read = await stream.ReadAsync(buffer).ConfigureAwait(false)) > 0)
        {
            int keep = (int)Math.Min(read, MaxTarErrorBytes - kept.Length);
            kept.Write(buffer, 0, keep);
        }

        return Encoding.UTF8.GetString(kept.ToArray());
    }

    private static async Task FinishTarAsync(Process tar, Task<string> errors, string action)
    {
        await tar.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
        string text = await errors.ConfigureAwait(false);
        if (tar.ExitCode != 0)
        {
            throw new GuestfsException($"tar subprocess failed: {text.Trim()}", procedure: action);
        }
    }

    private static void KillTar(Process tar)
    {
        try
        {
            tar.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }
}

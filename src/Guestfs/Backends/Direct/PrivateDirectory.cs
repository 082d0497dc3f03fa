using System;
using System.Globalization;
using System.IO;
using System.Runtime.InteropServices;
using System.Text;

namespace Guestfs.Backends.Direct;

/// <summary>
/// Private (mode 0700) directories for sockets, overlays and scratch disks. Each records its owning process in
/// <see cref="OwnerFile"/>, so that the directories of processes that died without cleaning up (SIGKILL, a crash) are
/// removed by a later launch (<see cref="RemoveStale"/>).
/// </summary>
internal static class PrivateDirectory
{
    /// <summary>Names every private directory; <see cref="RemoveStale"/> looks only at these.</summary>
    public const string NamePrefix = "guestfs-";

    /// <summary>The file in each private directory naming its owner: <c>PID STARTTIME</c> (the process's start time from <c>/proc/PID/stat</c>, which tells a reused pid apart).</summary>
    public const string OwnerFile = ".guestfs-owner";

    private static readonly string? s_ownStartTime = StartTime(Environment.ProcessId);

    /// <summary>Creates a new directory only the current user can enter (<c>mkdtemp</c>), checked with <see cref="SecureDirectory"/>.</summary>
    /// <param name="parent">Where to create it; <see langword="null"/> for <c>TMPDIR</c> or <c>/tmp</c>.</param>
    /// <param name="prefix">The name before six random characters; <see cref="NamePrefix"/>… for those <see cref="RemoveStale"/> may remove.</param>
    /// <returns>The directory's path.</returns>
    /// <exception cref="GuestfsLaunchException">It cannot be created (<see cref="UnsafeDirectoryException"/> when the result is not private).</exception>
    public static string Create(string? parent, string prefix)
    {
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException("the direct backend runs qemu on Linux hosts only");
        }

        parent ??= Path.GetTempPath();
        byte[] template = Encoding.UTF8.GetBytes(Path.Combine(parent, prefix + "XXXXXX") + "\0");
        if (NativeMethods.MakeTemporaryDirectory(template) == IntPtr.Zero)
        {
            int errno = Marshal.GetLastPInvokeError();
            throw new GuestfsLaunchException($"launch: cannot create a private directory in {parent}: {Marshal.GetPInvokeErrorMessage(errno)}");
        }

        string path = Encoding.UTF8.GetString(template, 0, template.Length - 1);
        SecureDirectory.Verify(path);
        try
        {
            using FileStream owner = SecureFile.Open(Path.Combine(path, OwnerFile), FileMode.CreateNew, FileAccess.Write);
            owner.Write(Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{Environment.ProcessId} {s_ownStartTime}\n")));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Delete(path);
            throw new GuestfsLaunchException($"launch: cannot write into the private directory {path}: {e.Message}", e);
        }

        return path;
    }

    /// <summary>
    /// Removes the private directories under <paramref name="parent"/> whose owning process is gone: ours (owned by the
    /// effective user, not links), named <see cref="NamePrefix"/>…, with an <see cref="OwnerFile"/> naming a process
    /// that no longer runs (or a reused pid). Errors are ignored: this is housekeeping.
    /// </summary>
    /// <param name="parent">A directory where private directories are made.</param>
    /// <returns>How many were removed.</returns>
    public static int RemoveStale(string? parent)
    {
        int removed = 0;
        if (string.IsNullOrEmpty(parent))
        {
            return removed;
        }

        try
        {
            foreach (string directory in Directory.EnumerateDirectories(parent, NamePrefix + "*"))
            {
                if (IsStale(directory))
                {
                    Delete(directory);
                    removed++;
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }

        return removed;
    }

    /// <summary>Removes a directory and its contents, ignoring errors (best effort clean-up).</summary>
    /// <param name="path">The directory.</param>
    public static void Delete(string? path)
    {
        if (path is null)
        {
            return;
        }

        try
        {
            Directory.Delete(path, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Nothing more can be done; the directory is private and in a temporary location.
        }
    }

    private static bool IsStale(string directory)
    {
        try
        {
            if (!SecureDirectory.Verify(directory))
            {
                return false;
            }

            string record;
            using (FileStream owner = SecureFile.Open(Path.Combine(directory, OwnerFile), FileMode.Open, FileAccess.Read))
            {
                byte[] buffer = new byte[64];
                record = Encoding.ASCII.GetString(buffer, 0, owner.Read(buffer));
            }

            string[] fields = record.Split([' ', '\n'], StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length < 2 || !int.TryParse(fields[0], NumberStyles.None, CultureInfo.InvariantCulture, out int pid))
            {
                return false;
            }

            return StartTime(pid) != fields[1];
        }
        catch (Exception e) when (e is GuestfsLaunchException or IOException or UnauthorizedAccessException)
        {
            return false;   // not ours, or no owner record: leave it alone
        }
    }

    /// <summary>The start time of a process (field 22 of <c>/proc/PID/stat</c>), or <see langword="null"/> when it does not run.</summary>
    private static string? StartTime(int pid)
    {
        try
        {
            string stat = File.ReadAllText(string.Create(CultureInfo.InvariantCulture, $"/proc/{pid}/stat"));
            string[] fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return fields.Length > 19 ? fields[19] : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}

using System;
using System.Globalization;
using System.IO;
using System.Runtime.InteropServices;

namespace Guestfs.Backends.Direct;

/// <summary>
/// The one check every directory the library keeps state in passes before anything is read from or written into it
/// (libguestfs's rule for its cache): it must be a real directory (not a symbolic link), owned by the effective
/// user, with no group or other write bit. Otherwise another local user could have put a kernel, a saved machine
/// state or a planted link there, and the launch refuses with an <see cref="UnsafeDirectoryException"/>.
/// </summary>
internal static class SecureDirectory
{
    private const int GroupOrOtherWrite = 0x12; // 0022

    /// <summary>Creates <paramref name="path"/> (mode 0700; its parent with the usual mode when missing), then checks it.</summary>
    /// <param name="path">The directory.</param>
    /// <exception cref="UnsafeDirectoryException">It exists but fails the check.</exception>
    /// <exception cref="GuestfsLaunchException">It cannot be created.</exception>
    public static void Ensure(string path)
    {
        if (NativeMethods.MakeDirectory(path, 0x1C0) != 0)
        {
            int errno = Marshal.GetLastPInvokeError();
            if (errno == NativeMethods.ErrorNotFound && Path.GetDirectoryName(path.TrimEnd('/')) is { Length: > 0 } parent)
            {
                CreateParent(parent, path);
                Ensure(path);
                return;
            }

            if (errno != NativeMethods.ErrorExists)
            {
                throw new GuestfsLaunchException($"launch: cannot create the directory {path}: {Marshal.GetPInvokeErrorMessage(errno)}");
            }
        }

        Verify(path);
    }

    /// <summary>Checks <paramref name="path"/> when it exists.</summary>
    /// <param name="path">The directory.</param>
    /// <returns>Whether it exists (and passed).</returns>
    /// <exception cref="UnsafeDirectoryException">It exists but fails the check.</exception>
    public static bool Verify(string path)
    {
        if (NativeMethods.Stat(NativeMethods.AtCurrentDirectory, path, NativeMethods.AtSymlinkNoFollow, out int errno) is not { } stat)
        {
            if (errno == NativeMethods.ErrorNotFound)
            {
                return false;
            }

            throw new UnsafeDirectoryException(
                $"launch: cannot check the directory {path}: {Marshal.GetPInvokeErrorMessage(errno)}. {Advice(path)}", path, null, null);
        }

        uint me = NativeMethods.GetEffectiveUserId();
        int type = stat.Mode & NativeMethods.FileTypeMask;
        string what = type switch
        {
            NativeMethods.SymbolicLink => "is a symbolic link",
            not NativeMethods.DirectoryType => "is not a directory",
            _ when stat.Uid != me => string.Create(CultureInfo.InvariantCulture, $"is owned by another user (uid {stat.Uid}), not by uid {me}"),
            _ when (stat.Mode & GroupOrOtherWrite) != 0 => "is writable by its group or by others",
            _ => string.Empty,
        };
        if (what.Length == 0)
        {
            return true;
        }

        string details = string.Create(CultureInfo.InvariantCulture, $"owned by uid {stat.Uid}, mode {Convert.ToString(stat.Mode & 0xFFF, 8).PadLeft(4, '0')}");
        throw new UnsafeDirectoryException(
            $"launch: refusing to use the directory {path}: it {what} ({details}), so another local user could have put files " +
            $"there for this library to load. {Advice(path)}",
            path,
            stat.Uid,
            stat.Mode);
    }

    private static string Advice(string path) =>
        $"If it is not yours, remove it (rm -rf '{path}'), or choose another directory (the cachedir setting or GUESTFS_CACHEDIR for " +
        "the appliance cache, the tmpdir setting or TMPDIR for temporary files); it must be a directory owned by you that " +
        "only you can write (mode 0700 or 0755).";

    private static void CreateParent(string parent, string path)
    {
        try
        {
            Directory.CreateDirectory(parent);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new GuestfsLaunchException($"launch: cannot create the directory {path}: {e.Message}", e);
        }
    }
}

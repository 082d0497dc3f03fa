using System;
using System.Runtime.InteropServices;

namespace Guestfs.Host;

/// <summary>
/// Creates a raw disk image on the host for <c>disk_create</c> as libguestfs 1.48.6 does, with the libc calls .NET
/// does not expose: <c>stat(2)</c> to refuse a character device and to treat a block device specially (its blocks
/// are discarded, best effort, and nothing else changes), then <c>open(2)</c> with <c>O_TRUNC</c> and either
/// <c>ftruncate(2)</c> (sparse) or <c>posix_fallocate(3)</c> (full). Errors carry libguestfs's texts with the
/// system's <c>strerror</c>.
/// </summary>
internal static class RawDiskFile
{
    private const int OWronly = 0x1;
    private const int OCreat = 0x40;
    private const int ONoctty = 0x100;
    private const int OTrunc = 0x200;
    private const int OCloexec = 0x80000;
    private const uint SIfmt = 0xF000;
    private const uint SIfchr = 0x2000;
    private const uint SIfblk = 0x6000;
    private const ulong BlkGetSize64 = 0x80081272;
    private const ulong BlkDiscard = 0x1277;

    /// <summary>Creates (or truncates) <paramref name="filename"/> as a raw image of <paramref name="size"/> bytes.</summary>
    /// <param name="filename">The host path, as given.</param>
    /// <param name="size">The size in bytes (positive).</param>
    /// <param name="allocated">Allocate the blocks (<c>preallocation=full</c>) instead of a sparse file.</param>
    /// <exception cref="GuestfsException">A character device, or a system call failed (the file is then removed).</exception>
    public static void Create(string filename, long size, bool allocated)
    {
        switch (FileType(filename))
        {
            case SIfchr:
                throw Error($"refusing to overwrite char device ‘{filename}’");
            case SIfblk:
                DiscardBlockDevice(filename);
                return;
        }

        int fd = Open(filename, OWronly | OCreat | ONoctty | OTrunc | OCloexec, 0x1B6 /* 0666 */);
        if (fd == -1)
        {
            throw SystemError($"cannot create raw file: {filename}", Marshal.GetLastPInvokeError());
        }

        if (!allocated)
        {
            if (Ftruncate(fd, size) == -1)
            {
                FailAndRemove(fd, filename, $"{filename}: truncate", Marshal.GetLastPInvokeError());
            }
        }
        else
        {
            int error = PosixFallocate(fd, 0, size);
            if (error != 0)
            {
                FailAndRemove(fd, filename, $"{filename}: fallocate", error);
            }
        }

        if (Close(fd) == -1)
        {
            int error = Marshal.GetLastPInvokeError();
            Unlink(filename);
            throw SystemError($"{filename}: close", error);
        }
    }

    /// <summary>The <c>S_IFMT</c> bits of a path (following links), or 0 when it cannot be stat'ed.</summary>
    private static uint FileType(string filename)
    {
        // struct stat differs by architecture; only st_mode is read, at its offset in the kernel ABI.
        int modeOffset = RuntimeInformation.ProcessArchitecture switch
        {
            Architecture.X64 => 24,
            Architecture.Arm64 or Architecture.RiscV64 or Architecture.LoongArch64 => 16,
            _ => throw new PlatformNotSupportedException($"disk_create: raw images are not supported on {RuntimeInformation.ProcessArchitecture}"),
        };
        byte[] buffer = new byte[512];
        return Stat(filename, buffer) == 0 ? BitConverter.ToUInt32(buffer, modeOffset) & SIfmt : 0;
    }

    /// <summary>A block device is opened for writing and its blocks discarded; failures to discard are ignored.</summary>
    private static void DiscardBlockDevice(string filename)
    {
        int fd = Open(filename, OWronly | ONoctty | OCloexec, 0x1B6);
        if (fd == -1)
        {
            throw SystemError($"cannot open block device: {filename}", Marshal.GetLastPInvokeError());
        }

        ulong[] range = new ulong[2];
        ulong[] size = new ulong[1];
        if (Ioctl(fd, BlkGetSize64, size) == 0)
        {
            range[1] = size[0];
            _ = Ioctl(fd, BlkDiscard, range);
        }

        _ = Close(fd);
    }

    private static void FailAndRemove(int fd, string filename, string context, int error)
    {
        _ = Close(fd);
        Unlink(filename);
        throw SystemError(context, error);
    }

    private static void Unlink(string filename)
    {
        try
        {
            System.IO.File.Delete(filename);
        }
        catch (Exception e) when (e is System.IO.IOException or UnauthorizedAccessException)
        {
            // The error being reported matters more than the leftover file.
        }
    }

    private static GuestfsException Error(string message) => new(message, procedure: "disk_create");

    private static GuestfsException SystemError(string context, int errno) =>
        new($"{context}: {Marshal.GetPInvokeErrorMessage(errno)}", procedure: "disk_create");

    [DllImport("libc", EntryPoint = "stat", ExactSpelling = true, SetLastError = true)]
    private static extern int Stat([MarshalAs(UnmanagedType.LPUTF8Str)] string path, byte[] buffer);

    [DllImport("libc", EntryPoint = "open", ExactSpelling = true, SetLastError = true)]
    private static extern int Open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags, int mode);

    [DllImport("libc", EntryPoint = "ftruncate", ExactSpelling = true, SetLastError = true)]
    private static extern int Ftruncate(int fd, long length);

    [DllImport("libc", EntryPoint = "posix_fallocate", ExactSpelling = true)]
    private static extern int PosixFallocate(int fd, long offset, long length);

    [DllImport("libc", EntryPoint = "ioctl", ExactSpelling = true, SetLastError = true)]
    private static extern int Ioctl(int fd, ulong request, ulong[] argument);

    [DllImport("libc", EntryPoint = "close", ExactSpelling = true, SetLastError = true)]
    private static extern int Close(int fd);
}

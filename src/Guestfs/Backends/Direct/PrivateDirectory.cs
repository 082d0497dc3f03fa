using System;
using System.IO;

namespace Guestfs.Backends.Direct;

/// <summary>Private (mode 0700) temporary directories for sockets and overlays.</summary>
internal static class PrivateDirectory
{
    /// <summary>Creates a new directory only the current user can enter.</summary>
    /// <param name="parent">Where to create it; <see langword="null"/> for <c>TMPDIR</c> or <c>/tmp</c>.</param>
    /// <param name="prefix">Name prefix.</param>
    /// <returns>The directory's path.</returns>
    public static string Create(string? parent, string prefix)
    {
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException("the direct backend runs qemu on Linux hosts only");
        }

        parent ??= Path.GetTempPath();
        for (int attempt = 0; ; attempt++)
        {
            string path = Path.Combine(parent, prefix + Path.GetRandomFileName().Replace(".", string.Empty, StringComparison.Ordinal));
            if (Directory.Exists(path) || File.Exists(path))
            {
                continue;
            }

            try
            {
                Directory.CreateDirectory(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
                // CreateDirectory applies the umask and accepts an existing directory: check what we got.
                var info = new DirectoryInfo(path);
                if ((info.UnixFileMode & (UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute |
                                          UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute)) != 0)
                {
                    info.UnixFileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
                }

                return path;
            }
            catch (IOException) when (attempt < 10)
            {
                // Lost a race for the name; pick another.
            }
        }
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
}

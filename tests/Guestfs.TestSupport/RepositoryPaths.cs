using System;
using System.IO;

namespace Guestfs.TestSupport;

/// <summary>Where things are in the checkout the tests were built from.</summary>
internal static class RepositoryPaths
{
    private static readonly Lazy<string> s_root = new(FindRoot);

    /// <summary>The repository's root: the nearest folder above the test's output holding Guestfs.sln.</summary>
    public static string Root => s_root.Value;

    /// <summary>The launcher that runs the built gfish (<c>eng/gfish</c>).</summary>
    public static string Gfish => Path.Combine(Root, "eng", "gfish");

    private static string FindRoot()
    {
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Guestfs.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"no Guestfs.sln above {AppContext.BaseDirectory}");
    }
}

using System;
using System.IO;

namespace Guestfs.Idl.Tests;

/// <summary>Finds the repository root (by Guestfs.sln) and the reference facts in tests/reference.</summary>
internal static class TestPaths
{
    public static string RepoRoot { get; } = FindRepoRoot();

    public static string ProtocolFile => Path.Combine(RepoRoot, "idl", "guestfs_protocol.x");

    /// <summary>The libguestfs 1.48.6 facts checked in under <c>tests/reference</c>.</summary>
    public static string ReferenceDirectory => Path.Combine(RepoRoot, "tests", "reference");

    private static string FindRepoRoot()
    {
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Guestfs.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Guestfs.sln not found above " + AppContext.BaseDirectory);
    }
}

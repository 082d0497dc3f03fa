using System;
using System.IO;

namespace Guestfs.Idl.Tests;

/// <summary>Finds the repository root (by Guestfs.sln) and the shared reference facts.</summary>
internal static class TestPaths
{
    public static string RepoRoot { get; } = FindRepoRoot();

    public static string ProtocolFile => Path.Combine(RepoRoot, "idl", "guestfs_protocol.x");

    public static string SharedDirectory =>
        Environment.GetEnvironmentVariable("GUESTFS_SHARED_DIR") is { Length: > 0 } overridden
            ? overridden
            : Path.GetFullPath(Path.Combine(RepoRoot, "..", "shared"));

    public static string ReferenceDirectory => Path.Combine(SharedDirectory, "reference");

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

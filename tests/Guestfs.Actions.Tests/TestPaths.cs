using System;
using System.IO;

namespace Guestfs.Actions.Tests;

/// <summary>Locates the repository (by walking up to Guestfs.sln) and the shared reference data.</summary>
internal static class TestPaths
{
    private static readonly Lazy<string> s_repoRoot = new(FindRepoRoot);

    public static string RepoRoot => s_repoRoot.Value;

    public static string ActionsDirectory => Path.Combine(RepoRoot, "idl", "actions");

    public static string ProtocolFile => Path.Combine(RepoRoot, "idl", "guestfs_protocol.x");

    public static string SharedDirectory =>
        Environment.GetEnvironmentVariable("GUESTFS_SHARED_DIR") is { Length: > 0 } overridden
            ? overridden
            : Path.GetFullPath(Path.Combine(RepoRoot, "..", "shared"));

    public static string Reference(string fileName) => Path.Combine(SharedDirectory, "reference", fileName);

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

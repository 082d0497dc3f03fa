using System;
using System.IO;

namespace Guestfs.Actions.Tests;

/// <summary>Locates the repository (by walking up to Guestfs.sln) and the reference facts in tests/reference.</summary>
internal static class TestPaths
{
    private static readonly Lazy<string> s_repoRoot = new(FindRepoRoot);

    public static string RepoRoot => s_repoRoot.Value;

    public static string ActionsDirectory => Path.Combine(RepoRoot, "idl", "actions");

    public static string ProtocolFile => Path.Combine(RepoRoot, "idl", "guestfs_protocol.x");

    /// <summary>A file of the libguestfs 1.48.6 facts checked in under <c>tests/reference</c>.</summary>
    public static string Reference(string fileName) => Path.Combine(RepoRoot, "tests", "reference", fileName);

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

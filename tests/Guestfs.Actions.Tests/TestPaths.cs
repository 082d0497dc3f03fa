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

    /// <summary><c>GUESTFS_SHARED_DIR</c> if set, else <c>&lt;repo root&gt;/../shared</c>; a worktree nested deeper
    /// (e.g. <c>/work/wt/name</c>) falls back to the nearest ancestor holding <c>shared/reference</c>.</summary>
    public static string SharedDirectory
    {
        get
        {
            if (Environment.GetEnvironmentVariable("GUESTFS_SHARED_DIR") is { Length: > 0 } overridden)
            {
                return overridden;
            }

            string beside = Path.GetFullPath(Path.Combine(RepoRoot, "..", "shared"));
            for (DirectoryInfo? dir = new DirectoryInfo(RepoRoot).Parent; dir is not null && !Directory.Exists(beside); dir = dir.Parent)
            {
                string candidate = Path.Combine(dir.FullName, "shared");
                if (Directory.Exists(Path.Combine(candidate, "reference")))
                {
                    return candidate;
                }
            }

            return beside;
        }
    }

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

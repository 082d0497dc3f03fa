using System;
using System.IO;

namespace Guestfs.Idl.Tests;

/// <summary>Finds the repository root (by Guestfs.sln) and the shared reference facts.</summary>
internal static class TestPaths
{
    public static string RepoRoot { get; } = FindRepoRoot();

    public static string ProtocolFile => Path.Combine(RepoRoot, "idl", "guestfs_protocol.x");

    /// <summary>
    /// <c>$GUESTFS_SHARED_DIR</c>, else <c>&lt;repo root&gt;/../shared</c>; in a git worktree whose own
    /// <c>../shared</c> does not exist, the main checkout's <c>../shared</c>.
    /// </summary>
    public static string SharedDirectory
    {
        get
        {
            if (Environment.GetEnvironmentVariable("GUESTFS_SHARED_DIR") is { Length: > 0 } overridden)
            {
                return overridden;
            }

            string beside = Path.GetFullPath(Path.Combine(RepoRoot, "..", "shared"));
            string gitFile = Path.Combine(RepoRoot, ".git");
            if (!Directory.Exists(beside) && File.Exists(gitFile))
            {
                // A worktree: ".git" holds "gitdir: <main>/.git/worktrees/<name>".
                string gitDir = File.ReadAllText(gitFile).Trim();
                int marker = gitDir.IndexOf("/.git/worktrees/", StringComparison.Ordinal);
                if (gitDir.StartsWith("gitdir: ", StringComparison.Ordinal) && marker > 0)
                {
                    return Path.GetFullPath(Path.Combine(gitDir.Substring(8, marker - 8), "..", "shared"));
                }
            }

            return beside;
        }
    }

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

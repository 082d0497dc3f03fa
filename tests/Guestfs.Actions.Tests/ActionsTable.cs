using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Guestfs.Idl.Actions;

namespace Guestfs.Actions.Tests;

/// <summary>Loads idl/actions/*.actions once for the tests.</summary>
internal static class ActionsTable
{
    private static readonly Lazy<ActionsBindResult> s_bound = new(() => ActionsBinder.ParseAndBind(ReadFiles()));

    public static ActionsBindResult Bound => s_bound.Value;

    public static IReadOnlyList<(string Path, string Text)> ReadFiles() =>
        Directory.GetFiles(TestPaths.ActionsDirectory, "*.actions")
            .OrderBy(p => p, StringComparer.Ordinal)
            .Select(p => (Path.GetRelativePath(TestPaths.RepoRoot, p).Replace('\\', '/'), File.ReadAllText(p)))
            .ToList();
}

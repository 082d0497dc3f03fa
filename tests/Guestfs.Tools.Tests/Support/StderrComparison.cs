using System;
using System.IO;
using Xunit.Sdk;

namespace Guestfs.Tools.Tests;

/// <summary>Comparisons that include standard error (error texts are part of the stock behaviour).</summary>
internal static class StderrComparison
{
    /// <summary>
    /// Demands what <see cref="ToolComparison.AssertSame"/> does and, in addition, the same standard error once the
    /// path each was invoked by (which getopt's messages start with) is replaced by the tool's name.
    /// </summary>
    public static void AssertSameWithStderr(this ToolComparison comparison)
    {
        comparison.AssertSame();
        string tool = comparison.Tool;
        string stock = comparison.Stock.Stderr.Replace(Path.Combine("/usr/bin", tool) + ":", tool + ":", StringComparison.Ordinal);
        string ours = comparison.Ours.Stderr.Replace(Path.Combine(RepositoryPaths.Root, "eng", tool) + ":", tool + ":", StringComparison.Ordinal);
        if (stock != ours)
        {
            throw new XunitException(
                $"{tool} {string.Join(' ', comparison.Args)}: stderr differs (- stock, + ours):\n" + ToolComparison.Diff(stock, ours));
        }
    }
}

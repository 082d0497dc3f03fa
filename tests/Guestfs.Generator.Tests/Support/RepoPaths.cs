using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace Guestfs.Generator.Tests.Support;

/// <summary>Locates the repository from the test's output directory.</summary>
internal static class RepoPaths
{
    private static readonly Lazy<string> s_root = new(FindRoot);

    public static string Root => s_root.Value;

    public static string Idl => Path.Combine(Root, "idl");

    public static string Generated => Path.Combine(Root, "generated");

    public static string XdrSources => Path.Combine(Root, "src", "Guestfs", "Xdr");

    /// <summary>The hand-written command types the generated command table fills (<c>src/Guestfs/Commands</c>).</summary>
    public static string CommandSources => Path.Combine(Root, "src", "Guestfs", "Commands");

    /// <summary>The runtime's trace formatting the generated <c>_args</c>/<c>_ret</c> records call.</summary>
    public static IEnumerable<string> TraceSources =>
        new[] { "ITraceArguments.cs", "ITraceResult.cs", "TraceFormatter.cs" }.Select(static f => Path.Combine(Root, "src", "Guestfs", "Protocol", f));

    public static string StandIn => Path.Combine(AppContext.BaseDirectory, "Support", "StandIn");

    public static string Cases => Path.Combine(AppContext.BaseDirectory, "Cases");

    /// <summary>The reference programs and values the byte-for-byte tests build (<c>Reference/</c>).</summary>
    public static string Reference => Path.Combine(AppContext.BaseDirectory, "Reference");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Guestfs.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("cannot find the repository root (Guestfs.sln) above " + AppContext.BaseDirectory);
    }
}

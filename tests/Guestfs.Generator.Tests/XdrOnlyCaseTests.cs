using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using Guestfs.Generator.Model;
using Guestfs.Generator.Tests.Support;
using Guestfs.Idl.Common;
using Microsoft.CodeAnalysis.CSharp;

namespace Guestfs.Generator.Tests;

/// <summary>
/// The XDR half on its own (<c>guestfs-gen xdr</c>) over small rpcgen files in <c>Cases/&lt;Name&gt;/</c>: the output
/// matches the expected <c>*.g.cs.txt</c> files beside the input and compiles without warnings on the runtime's XDR core.
/// GUESTFS_ACCEPT_GENERATED=1 rewrites the expected files.
/// </summary>
public sealed class XdrOnlyCaseTests
{
    public static TheoryData<string> Cases() => new(Directory.EnumerateDirectories(RepoPaths.Cases).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal));

    [Theory]
    [MemberData(nameof(Cases))]
    public void XdrOnly_ForCase_MatchesExpectedFiles(string name)
    {
        (IReadOnlyList<GeneratedFileSpec> files, IReadOnlyList<IdlDiagnostic> diagnostics) = Generate(name);
        Assert.Empty(diagnostics);
        string sourceDir = Path.Combine(RepoPaths.Root, "tests", "Guestfs.Generator.Tests", "Cases", name);
        if (Environment.GetEnvironmentVariable("GUESTFS_ACCEPT_GENERATED") == "1")
        {
            foreach (GeneratedFileSpec file in files)
            {
                File.WriteAllText(Path.Combine(sourceDir, file.HintName + ".txt"), file.Text + "\n", new UTF8Encoding(false));
            }

            return;
        }

        var expectedNames = Directory.EnumerateFiles(sourceDir, "*.g.cs.txt").Select(static p => Path.GetFileName(p)[..^4]).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(expectedNames, files.Select(static f => f.HintName).Order(StringComparer.Ordinal).ToList());
        foreach (GeneratedFileSpec file in files)
        {
            string expected = File.ReadAllText(Path.Combine(sourceDir, file.HintName + ".txt")).Replace("\r\n", "\n");
            string received = file.Text + "\n";
            Assert.True(expected == received, GeneratedOutputTests.UnifiedDiff(name + "/" + file.HintName, expected, received));
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void XdrOnly_ForCase_CompilesWithoutWarnings(string name)
    {
        (IReadOnlyList<GeneratedFileSpec> files, _) = Generate(name);

        CSharpCompilation compilation = GeneratedCodeCompiler.Compile(files.ToDictionary(static f => f.HintName, static f => f.Text), withStandIn: false);

        var problems = GeneratedCodeCompiler.Problems(compilation);
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    private static (IReadOnlyList<GeneratedFileSpec> Files, IReadOnlyList<IdlDiagnostic> Diagnostics) Generate(string name)
    {
        string input = Directory.EnumerateFiles(Path.Combine(RepoPaths.Cases, name), "*.x").Single();
        return PipelineStages.RunXdrOnly(input, File.ReadAllText(input), "Sample.Protocol");
    }
}

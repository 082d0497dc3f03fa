using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Text;
using DiffPlex.DiffBuilder;
using DiffPlex.DiffBuilder.Model;
using Guestfs.Generator.Tests.Support;
using Microsoft.CodeAnalysis;
using Xunit.Abstractions;

namespace Guestfs.Generator.Tests;

/// <summary>
/// The golden-file net: the generator's output for <c>idl/</c> must equal <c>generated/</c> file for file.
/// On a difference, <c>&lt;file&gt;.received</c> is written beside the golden file and a unified diff printed.
/// <c>eng/accept-generated.sh</c> (GUESTFS_ACCEPT_GENERATED=1) rewrites <c>generated/</c> instead.
/// </summary>
public sealed class GeneratedOutputTests
{
    private const string AcceptVariable = "GUESTFS_ACCEPT_GENERATED";
    private readonly ITestOutputHelper _output;

    public GeneratedOutputTests(ITestOutputHelper output)
    {
        _output = output;
    }

    private static bool Accepting => Environment.GetEnvironmentVariable(AcceptVariable) == "1";

    [Fact]
    public void Generator_ForRepositoryIdl_ReportsNoDiagnostics()
    {
        GeneratorDriverRunResult result = GeneratorHarness.Run(GeneratorHarness.IdlInputs);

        Assert.Empty(result.Diagnostics.Select(static d => d.ToString()));
    }

    [Fact]
    public void Generator_ForRepositoryIdl_EmitsExactlyTheGoldenFileSet()
    {
        ImmutableDictionary<string, string> sources = GeneratorHarness.Sources(GeneratorHarness.Run(GeneratorHarness.IdlInputs));
        Directory.CreateDirectory(RepoPaths.Generated);
        if (Accepting)
        {
            foreach (string stale in Directory.EnumerateFiles(RepoPaths.Generated, "*.cs").Where(p => !sources.ContainsKey(Path.GetFileName(p))))
            {
                File.Delete(stale);
            }
        }

        var golden = Directory.EnumerateFiles(RepoPaths.Generated, "*.cs").Select(Path.GetFileName).OrderBy(static n => n, StringComparer.Ordinal).ToList();
        var emitted = sources.Keys.OrderBy(static n => n, StringComparer.Ordinal).ToList();
        if (Accepting)
        {
            foreach (string name in emitted)
            {
                File.WriteAllText(Path.Combine(RepoPaths.Generated, name), Normalize(sources[name]), new UTF8Encoding(false));
            }

            return;
        }

        Assert.True(
            golden.SequenceEqual(emitted),
            "generated/ does not match the generator's hint names (run eng/accept-generated.sh to update).\n" +
            "missing from generated/: " + string.Join(", ", emitted.Except(golden)) + "\n" +
            "stale in generated/: " + string.Join(", ", golden.Except(emitted)));
    }

    [Fact]
    public void Generator_ForRepositoryIdl_MatchesEveryGoldenFile()
    {
        ImmutableDictionary<string, string> sources = GeneratorHarness.Sources(GeneratorHarness.Run(GeneratorHarness.IdlInputs));
        var mismatches = new List<string>();
        foreach ((string name, string text) in sources.OrderBy(static s => s.Key, StringComparer.Ordinal))
        {
            string goldenPath = Path.Combine(RepoPaths.Generated, name);
            string received = Normalize(text);
            if (Accepting)
            {
                continue;
            }

            string expected = File.Exists(goldenPath) ? Normalize(File.ReadAllText(goldenPath)) : string.Empty;
            string receivedPath = goldenPath + ".received";
            if (expected == received)
            {
                File.Delete(receivedPath);
                continue;
            }

            File.WriteAllText(receivedPath, received, new UTF8Encoding(false));
            mismatches.Add(name);
            _output.WriteLine(UnifiedDiff("generated/" + name, expected, received));
        }

        Assert.True(mismatches.Count == 0, "differs from generated/ (see the diff in the test output; *.received written): " + string.Join(", ", mismatches));
    }

    [Fact]
    public void CommandLinePipeline_ForRepositoryIdl_EmitsTheSameFilesAsTheGenerator()
    {
        ImmutableDictionary<string, string> sources = GeneratorHarness.Sources(GeneratorHarness.Run(GeneratorHarness.IdlInputs));
        var inputs = GeneratorHarness.IdlInputs.Select(static t => (t.Path, t.GetText()!.ToString()));

        (IReadOnlyList<Guestfs.Generator.Model.GeneratedFileSpec> files, IReadOnlyList<Guestfs.Idl.Common.IdlDiagnostic> diagnostics) = Guestfs.Generator.PipelineStages.Run(inputs);

        Assert.Empty(diagnostics);
        Assert.Equal(sources.Keys.Order(StringComparer.Ordinal), files.Select(static f => f.HintName));
        Assert.All(files, f => Assert.True(Normalize(sources[f.HintName]) == Normalize(f.Text), f.HintName + " differs"));
    }

    private static string Normalize(string text)
    {
        string lf = text.Replace("\r\n", "\n");
        return lf.EndsWith("\n", StringComparison.Ordinal) ? lf : lf + "\n";
    }

    /// <summary>A unified diff with three lines of context.</summary>
    internal static string UnifiedDiff(string name, string expected, string received)
    {
        DiffPaneModel diff = InlineDiffBuilder.Diff(expected, received, ignoreWhiteSpace: false);
        var sb = new StringBuilder();
        sb.Append("--- a/").AppendLine(name).Append("+++ b/").AppendLine(name);
        List<DiffPiece> lines = diff.Lines;
        int i = 0;
        int oldLine = 1;
        int newLine = 1;
        while (i < lines.Count)
        {
            if (lines[i].Type == ChangeType.Unchanged)
            {
                i++;
                oldLine++;
                newLine++;
                continue;
            }

            int start = Math.Max(0, i - 3);
            int end = i;
            int lastChange = i;
            while (end < lines.Count && end - lastChange <= 6)
            {
                if (lines[end].Type != ChangeType.Unchanged)
                {
                    lastChange = end;
                }

                end++;
            }

            end = Math.Min(lines.Count, lastChange + 4);
            int hunkOld = oldLine - (i - start);
            int hunkNew = newLine - (i - start);
            var hunk = new StringBuilder();
            int oldCount = 0;
            int newCount = 0;
            for (int j = start; j < end; j++)
            {
                DiffPiece line = lines[j];
                switch (line.Type)
                {
                    case ChangeType.Deleted:
                        hunk.Append('-').AppendLine(line.Text);
                        oldCount++;
                        break;
                    case ChangeType.Inserted:
                        hunk.Append('+').AppendLine(line.Text);
                        newCount++;
                        break;
                    default:
                        hunk.Append(' ').AppendLine(line.Text);
                        oldCount++;
                        newCount++;
                        break;
                }
            }

            sb.Append("@@ -").Append(hunkOld).Append(',').Append(oldCount).Append(" +").Append(hunkNew).Append(',').Append(newCount).AppendLine(" @@");
            sb.Append(hunk);
            for (int j = i; j < end; j++)
            {
                if (lines[j].Type != ChangeType.Inserted)
                {
                    oldLine++;
                }

                if (lines[j].Type != ChangeType.Deleted)
                {
                    newLine++;
                }
            }

            i = end;
        }

        return sb.ToString();
    }
}

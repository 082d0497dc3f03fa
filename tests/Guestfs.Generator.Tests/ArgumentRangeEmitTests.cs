using System.Collections.Generic;
using System.Linq;
using Guestfs.Generator.Tests.Support;
using Microsoft.CodeAnalysis;

namespace Guestfs.Generator.Tests;

/// <summary>
/// Range constraints in the actions table (<c>count: Int &gt;= 0</c>) become <c>ArgumentGuard</c> calls at the top of
/// the generated method, before the arguments are encoded; a nonsense range is a located diagnostic.
/// </summary>
public sealed class ArgumentRangeEmitTests
{
    private const string Protocol = """
        enum guestfs_procedure {
          GUESTFS_PROC_PREAD = 7
        };

        struct guestfs_pread_args {
          string path<>;
          int count;
          hyper offset;
          int c;
          int level;
          hyper size;
        };

        struct guestfs_pread_ret {
          opaque content<>;
        };
        """;

    private const string Actions = """
        group files

        action pread(path: Pathname, count: Int >= 0, offset: Int64 >= 1, c: Int 0..255) -> buffer {
          proc 7
          optargs (level: OInt <= 9, size: OInt64 >= 0)
          added 1.0.77
          summary: Reads part of a file
          description:
            | Reads count bytes at offset.
        }
        """;

    [Fact]
    public void RangedArguments_EmitGuardsBeforeTheArgsAreBuilt()
    {
        string code = Generate(Actions);

        string method = code.Substring(code.IndexOf("public async Task<byte[]> PreadAsync(", System.StringComparison.Ordinal));
        string[] lines = method.Split('\n').Select(static l => l.Trim()).ToArray();
        int args = System.Array.FindIndex(lines, static l => l.StartsWith("var args = ", System.StringComparison.Ordinal));
        string[] guards = lines.Take(args).Where(static l => l.StartsWith("ArgumentGuard.", System.StringComparison.Ordinal) || l.StartsWith("if (", System.StringComparison.Ordinal)).ToArray();
        Assert.Equal(
            [
                "ArgumentGuard.ThrowIfInvalidPathname(path);",
                "ArgumentGuard.ThrowIfNegative(count);",
                "ArgumentGuard.ThrowIfLessThan(offset, 1);",
                "ArgumentGuard.ThrowIfOutOfRange(c, 0, 255);",
                "if (options?.Level is { } levelOption)",
                "ArgumentGuard.ThrowIfGreaterThan(levelOption, 9, \"options.Level\");",
                "if (options?.Size is { } sizeOption)",
                "ArgumentGuard.ThrowIfNegative(sizeOption, \"options.Size\");",
            ],
            guards);
        Assert.Contains("/// <param name=\"c\">The <c>c</c> argument; from 0 to 255.</param>", code, System.StringComparison.Ordinal);
    }

    [Fact]
    public void RangedOptionalArgument_IsDocumentedOnTheProperty()
    {
        GeneratorDriverRunResult result = GeneratorHarness.Run(Inputs(Actions));

        string options = GeneratorHarness.Sources(result)["Options.g.cs"];
        Assert.Contains("/// <summary>The <c>level</c> optional argument (bit 0 of the optargs bitmask); at most 9.</summary>", options, System.StringComparison.Ordinal);
    }

    [Fact]
    public void UnrangedArguments_EmitNoRangeGuard()
    {
        string code = Generate(Actions.Replace(" >= 0", string.Empty, System.StringComparison.Ordinal)
            .Replace(" >= 1", string.Empty, System.StringComparison.Ordinal)
            .Replace(" 0..255", string.Empty, System.StringComparison.Ordinal)
            .Replace(" <= 9", string.Empty, System.StringComparison.Ordinal));

        Assert.DoesNotContain("ThrowIfNegative", code, System.StringComparison.Ordinal);
        Assert.DoesNotContain("ThrowIfLessThan", code, System.StringComparison.Ordinal);
        Assert.DoesNotContain("ThrowIfOutOfRange", code, System.StringComparison.Ordinal);
        Assert.DoesNotContain("levelOption", code, System.StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("path: Pathname", "path: Pathname >= 0", ">=", "GFS0112")]
    [InlineData("count: Int >= 0", "count: Int 9..1", "9..1", "GFS0113")]
    public void NonsenseRange_IsADiagnosticAtTheRange(string original, string replacement, string marker, string id)
    {
        string actions = Actions.Replace(original, replacement, System.StringComparison.Ordinal);
        string line = actions.Split('\n')[2];

        IReadOnlyList<Diagnostic> diagnostics = GeneratorHarness.Run(Inputs(actions)).Diagnostics;

        Diagnostic d = Assert.Single(diagnostics, x => x.Id == id);
        Assert.Equal(DiagnosticSeverity.Error, d.Severity);
        FileLinePositionSpan span = d.Location.GetLineSpan();
        Assert.Equal("idl/actions/files.actions", span.Path);
        Assert.Equal((2, line.IndexOf(marker, System.StringComparison.Ordinal)), (span.StartLinePosition.Line, span.StartLinePosition.Character));
    }

    private static string Generate(string actions)
    {
        GeneratorDriverRunResult result = GeneratorHarness.Run(Inputs(actions));
        Assert.Empty(result.Diagnostics);
        return GeneratorHarness.Sources(result)["Actions.Files.g.cs"];
    }

    private static IEnumerable<AdditionalText> Inputs(string actions) =>
    [
        new InMemoryAdditionalText("idl/guestfs_protocol.x", Protocol),
        new InMemoryAdditionalText("idl/actions/files.actions", actions),
    ];
}

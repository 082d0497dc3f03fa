using System.Collections.Generic;
using System.Linq;
using Guestfs.Generator.Tests.Support;
using Microsoft.CodeAnalysis;

namespace Guestfs.Generator.Tests;

/// <summary>
/// Broken IDL inputs become compiler diagnostics with stable ids, located at the exact line and column of the
/// IDL file (as CsWin32 does for NativeMethods.txt), and the generator never throws.
/// </summary>
public sealed class GeneratorDiagnosticsTests
{
    private const string MinimalProtocol = """
        enum guestfs_procedure {
          GUESTFS_PROC_TOUCH = 3
        };

        struct guestfs_touch_args {
          string path<>;
        };
        """;

    private const string MinimalActions = """
        group files

        action touch(path: Pathname) -> err {
          proc 3
          added 0.0.3
          summary: Touches a file
          description:
            | Creates the file if it does not exist, else updates its times.
        }
        """;

    [Fact]
    public void XdrFile_MissingSemicolon_ReportsSyntaxErrorAtTheClosingBrace()
    {
        string x = """
            struct foo {
              int a
            };
            """;

        IReadOnlyList<Diagnostic> diagnostics = Run(("idl/broken.x", x));

        AssertSingle(diagnostics, "GFS0001", "idl/broken.x", line: 3, column: 1);
    }

    [Fact]
    public void XdrFile_UnknownFieldType_ReportsUndefinedTypeAtTheField()
    {
        string x = """
            struct foo {
              int a;
              bar_t b;
            };
            """;

        IReadOnlyList<Diagnostic> diagnostics = Run(("idl/broken.x", x));

        Diagnostic d = AssertSingle(diagnostics, "GFS0201", "idl/broken.x", line: 3);
        Assert.Contains("bar_t", d.GetMessage(), System.StringComparison.Ordinal);
    }

    [Fact]
    public void XdrFile_Quadruple_ReportsUnsupportedTypeAtTheField()
    {
        string x = """
            const ONE = 1;

            struct wide {
              quadruple value;
            };
            """;

        IReadOnlyList<Diagnostic> diagnostics = Run(("idl/wide.x", x));

        Diagnostic d = AssertSingle(diagnostics, "GFS0290", "idl/wide.x", line: 4, column: 13);
        Assert.Contains("wide.value", d.GetMessage(), System.StringComparison.Ordinal);
    }

    [Fact]
    public void ActionsFile_UnknownArgumentKind_ReportsTheKindWithItsPosition()
    {
        string actions = MinimalActions.Replace("path: Pathname", "path: Pathnam", System.StringComparison.Ordinal);

        IReadOnlyList<Diagnostic> diagnostics = Run(("idl/guestfs_protocol.x", MinimalProtocol), ("idl/actions/files.actions", actions));

        Diagnostic d = AssertSingle(diagnostics, "GFS0101", "idl/actions/files.actions", line: 3);
        Assert.Contains("Pathnam", d.GetMessage(), System.StringComparison.Ordinal);
    }

    [Fact]
    public void ActionsFile_SyntaxError_ReportsGfs0100AtTheBadToken()
    {
        string actions = MinimalActions.Replace("-> err {", "-> err", System.StringComparison.Ordinal);

        IReadOnlyList<Diagnostic> diagnostics = Run(("idl/guestfs_protocol.x", MinimalProtocol), ("idl/actions/files.actions", actions));

        AssertSingle(diagnostics, "GFS0100", "idl/actions/files.actions", line: 4);
    }

    [Fact]
    public void ActionsFile_ProcedureMissingFromProtocol_ReportsTheAction()
    {
        string actions = MinimalActions.Replace("proc 3", "proc 4", System.StringComparison.Ordinal);

        IReadOnlyList<Diagnostic> diagnostics = Run(("idl/guestfs_protocol.x", MinimalProtocol), ("idl/actions/files.actions", actions));

        Assert.Contains(diagnostics, static d => d.Id.StartsWith("GFS025", System.StringComparison.Ordinal) && d.Location.GetLineSpan().Path == "idl/actions/files.actions");
        Assert.All(diagnostics, static d => Assert.Equal(DiagnosticSeverity.Error, d.Severity));
    }

    [Fact]
    public void ActionsWithoutProtocolFile_ReportsMissingProtocol()
    {
        IReadOnlyList<Diagnostic> diagnostics = Run(("idl/actions/files.actions", MinimalActions));

        AssertSingle(diagnostics, "GFS0293", "idl/actions/files.actions", line: 1, column: 1);
    }

    [Fact]
    public void MinimalValidInput_ReportsNothingAndEmitsTheMethod()
    {
        GeneratorDriverRunResult result = GeneratorHarness.Run(new[]
        {
            new InMemoryAdditionalText("idl/guestfs_protocol.x", MinimalProtocol),
            new InMemoryAdditionalText("idl/actions/files.actions", MinimalActions),
        });

        Assert.Empty(result.Diagnostics);
        string files = GeneratorHarness.Sources(result)["Actions.Files.g.cs"];
        Assert.Contains("public async Task TouchAsync(string path, CancellationToken cancellationToken = default)", files, System.StringComparison.Ordinal);
    }

    [Fact]
    public void ActionsFile_PublicLibrarySideActionNeitherRuntimeNorUnsupported_WarnsGfs0294NamingIt()
    {
        string actions = MinimalActions + LibrarySideAction("disk_probe", clause: string.Empty);

        IReadOnlyList<Diagnostic> diagnostics = Run(("idl/guestfs_protocol.x", MinimalProtocol), ("idl/actions/files.actions", actions));

        Diagnostic d = Assert.Single(diagnostics);
        Assert.Equal("GFS0294", d.Id);
        Assert.Equal(DiagnosticSeverity.Warning, d.Severity);
        Assert.Equal(11, d.Location.GetLineSpan().StartLinePosition.Line + 1);
        Assert.Equal("idl/actions/files.actions", d.Location.GetLineSpan().Path);
        Assert.Contains("'disk_probe'", d.GetMessage(), System.StringComparison.Ordinal);
        Assert.Contains("unsupported: <reason>", d.GetMessage(), System.StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("  unsupported: needs libvirt, which this library does not use\n")]
    [InlineData("  visibility internal\n")]
    [InlineData("  visibility debug\n")]
    public void ActionsFile_LibrarySideActionDeclaredUnsupportedOrNotPublic_ReportsNothingAndEmitsNoMethod(string clause)
    {
        string actions = MinimalActions + LibrarySideAction("disk_probe", clause);

        GeneratorDriverRunResult result = GeneratorHarness.Run(new[]
        {
            new InMemoryAdditionalText("idl/guestfs_protocol.x", MinimalProtocol),
            new InMemoryAdditionalText("idl/actions/files.actions", actions),
        });

        Assert.Empty(result.Diagnostics);
        Assert.DoesNotContain(GeneratorHarness.Sources(result).Values, static source => source.Contains("DiskProbeAsync", System.StringComparison.Ordinal));
    }

    [Fact]
    public void ActionsFile_RuntimeLibrarySideAction_ReportsNothingAndDeclaresThePartialMethod()
    {
        string actions = MinimalActions + LibrarySideAction("disk_probe", "  flags runtime\n");

        GeneratorDriverRunResult result = GeneratorHarness.Run(new[]
        {
            new InMemoryAdditionalText("idl/guestfs_protocol.x", MinimalProtocol),
            new InMemoryAdditionalText("idl/actions/files.actions", actions),
        });

        Assert.Empty(result.Diagnostics);
        Assert.Contains("public partial Task<string> DiskProbeAsync(string filename, CancellationToken cancellationToken = default);", GeneratorHarness.Sources(result)["Actions.LibrarySide.g.cs"], System.StringComparison.Ordinal);
    }

    /// <summary>A library-side action block to append to <see cref="MinimalActions"/> (its name lands on line 11).</summary>
    private static string LibrarySideAction(string name, string clause) =>
        "\n\naction " + name + "(filename: String) -> string {\n  added 1.19.38\n" + clause +
        "  summary: Probes a host file\n  description:\n    | Looks at a host file.\n}\n";

    private static IReadOnlyList<Diagnostic> Run(params (string Path, string Text)[] files) =>
        GeneratorHarness.Run(files.Select(static f => (AdditionalText)new InMemoryAdditionalText(f.Path, f.Text))).Diagnostics;

    private static Diagnostic AssertSingle(IReadOnlyList<Diagnostic> diagnostics, string id, string path, int line, int? column = null)
    {
        Diagnostic d = Assert.Single(diagnostics, x => x.Id == id);
        FileLinePositionSpan span = d.Location.GetLineSpan();
        Assert.Equal(path, span.Path);
        Assert.Equal(line, span.StartLinePosition.Line + 1);
        if (column is int c)
        {
            Assert.Equal(c, span.StartLinePosition.Character + 1);
        }

        Assert.Equal(DiagnosticSeverity.Error, d.Severity);
        return d;
    }
}

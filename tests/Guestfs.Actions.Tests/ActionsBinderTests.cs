using System.Linq;
using Guestfs.Idl.Actions;

namespace Guestfs.Actions.Tests;

public class ActionsBinderTests
{
    [Fact]
    public void Bind_FullAction_FillsEveryModelProperty()
    {
        ActionsSpec spec = Snippets.Bind("""
            group demo
            action frob(dev: Device, dom: Pointer(virDomainPtr), data: BufferIn) -> struct lvm_pv {
              optargs (force: OBool, size: OInt64, names: OStringList)
              added 1.2.3
              flags progress, cancellable, config-only, non-blocking, once-had-no-optargs, protocol-limit
              deprecated-by other
              optional-group lvm2
              fish-alias frobnicate, fr
              fish-output octal
              visibility public-no-fish
              csharp-name Frobnicate
              summary: Frobs
              description:
                | One.
                |
                | Two.
            }
            action other() -> err {
              flags runtime
              summary: Other
              description:
                | Other.
            }
            struct lvm_pv {
              pv_name: FString
            }
            """);

        ActionSpec frob = spec.Actions.Single(a => a.Name == "frob");
        Assert.Equal("Frobnicate", frob.CSharpName);
        Assert.Equal("demo", frob.Group);
        Assert.Null(frob.ProcedureNumber);
        Assert.False(frob.IsDaemon);
        Assert.Equal(new ReturnSpec(ReturnKind.Struct, "lvm_pv"), frob.Return);
        Assert.Equal([ArgumentKind.Device, ArgumentKind.Pointer, ArgumentKind.BufferIn], frob.Arguments.Select(a => a.Kind));
        Assert.Equal("virDomainPtr", frob.Arguments[1].PointerType);
        Assert.Equal([("force", OptionalArgumentKind.OBool, 0, 1UL), ("size", OptionalArgumentKind.OInt64, 1, 2UL), ("names", OptionalArgumentKind.OStringList, 2, 4UL)],
            frob.OptionalArguments.Select(o => (o.Name, o.Kind, o.Bit, o.Mask)));
        Assert.Equal(new ActionVersionSpec(1, 2, 3), frob.Added);
        Assert.True(frob.Progress && frob.Cancellable && frob.ConfigOnly && frob.OnceHadNoOptionalArguments && frob.ProtocolLimitWarning);
        Assert.False(frob.Blocking);
        Assert.False(frob.RuntimeImplemented);
        Assert.True(frob.Deprecated);
        Assert.Equal("other", frob.DeprecatedBy);
        Assert.Equal("lvm2", frob.OptionalGroup);
        Assert.Equal(["frobnicate", "fr"], frob.FishAliases);
        Assert.Equal(FishOutputFormat.Octal, frob.FishOutput);
        Assert.Equal(ActionVisibility.PublicNoFish, frob.Visibility);
        Assert.Equal("Frobs", frob.Summary);
        Assert.Equal("One.\n\nTwo.", frob.Description);

        ActionSpec other = spec.Actions.Single(a => a.Name == "other");
        Assert.Equal("Other", other.CSharpName);
        Assert.True(other.RuntimeImplemented);
        Assert.True(other.Blocking);
        Assert.False(other.Deprecated);
        Assert.Equal(ActionVisibility.Public, other.Visibility);
        Assert.Null(other.Added);

        PublicStructSpec pv = Assert.Single(spec.Structs);
        Assert.Equal(("LvmPv", "guestfs_int_lvm_pv", "guestfs_int_lvm_pv_list"), (pv.CSharpName, pv.XdrName, pv.XdrListName));
    }

    [Fact]
    public void Bind_SameInputTwice_GivesEqualModels()
    {
        var files = ActionsTable.ReadFiles();

        Assert.Equal(ActionsBinder.ParseAndBind(files).Spec, ActionsBinder.ParseAndBind(files).Spec);
    }

    [Fact]
    public void WithoutLocations_AfterLinesMove_ModelsCompareEqual()
    {
        const string text = """
            group demo
            action a(x: String) -> err {
              optargs (y: OInt)
              summary: S
              description:
                | D
            }
            struct thing {
              f: FInt32
            }
            """;
        ActionsSpec original = Snippets.Bind(text);
        ActionsSpec moved = Snippets.Bind("# a new comment line\n\n" + text);

        Assert.NotEqual(original, moved);
        Assert.Equal(original.WithoutLocations(), moved.WithoutLocations());
        Assert.NotEqual(original.WithoutLocations(), Snippets.Bind(text.Replace("OInt", "OInt64")).WithoutLocations());
    }

    [Fact]
    public void Bind_UnknownArgumentKind_ReportsGFS0101()
    {
        var diagnostics = Snippets.Diagnose("""
            group demo
            action a(x: Strin) -> err {
              summary: S
              description:
                | D
            }
            """);

        Assert.Equal(
            ["test.actions(2,13): error GFS0101: Argument 'x' of action 'a' has unknown kind 'Strin'; use one of String, OptString, StringList, DeviceList, FilenameList, Device, Mountable, Pathname, Dev_or_Path, Mountable_or_Path, FileIn, FileOut, Key, GUID, Filename, Bool, Int, Int64, BufferIn, Pointer"],
            diagnostics);
    }

    [Fact]
    public void Bind_UnknownOptionalArgumentKind_ReportsGFS0102()
    {
        var diagnostics = Snippets.Diagnose("""
            group demo
            action a() -> err {
              optargs (x: Bool)
              summary: S
              description:
                | D
            }
            """);

        Assert.Equal(
            ["test.actions(3,15): error GFS0102: Optional argument 'x' of action 'a' has unknown kind 'Bool'; use one of OBool, OInt, OInt64, OString, OStringList"],
            diagnostics);
    }

    [Theory]
    [InlineData("strings")]
    [InlineData("struct")]
    [InlineData("struct list")]
    [InlineData("const int")]
    public void Bind_UnknownReturnKind_ReportsGFS0103(string kind)
    {
        var diagnostics = Snippets.Diagnose($$"""
            group demo
            action a() -> {{kind}} {
              summary: S
              description:
                | D
            }
            """);

        Assert.Equal(
            [$"test.actions(2,15): error GFS0103: Action 'a' has unknown return kind '{kind}'; use one of err, int, int64, bool, const string, const opt string, string, string list, struct T, struct list T, hashtable, buffer"],
            diagnostics);
    }

    [Fact]
    public void Bind_UnknownClause_ReportsGFS0104()
    {
        var diagnostics = Snippets.Diagnose("""
            group demo
            action a() -> err {
              progress yes
              summary: S
              description:
                | D
            }
            """);

        Assert.Equal(
            ["test.actions(3,3): error GFS0104: Unknown clause 'progress' in action 'a'; use one of proc, optargs, added, flags, deprecated-by, optional-group, fish-alias, fish-output, visibility, csharp-name, unsupported, summary, description"],
            diagnostics);
    }

    [Fact]
    public void Bind_UnknownFlag_ReportsGFS0105()
    {
        var diagnostics = Snippets.Diagnose("""
            group demo
            action a() -> err {
              flags progress, blocking
              summary: S
              description:
                | D
            }
            """);

        Assert.Equal(
            ["test.actions(3,19): error GFS0105: Unknown flag 'blocking' in action 'a'; use one of runtime, progress, cancellable, config-only, non-blocking, once-had-no-optargs, protocol-limit, deprecated"],
            diagnostics);
    }

    [Fact]
    public void Bind_DuplicateClause_ReportsGFS0106()
    {
        var diagnostics = Snippets.Diagnose("""
            group demo
            action a() -> err {
              summary: S
              summary: T
              description:
                | D
            }
            """);

        Assert.Equal(["test.actions(4,3): error GFS0106: Clause 'summary' appears more than once in action 'a'; keep one"], diagnostics);
    }

    [Theory]
    [InlineData("proc abc", 8, "proc", "a positive procedure number", "abc")]
    [InlineData("proc 0", 8, "proc", "a positive procedure number", "0")]
    [InlineData("added 1.2", 9, "added", "a version 'major.minor.release'", "1.2")]
    [InlineData("visibility secret", 14, "visibility", "one of public, public-no-fish, internal, debug, test", "secret")]
    [InlineData("fish-output binary", 15, "fish-output", "'hex' or 'octal'", "binary")]
    [InlineData("csharp-name lower", 15, "csharp-name", "a PascalCase C# identifier", "lower")]
    [InlineData("proc 1, 2", 11, "proc", "a positive procedure number", "1, 2")]
    [InlineData("optargs", 3, "optargs", "a parenthesised list of optional arguments", "")]
    [InlineData("added", 3, "added", "a version 'major.minor.release'", "")]
    public void Bind_InvalidClauseValue_ReportsGFS0107(string clause, int column, string keyword, string expected, string actual)
    {
        var diagnostics = Snippets.Diagnose($$"""
            group demo
            action a() -> err {
              {{clause}}
              summary: S
              description:
                | D
            }
            """);

        Assert.Equal([$"test.actions(3,{column}): error GFS0107: Clause '{keyword}' of action 'a' expects {expected}, not '{actual}'"], diagnostics);
    }

    [Fact]
    public void Bind_FileWithoutGroup_ReportsGFS0108()
    {
        var diagnostics = Snippets.Diagnose("""
            action a() -> err {
              summary: S
              description:
                | D
            }
            """);

        Assert.Equal(["test.actions(1,1): error GFS0108: File 'test.actions' must start with exactly one 'group <name>' line; found 0"], diagnostics);
    }

    [Fact]
    public void Bind_FileWithTwoGroups_ReportsGFS0108AtTheSecond()
    {
        var diagnostics = Snippets.Diagnose("""
            group demo
            group other
            """);

        Assert.Equal(["test.actions(2,7): error GFS0108: File 'test.actions' must start with exactly one 'group <name>' line; found 2"], diagnostics);
    }

    [Fact]
    public void Bind_MissingSummaryAndDescription_ReportsGFS0109Twice()
    {
        var diagnostics = Snippets.Diagnose("""
            group demo
            action a() -> err {
              proc 1
            }
            """);

        Assert.Equal(
            [
                "test.actions(2,8): error GFS0109: Action 'a' has no summary; add a 'summary:' clause",
                "test.actions(2,8): error GFS0109: Action 'a' has no description; add a 'description:' clause",
            ],
            diagnostics);
    }

    [Fact]
    public void Bind_UnknownStructFieldKind_ReportsGFS0110()
    {
        var diagnostics = Snippets.Diagnose("""
            struct thing {
              size: FSize
            }
            """);

        Assert.Equal(
            ["test.actions(2,9): error GFS0110: Field 'size' of struct 'thing' has unknown kind 'FSize'; use one of FChar, FString, FBuffer, FUUID, FInt32, FUInt32, FInt64, FBytes, FUInt64, FOptPercent"],
            diagnostics);
    }

    [Theory]
    [InlineData("p: Pointer", 10, "Pointer needs its C type, e.g. 'Pointer(virDomainPtr)'")]
    [InlineData("p: String(char)", 20, "only Pointer takes a parameter; remove '(char)'")]
    public void Bind_KindParameterMisuse_ReportsGFS0111(string argument, int column, string problem)
    {
        var diagnostics = Snippets.Diagnose($$"""
            group demo
            action a({{argument}}) -> err {
              summary: S
              description:
                | D
            }
            """);

        Assert.Equal([$"test.actions(2,{column}): error GFS0111: Argument 'p' of action 'a': {problem}"], diagnostics);
    }

    [Fact]
    public void Bind_DuplicateActionName_ReportsGFS0250()
    {
        var diagnostics = Snippets.Diagnose("""
            group demo
            action a() -> err {
              summary: S
              description:
                | D
            }
            action a() -> int {
              summary: S
              description:
                | D
            }
            """);

        Assert.Equal(["test.actions(7,8): error GFS0250: Action 'a' is already defined at test.actions(2,8); action names must be unique"], diagnostics);
    }

    [Fact]
    public void Bind_DuplicateProcedureNumber_ReportsGFS0251()
    {
        var diagnostics = Snippets.Diagnose("""
            group demo
            action a() -> err {
              proc 5
              summary: S
              description:
                | D
            }
            action b() -> err {
              proc 5
              summary: S
              description:
                | D
            }
            """);

        Assert.Equal(["test.actions(8,8): error GFS0251: Action 'b' uses procedure number 5, which action 'a' already uses; procedure numbers must be unique"], diagnostics);
    }

    [Fact]
    public void Bind_SixtyFiveOptionalArguments_ReportsGFS0259AtTheSixtyFifth()
    {
        string optargs = string.Join(", ", Enumerable.Range(0, 65).Select(i => $"o{i}: OBool"));
        var diagnostics = Snippets.Diagnose($$"""
            group demo
            action a() -> err {
              optargs ({{optargs}})
              summary: S
              description:
                | D
            }
            """);

        int column = 12 + string.Join(", ", Enumerable.Range(0, 64).Select(i => $"o{i}: OBool")).Length + 2;
        Assert.Equal([$"test.actions(3,{column}): error GFS0259: Action 'a' has 65 optional arguments; at most 64 fit in the optargs bitmask"], diagnostics);
    }

    [Fact]
    public void Bind_SixtyFourOptionalArguments_IsAccepted()
    {
        string optargs = string.Join(", ", Enumerable.Range(0, 64).Select(i => $"o{i}: OInt"));
        ActionsSpec spec = Snippets.Bind($$"""
            group demo
            action a() -> err {
              optargs ({{optargs}})
              summary: S
              description:
                | D
            }
            """);

        Assert.Equal(1UL << 63, spec.Actions[0].OptionalArguments[63].Mask);
    }

    [Fact]
    public void Bind_DuplicateArgumentName_ReportsGFS0260()
    {
        var diagnostics = Snippets.Diagnose("""
            group demo
            action a(path: Pathname) -> err {
              optargs (path: OString)
              summary: S
              description:
                | D
            }
            """);

        Assert.Equal(["test.actions(3,12): error GFS0260: Action 'a' declares 'path' more than once; argument and optional-argument names must be unique"], diagnostics);
    }

    [Fact]
    public void Bind_DeprecatedByUnknownAction_ReportsGFS0261()
    {
        var diagnostics = Snippets.Diagnose("""
            group demo
            action a() -> err {
              deprecated-by b
              summary: S
              description:
                | D
            }
            """);

        Assert.Equal(["test.actions(2,8): error GFS0261: Action 'a' is deprecated by 'b', which is not an action; name an existing action"], diagnostics);
    }

    [Fact]
    public void Bind_ReturnOfUndeclaredStruct_ReportsGFS0263()
    {
        var diagnostics = Snippets.Diagnose("""
            group demo
            action a() -> struct list nothing {
              summary: S
              description:
                | D
            }
            """);

        Assert.Equal(["test.actions(2,8): error GFS0263: Action 'a' returns struct 'nothing', which is not declared; add a 'struct nothing' block"], diagnostics);
    }

    [Fact]
    public void Bind_StructDeclaredTwice_ReportsGFS0264()
    {
        var diagnostics = Snippets.Diagnose("""
            struct thing {
              a: FInt32
            }
            struct thing {
              a: FInt32
            }
            """);

        Assert.Equal(["test.actions(4,8): error GFS0264: Struct 'thing' is already declared at test.actions(1,8)"], diagnostics);
    }

    [Fact]
    public void Bind_UnusedProcedureThatHasAnAction_ReportsGFS0265()
    {
        var diagnostics = Snippets.Diagnose("""
            group demo
            action a() -> err {
              proc 1
              summary: S
              description:
                | D
            }
            unused-procedure a 1
            """);

        Assert.Equal(["test.actions(8,1): error GFS0265: Procedure 'a' is declared unused, but action 'a' exists at test.actions(2,8); remove one of them"], diagnostics);
    }

    [Fact]
    public void Bind_RuntimeFlagOnDaemonAction_ReportsGFS0266()
    {
        var diagnostics = Snippets.Diagnose("""
            group demo
            action a() -> err {
              proc 4
              flags runtime
              summary: S
              description:
                | D
            }
            """);

        Assert.Equal(["test.actions(2,8): error GFS0266: Action 'a' is a daemon action (procedure 4) and cannot be marked 'runtime'; the runtime implements library-side actions only; remove the flag or the 'proc' clause"], diagnostics);
    }

    [Fact]
    public void Bind_UnsupportedClause_KeepsTheReasonOnALibrarySideAction()
    {
        var result = ActionsBinder.ParseAndBind([("test.actions", """
            group demo
            action a() -> err {
              unsupported:   needs FUSE on the host
              summary: S
              description:
                | D
            }
            action b() -> err {
              summary: S
              description:
                | D
            }
            """)]);

        Assert.Empty(result.Diagnostics);
        Assert.Equal("needs FUSE on the host", result.Spec.Actions.Single(a => a.Name == "a").UnsupportedReason);
        Assert.Null(result.Spec.Actions.Single(a => a.Name == "b").UnsupportedReason);
    }

    [Fact]
    public void Bind_UnsupportedClauseWithoutReason_ReportsGFS0107()
    {
        var diagnostics = Snippets.Diagnose("""
            group demo
            action a() -> err {
              unsupported:
              summary: S
              description:
                | D
            }
            """);

        Assert.Equal(["test.actions(3,3): error GFS0107: Clause 'unsupported' of action 'a' expects the reason after ':', not ''"], diagnostics);
    }

    [Fact]
    public void Bind_UnsupportedClauseOnDaemonAction_ReportsGFS0266()
    {
        var diagnostics = Snippets.Diagnose("""
            group demo
            action a() -> err {
              proc 4
              unsupported: no reason to skip it
              summary: S
              description:
                | D
            }
            """);

        Assert.Equal(["test.actions(2,8): error GFS0266: Action 'a' is a daemon action (procedure 4) and cannot be marked 'unsupported'; every daemon action is generated; remove the 'unsupported:' clause"], diagnostics);
    }

    [Fact]
    public void Bind_UnsupportedClauseWithRuntimeFlag_ReportsGFS0107()
    {
        var diagnostics = Snippets.Diagnose("""
            group demo
            action a() -> err {
              flags runtime
              unsupported: both at once
              summary: S
              description:
                | D
            }
            """);

        Assert.Equal(["test.actions(2,8): error GFS0107: Clause 'unsupported' of action 'a' expects an action the runtime does not implement (remove 'runtime' or this clause), not 'both at once'"], diagnostics);
    }

    [Fact]
    public void Bind_TwoActionsWithOneCSharpName_ReportsGFS0267()
    {
        var diagnostics = Snippets.Diagnose("""
            group demo
            action set_x() -> err {
              summary: S
              description:
                | D
            }
            action setx() -> err {
              csharp-name SetX
              summary: S
              description:
                | D
            }
            """);

        Assert.Equal(["test.actions(7,8): error GFS0267: Action 'setx' has C# name 'SetX', which action 'set_x' already has; add a 'csharp-name' override"], diagnostics);
    }

    [Fact]
    public void Bind_StreamOnLibraryAction_ReportsGFS0269()
    {
        var diagnostics = Snippets.Diagnose("""
            group demo
            action a(data: FileIn) -> err {
              summary: S
              description:
                | D
            }
            """);

        Assert.Equal(["test.actions(2,10): error GFS0269: Action 'a': FileIn/FileOut arguments are only for daemon actions; 'data' has no procedure to stream to"], diagnostics);
    }

    [Fact]
    public void Bind_TwoStreamsOnDaemonAction_ReportsGFS0269()
    {
        var diagnostics = Snippets.Diagnose("""
            group demo
            action a(src: FileIn, dst: FileOut) -> err {
              proc 9
              summary: S
              description:
                | D
            }
            """);

        Assert.Equal(["test.actions(2,23): error GFS0269: Action 'a': a daemon action can transfer at most one FileIn or FileOut stream; 'dst' is the second"], diagnostics);
    }
}

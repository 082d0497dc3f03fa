using Guestfs.Idl.Actions;
using Guestfs.Idl.Common;
using static Guestfs.Actions.Tests.Snippets;

namespace Guestfs.Actions.Tests;

public class ActionsValidatorTests
{
    private const string Mount = """
        group demo
        action mount(mountable: Mountable, mountpoint: String) -> err {
          proc 1
          optargs (readonly: OBool, opts: OStringList)
          summary: S
          description:
            | D
        }
        """;

    private static ProcedureFactsSpec MountProcedure(int number = 1, WireFieldSpec[]? args = null, WireFieldSpec[]? ret = null) =>
        Procedure("mount", number, args ?? [
            Field("mountable", WireTypeSpec.String),
            Field("mountpoint", WireTypeSpec.String),
            Field("readonly", WireTypeSpec.Bool),
            Field("opts", WireTypeSpec.StringArray),
        ], ret);

    [Fact]
    public void Validate_MatchingProtocol_HasNoDiagnostics()
    {
        Assert.Empty(Validate(Mount, Protocol(MountProcedure())));
    }

    [Fact]
    public void Validate_ProcedureMissingFromEnum_ReportsGFS0252()
    {
        var diagnostics = Validate(Mount, Protocol());

        Assert.Equal(["test.actions(2,8): error GFS0252: Action 'mount' has procedure number 1, but the protocol's procedure enum has no GUESTFS_PROC_MOUNT; add it to the .x"], diagnostics);
    }

    [Fact]
    public void Validate_ProcedureNumberDiffers_ReportsGFS0253()
    {
        var diagnostics = Validate(Mount, Protocol(MountProcedure(number: 2)));

        Assert.Equal(["test.actions(2,8): error GFS0253: Action 'mount' has procedure number 1, but GUESTFS_PROC_MOUNT is 2 in the protocol; make them agree"], diagnostics);
    }

    [Fact]
    public void Validate_ArgsMissingAnOptionalArgument_ReportsGFS0254()
    {
        var diagnostics = Validate(Mount, Protocol(MountProcedure(args: [
            Field("mountable", WireTypeSpec.String),
            Field("mountpoint", WireTypeSpec.String),
            Field("readonly", WireTypeSpec.Bool),
        ])));

        Assert.Equal(["test.actions(2,8): error GFS0254: Action 'mount' sends 4 value(s) (arguments without FileIn/FileOut, then optional arguments), but guestfs_mount_args has 3 field(s)"], diagnostics);
    }

    [Fact]
    public void Validate_ArgsStructAbsent_ReportsGFS0254WithZeroFields()
    {
        var diagnostics = Validate(Mount, Protocol(Procedure("mount", 1)));

        Assert.Equal(["test.actions(2,8): error GFS0254: Action 'mount' sends 4 value(s) (arguments without FileIn/FileOut, then optional arguments), but guestfs_mount_args has 0 field(s)"], diagnostics);
    }

    [Fact]
    public void Validate_OptionalArgumentsOutOfOrder_ReportsGFS0255()
    {
        var diagnostics = Validate(Mount, Protocol(MountProcedure(args: [
            Field("mountable", WireTypeSpec.String),
            Field("mountpoint", WireTypeSpec.String),
            Field("opts", WireTypeSpec.StringArray),
            Field("readonly", WireTypeSpec.Bool),
        ])));

        Assert.Equal(
            [
                "test.actions(4,12): error GFS0255: Value 2 of action 'mount' is 'readonly', but field 2 of guestfs_mount_args is 'opts'; keep the same names in the same order",
                "test.actions(4,29): error GFS0255: Value 3 of action 'mount' is 'opts', but field 3 of guestfs_mount_args is 'readonly'; keep the same names in the same order",
            ],
            diagnostics);
    }

    [Fact]
    public void Validate_IncompatibleArgumentType_ReportsGFS0256()
    {
        var diagnostics = Validate(Mount, Protocol(MountProcedure(args: [
            Field("mountable", WireTypeSpec.String),
            Field("mountpoint", WireTypeSpec.OptionalOf(WireTypeSpec.String)),
            Field("readonly", WireTypeSpec.Int),
            Field("opts", WireTypeSpec.StringArray),
        ])));

        Assert.Equal(
            [
                "test.actions(2,36): error GFS0256: Argument 'mountpoint' of action 'mount' is String, which travels as string, but field 'mountpoint' of guestfs_mount_args is optional string",
                "test.actions(4,12): error GFS0256: Argument 'readonly' of action 'mount' is OBool, which travels as bool, but field 'readonly' of guestfs_mount_args is int",
            ],
            diagnostics);
    }

    [Fact]
    public void Validate_StreamArgumentInArgs_ReportsGFS0257()
    {
        const string upload = """
            group demo
            action upload(filename: FileIn, remotefilename: Dev_or_Path) -> err {
              proc 66
              summary: S
              description:
                | D
            }
            """;

        var diagnostics = Validate(upload, Protocol(Procedure("upload", 66, [
            Field("filename", WireTypeSpec.String),
            Field("remotefilename", WireTypeSpec.String),
        ])));

        Assert.Equal(["test.actions(2,15): error GFS0257: Argument 'filename' of action 'upload' is a FileIn stream, which is sent as chunks and must not appear in guestfs_upload_args; remove the field"], diagnostics);
    }

    [Fact]
    public void Validate_StreamArgumentOutsideArgs_IsAccepted()
    {
        const string download = """
            group demo
            action download(remotefilename: Dev_or_Path, filename: FileOut) -> err {
              proc 67
              summary: S
              description:
                | D
            }
            """;

        Assert.Empty(Validate(download, Protocol(Procedure("download", 67, [Field("remotefilename", WireTypeSpec.String)]))));
    }

    [Theory]
    [InlineData("err", "int", "no guestfs_f_ret", "guestfs_f_ret { int r }")]
    [InlineData("string", "int", "guestfs_f_ret with one field of type string", "guestfs_f_ret { int r }")]
    [InlineData("int64", null, "guestfs_f_ret with one field of type hyper", "no guestfs_f_ret")]
    [InlineData("hashtable", "string", "guestfs_f_ret with one field of type array of string", "guestfs_f_ret { string r }")]
    [InlineData("struct list thing", "thing", "guestfs_f_ret with one field of type array of struct guestfs_int_thing", "guestfs_f_ret { struct guestfs_int_thing r }")]
    [InlineData("const string", "string", "a library-side action", "procedure 3")]
    public void Validate_ReturnDoesNotMatchRet_ReportsGFS0258(string kind, string? retType, string expected, string actual)
    {
        string text = $$"""
            group demo
            action f() -> {{kind}} {
              proc 3
              summary: S
              description:
                | D
            }
            struct thing {
              a: FInt32
            }
            """;
        WireTypeSpec? type = retType switch
        {
            "int" => WireTypeSpec.Int,
            "string" => WireTypeSpec.String,
            "thing" => WireTypeSpec.StructOf("guestfs_int_thing"),
            _ => null,
        };
        var protocol = new ProtocolFactsSpec(
            new[] { Procedure("f", 3, null, type is null ? null : [Field("r", type)]) }.ToEquatableArray(),
            new[] { new WireStructSpec("guestfs_int_thing", new[] { Field("a", WireTypeSpec.Int) }.ToEquatableArray(), IdlLocation.None) }.ToEquatableArray());

        var diagnostics = Validate(text, protocol);

        Assert.Equal([$"test.actions(2,8): error GFS0258: Action 'f' returns {kind}, which needs {expected}, but the protocol has {actual}"], diagnostics);
    }

    [Fact]
    public void Validate_ProcedureWithoutAction_ReportsGFS0262AtTheProcedure()
    {
        var diagnostics = Validate(Mount, Protocol(MountProcedure(), Procedure("sync", 2)));

        Assert.Equal(["guestfs_protocol.x(12,3): error GFS0262: Procedure sync (2) of the protocol has no action; add one or declare it with 'unused-procedure sync 2'"], diagnostics);
    }

    [Fact]
    public void Validate_ProcedureDeclaredUnused_IsAccepted()
    {
        Assert.Empty(Validate(Mount + "\nunused-procedure sync 2\n", Protocol(MountProcedure(), Procedure("sync", 2))));
    }

    [Theory]
    [InlineData("unused-procedure nothing 2", "Procedure 'nothing' is declared unused, but the protocol has no such procedure; remove the declaration")]
    [InlineData("unused-procedure sync 3", "Procedure 'sync' is declared unused, but its number is 2 in the protocol, not 3")]
    public void Validate_UnusedProcedureContradictsProtocol_ReportsGFS0265(string declaration, string message)
    {
        var diagnostics = Validate("group demo\n" + declaration + "\n", Protocol(Procedure("sync", 2)));

        Assert.Contains($"test.actions(2,1): error GFS0265: {message}", diagnostics);
    }

    [Fact]
    public void Validate_PublicStructFieldKindDiffers_ReportsGFS0268()
    {
        const string text = """
            struct thing {
              id: FInt64
              name: FString
            }
            """;
        var protocol = new ProtocolFactsSpec(
            EquatableArray<ProcedureFactsSpec>.Empty,
            new[] { new WireStructSpec("guestfs_int_thing", new[] { Field("id", WireTypeSpec.Int), Field("name", WireTypeSpec.String) }.ToEquatableArray(), IdlLocation.None) }.ToEquatableArray());

        var diagnostics = Validate(text, protocol);

        Assert.Equal(["test.actions(2,3): error GFS0268: Struct 'thing' does not match guestfs_int_thing in the protocol: field 0 is int id, the table declares id: FInt64 (hyper)"], diagnostics);
    }

    [Fact]
    public void Validate_PublicStructMissingFromProtocol_ReportsGFS0268()
    {
        var diagnostics = Validate("struct thing {\n  id: FInt32\n}\n", Protocol());

        Assert.Equal(["test.actions(1,8): error GFS0268: Struct 'thing' does not match guestfs_int_thing in the protocol: the protocol has no such structure"], diagnostics);
    }
}

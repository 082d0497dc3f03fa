using System.Linq;
using Guestfs.Idl.Xdr;

namespace Guestfs.Idl.Tests;

/// <summary>The whole rpcgen language binds into the expected model.</summary>
public class LanguageFeatureTests
{
    [Fact]
    public void Constants_DecimalHexOctalNegativeAndSymbolic_AreEvaluated()
    {
        XdrSpec spec = XdrTestHelpers.CompileClean("""
            const DEC = 42;
            const HEX = 0xFFFFEEEE;
            const OCT = 0755;
            const NEG = -7;
            const ALIAS = HEX;
            const FORWARD = LATER;
            const LATER = 3;
            """);

        Assert.Equal(
            new[] { ("DEC", 42L), ("HEX", 4294962926L), ("OCT", 493L), ("NEG", -7L), ("ALIAS", 4294962926L), ("FORWARD", 3L), ("LATER", 3L) },
            spec.Constants.Select(c => (c.Name, c.Value.Value)));
        Assert.Equal("HEX", spec.FindConstant("ALIAS")!.Value.Text);
        Assert.True(spec.FindConstant("ALIAS")!.Value.IsSymbolic);
        Assert.False(spec.FindConstant("HEX")!.Value.IsSymbolic);
    }

    [Fact]
    public void Enum_ExplicitSymbolicAndImplicitValues_AreNumbered()
    {
        XdrSpec spec = XdrTestHelpers.CompileClean("""
            const BASE = 10;
            enum colour { RED, GREEN, BLUE = BASE, CYAN, MAGENTA = GREEN, YELLOW = -3 };
            """);

        XdrEnumSpec colour = spec.FindEnum("colour")!;
        Assert.Equal(
            new[] { ("RED", 0), ("GREEN", 1), ("BLUE", 10), ("CYAN", 11), ("MAGENTA", 1), ("YELLOW", -3) },
            colour.Members.Select(m => (m.Name, m.Value)));
        Assert.Null(colour.Members[0].ValueText);
        Assert.Equal("BASE", colour.Members[2].ValueText);
    }

    [Fact]
    public void Struct_EveryDeclarationForm_ResolvesToItsType()
    {
        XdrSpec spec = XdrTestHelpers.CompileClean("""
            const MAXNAME = 255;
            typedef string name_t<MAXNAME>;
            struct all {
                int a;
                unsigned b;
                unsigned int c;
                hyper d;
                unsigned hyper e;
                bool f;
                float g;
                double h;
                quadruple i;
                char j;
                unsigned char k;
                short l;
                unsigned short int m;
                long n;
                unsigned long o;
                int64_t p;
                uint64_t q;
                string r<>;
                string s<16>;
                opaque t[32];
                opaque u<>;
                opaque v<MAXNAME>;
                int w[4];
                int x<>;
                int y<8>;
                name_t *z;
                name_t names<>;
                struct all *next;
            };
            """);

        XdrFieldSpec[] fields = spec.FindStruct("all")!.Fields.ToArray();
        Assert.Equal(
            new[]
            {
                XdrTypeKind.Int, XdrTypeKind.UnsignedInt, XdrTypeKind.UnsignedInt, XdrTypeKind.Hyper, XdrTypeKind.UnsignedHyper,
                XdrTypeKind.Bool, XdrTypeKind.Float, XdrTypeKind.Double, XdrTypeKind.Quadruple, XdrTypeKind.Char,
                XdrTypeKind.UnsignedChar, XdrTypeKind.Short, XdrTypeKind.UnsignedShort, XdrTypeKind.Int, XdrTypeKind.UnsignedInt,
                XdrTypeKind.Hyper, XdrTypeKind.UnsignedHyper, XdrTypeKind.String, XdrTypeKind.String, XdrTypeKind.FixedOpaque,
                XdrTypeKind.VariableOpaque, XdrTypeKind.VariableOpaque, XdrTypeKind.FixedArray, XdrTypeKind.VariableArray,
                XdrTypeKind.VariableArray, XdrTypeKind.Optional, XdrTypeKind.VariableArray, XdrTypeKind.Optional,
            },
            fields.Select(f => f.Type.Kind));

        XdrTypeSpec Type(string name) => fields.Single(f => f.Name == name).Type;
        Assert.Equal("unsigned", Type("b").Spelling);
        Assert.Equal("unsigned short int", Type("m").Spelling);
        Assert.Null(Type("r").Size);
        Assert.Equal(16, Type("s").Size!.Value);
        Assert.Equal(32, Type("t").Size!.Value);
        Assert.Equal(new XdrValueSpec(255, "MAXNAME"), Type("v").Size);
        Assert.Equal(new XdrTypeSpec(XdrTypeKind.Int, "int"), Type("w").Element);
        Assert.Null(Type("x").Size);

        // A typedef is expanded and remembered as the alias.
        XdrTypeSpec optionalName = Type("z").Element!;
        Assert.Equal(XdrTypeKind.String, optionalName.Kind);
        Assert.Equal("name_t", optionalName.Alias);
        Assert.Equal(255, optionalName.Size!.Value);
        Assert.Equal("name_t", Type("names").Element!.Alias);

        // A struct refers to itself through optional data.
        Assert.Equal(new XdrTypeSpec(XdrTypeKind.Struct, "struct all", "all"), Type("next").Element);
    }

    [Fact]
    public void Typedef_ChainOfTypedefs_KeepsTheNearestAlias()
    {
        XdrSpec spec = XdrTestHelpers.CompileClean("""
            typedef unsigned int u32;
            typedef u32 handle;
            typedef handle handles<>;
            struct s { handle h; handles all; };
            """);

        XdrStructSpec s = spec.FindStruct("s")!;
        Assert.Equal(new XdrTypeSpec(XdrTypeKind.UnsignedInt, "unsigned int", Alias: "handle"), s.Fields[0].Type);
        Assert.Equal(XdrTypeKind.VariableArray, s.Fields[1].Type.Kind);
        Assert.Equal("handles", s.Fields[1].Type.Alias);
        Assert.Equal("handle", s.Fields[1].Type.Element!.Alias);
        Assert.Equal(new XdrTypeSpec(XdrTypeKind.UnsignedInt, "unsigned int", Alias: "u32"), spec.FindTypedef("handle")!.Type);
    }

    [Fact]
    public void Union_FallThroughVoidAndDefaultArms_AreBound()
    {
        XdrSpec spec = XdrTestHelpers.CompileClean("""
            enum status { OK = 0, WARN = 1, FAIL = 2, GONE = 3 };
            union result switch (status code) {
            case OK:
            case WARN:
                opaque data<>;
            case FAIL:
                void;
            default:
                string message<>;
            };
            union maybe switch (bool present) { case TRUE: int value; case FALSE: void; };
            """);

        XdrUnionSpec result = spec.FindUnion("result")!;
        Assert.Equal(new XdrTypeSpec(XdrTypeKind.Enum, "status", "status"), result.Discriminant.Type);
        Assert.Equal(2, result.Arms.Count);
        Assert.Equal(new[] { (0L, "OK"), (1L, "WARN") }, result.Arms[0].Labels.Select(l => (l.Value, l.Text)));
        Assert.Equal("data", result.Arms[0].Field!.Name);
        Assert.Null(result.Arms[1].Field);
        Assert.Empty(result.Default!.Labels);
        Assert.Equal(XdrTypeKind.String, result.Default.Field!.Type.Kind);
        Assert.Equal(new[] { 1L, 0L }, spec.FindUnion("maybe")!.Arms.Select(a => a.Labels[0].Value));
    }

    [Fact]
    public void Program_VersionsAndProcedures_AreBound()
    {
        XdrSpec spec = XdrTestHelpers.CompileClean("""
            const PROG = 0x20000099;
            struct args { int a; int b; };
            program CALC_PROG {
                version CALC_V1 {
                    void CALC_NULL(void) = 0;
                    int CALC_ADD(args) = 1;
                } = 1;
                version CALC_V2 {
                    hyper CALC_ADD(int, unsigned hyper) = 1;
                    string CALC_NAME(void) = 2;
                } = 2;
            } = PROG;
            """);

        XdrProgramSpec program = Assert.Single(spec.Programs);
        Assert.Equal(new XdrValueSpec(0x20000099, "PROG"), program.Number);
        Assert.Equal(new[] { "CALC_V1", "CALC_V2" }, program.Versions.Select(v => v.Name));
        XdrProcedureSpec nullProc = program.Versions[0].Procedures[0];
        Assert.Equal(XdrTypeKind.Void, nullProc.Result.Kind);
        Assert.Empty(nullProc.Arguments);
        Assert.Equal(new XdrTypeSpec(XdrTypeKind.Struct, "args", "args"), Assert.Single(program.Versions[0].Procedures[1].Arguments));
        XdrProcedureSpec add2 = program.Versions[1].Procedures[0];
        Assert.Equal(new[] { XdrTypeKind.Int, XdrTypeKind.UnsignedHyper }, add2.Arguments.Select(a => a.Kind));
        Assert.Equal(XdrTypeKind.String, program.Versions[1].Procedures[1].Result.Kind);
    }

    [Fact]
    public void PassThroughLinesAndComments_AreKeptOrSkipped()
    {
        var parsed = XdrTestHelpers.Parse("""
            %#include <stdio.h>
            /* a C comment */ const A = 1; // a C++ comment
            struct s {
            %  /* inside a definition: ignored */
                int x; /* trailing */
            };
            %extern int f(void);
            """);

        Assert.Empty(parsed.Diagnostics);
        Assert.Equal(
            new[] { "#include <stdio.h>", "extern int f(void);" },
            parsed.Syntax.Definitions.OfType<XdrPassThroughSyntax>().Select(p => p.Text));
        Assert.Equal(4, parsed.Syntax.Definitions.Count);
    }

    [Fact]
    public void Locations_PointAtNamesAndSpanDefinitions()
    {
        var parsed = XdrTestHelpers.Parse("/* header */\n\nstruct  point {\n\tint x;\n};\n", "p.x");

        var point = (XdrStructSyntax)Assert.Single(parsed.Syntax.Definitions);
        Assert.Equal(new Guestfs.Idl.Common.IdlLocation("p.x", 14, 26, 3, 1), point.Location);
        Assert.Equal((3, 9), (point.NameLocation.Line, point.NameLocation.Column));
        Assert.Equal((4, 2), (point.Fields[0].Location.Line, point.Fields[0].Location.Column));
        Assert.Equal((4, 6), (point.Fields[0].NameLocation.Line, point.Fields[0].NameLocation.Column));
    }

    [Fact]
    public void RecursiveTypes_ThroughOptionalOrVariableArrays_AreAccepted()
    {
        var (_, diagnostics) = XdrTestHelpers.Compile("""
            struct tree { int value; tree *left; tree children<>; struct tree *right; };
            typedef struct list_node *list;
            struct list_node { int item; list next; };
            """);

        Assert.Empty(diagnostics);
    }

    [Fact]
    public void Cancellation_Parse_Throws()
    {
        using var cts = new System.Threading.CancellationTokenSource();
        cts.Cancel();

        Assert.ThrowsAny<System.OperationCanceledException>(() => XdrParser.Parse("c.x", "const A = 1;", cts.Token));
    }
}

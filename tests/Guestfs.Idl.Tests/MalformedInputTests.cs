using System.Collections.Generic;
using System.Linq;
using Guestfs.Idl.Common;
using Guestfs.Idl.Xdr;

namespace Guestfs.Idl.Tests;

/// <summary>Each malformed input gives exactly one diagnostic, at an exact position, with an exact message.</summary>
public class MalformedInputTests
{
    public static IEnumerable<object[]> Cases() => new[]
    {
        // ---- syntax (parser)
        Case("struct s {\n    int x\n};\n", "GFS0001", 3, 1, "Syntax error: unexpected '}'; expected ';'."),
        Case("const = 5;", "GFS0001", 1, 7, "Syntax error: unexpected '='; expected identifier."),
        Case("struct s { };", "GFS0001", 1, 12, "Syntax error: unexpected '}'; expected type."),
        Case("enum e { A = 1, };", "GFS0001", 1, 17, "Syntax error: unexpected '}'; expected identifier."),
        Case("typedef string s<>\nconst X = 1;", "GFS0001", 2, 1, "Syntax error: unexpected 'const'; expected ';'."),
        Case("strucct s { int x; };", "GFS0001", 1, 1,
            "Syntax error: unexpected 'strucct'; expected definition ('const', 'typedef', 'enum', 'struct', 'union' or 'program')."),
        Case("struct s { int x[]; };", "GFS0001", 1, 18, "Syntax error: unexpected ']'; expected number or constant name."),
        Case("union u switch (int d) {\ncase 1: int a;\ndefault: void;\ncase 2: int b;\n};", "GFS0001", 4, 1, "Syntax error: unexpected 'case'; expected '}'."),
        Case("program P { version V { void F(void) = 1; } = 1; }", "GFS0001", 1, 51, "Syntax error: unexpected end of file; expected '='."),
        Case("struct s { int *x[2]; };", "GFS0001", 1, 18, "Syntax error: unexpected '['; expected ';'."),
        Case("/* never closed\nconst A = 1;\n", "GFS0002", 1, 1, "Comment is not closed; add '*/'."),
        Case("const A = 1;\n  @\n", "GFS0005", 2, 3, "Unexpected character '@'."),
        Case("#ifdef X\nconst A = 1;\n", "GFS0003", 1, 1, "'#ifdef' is not closed; add '#endif'."),
        Case("const A = 1;\n#endif\n", "GFS0003", 2, 1, "'#endif' without '#if'."),
        Case("#if 1\n#else\n#else\n#endif\n", "GFS0003", 3, 1, "'#else' after '#else'."),
        Case("#include \"other.x\"\n", "GFS0004", 1, 1, "'#include \"other.x\"' is not expanded; definitions from that file are not part of this one.", IdlSeverity.Warning),

        // ---- binding
        Case("struct s { int x<N>; };", "GFS0200", 1, 18, "'N' is not defined; define it with 'const' or as an enum member."),
        Case("struct s { foo x; };", "GFS0201", 1, 12, "Type 'foo' is not defined; define it with 'struct', 'enum', 'union' or 'typedef'."),
        Case("const A = 1;\nconst A = 2;", "GFS0202", 2, 7, "'A' is already defined at line 1, column 7."),
        Case("struct a { int x; };\nenum a { B };", "GFS0202", 2, 6, "'a' is already defined at line 1, column 8."),
        Case("struct s { int a; int a; };", "GFS0203", 1, 23, "'a' appears twice in 's'; field names must be unique."),
        Case("enum e { A = 1, B = 1 };", "GFS0204", 1, 17, "Enum 'e': 'B' has the value 1, which 'A' already has.", IdlSeverity.Warning),
        Case("enum e { A = 2, B = 1, C };", "GFS0204", 1, 24, "Enum 'e': 'C' has the value 2, which 'A' already has.", IdlSeverity.Warning),
        Case("union u switch (int d) { case 1: int a; case 1: int b; };", "GFS0205", 1, 46, "Union 'u': case 1 is already handled by case '1'."),
        Case("const ONE = 1;\nunion u switch (int d) { case 1: case ONE: void; };", "GFS0205", 2, 39, "Union 'u': case ONE is already handled by case '1'."),
        Case("const A = 1.5;", "GFS0206", 1, 11, "'1.5' is not an integer constant."),
        Case("const A = 99999999999999999999;", "GFS0206", 1, 11, "'99999999999999999999' is not an integer constant: it does not fit in 64 bits."),
        Case("const A = 0x1G;", "GFS0206", 1, 11, "'0x1G' is not an integer constant."),
        Case("const S = \"text\";\ntypedef opaque o<S>;", "GFS0206", 1, 11, "'\"text\"' is not an integer constant: it is a string."),
        Case("struct s { int a; };\nconst B = s;", "GFS0206", 2, 11, "'s' is not an integer constant: it is a struct."),
        Case("struct node { int v; node next; };", "GFS0207", 1, 27,
            "'node' contains itself through 'node.next' without optional data; declare a field on the way with '*' or as a variable-length array '<>'."),
        Case("struct a { b x; };\nstruct b { a y[2]; };", "GFS0207", 2, 14,
            "'a' contains itself through 'a.x', 'b.y' without optional data; declare a field on the way with '*' or as a variable-length array '<>'."),
        Case("union u switch (int d) { case 0: void; case 1: u inner; };", "GFS0207", 1, 50,
            "'u' contains itself through 'u.inner' without optional data; declare a field on the way with '*' or as a variable-length array '<>'."),
        Case("struct s { string n<0>; };", "GFS0208", 1, 21, "The maximum size of 'n' must be positive, but it is 0."),
        Case("const N = -1;\nstruct s { opaque d[N]; };", "GFS0208", 2, 21, "The size of 'd' must be positive, but it is -1."),
        Case("const A = B;\nconst B = A;", "GFS0209", 1, 7, "'A' is defined in terms of itself."),
        Case("typedef a b;\ntypedef b a;", "GFS0209", 1, 11, "'b' is defined in terms of itself."),
        Case("const A = 1;\nstruct s { A x; };", "GFS0210", 2, 12, "'A' is a constant, not a type."),
        Case("enum e { X };\nstruct s { struct e v; };", "GFS0211", 2, 12, "'struct e' refers to an enum; write 'enum e'."),
        Case("struct s { string name; };", "GFS0212", 1, 12, "'string' needs a maximum in '<>': write 'string name<>'."),
        Case("struct s { opaque *blob; };", "GFS0212", 1, 12, "'opaque' needs a size: write 'opaque blob[n]' or 'opaque blob<>'."),
        Case("struct s { void; };", "GFS0212", 1, 12, "'void' is only allowed in union arms and procedures."),
        Case("union u switch (string s<>) { case 1: void; };", "GFS0213", 1, 17,
            "Union 'u' switches on string<>; the discriminant must be int, unsigned int, bool or an enum."),
        Case("enum a { A1 = 1 };\nenum b { B1 = 2 };\nunion u switch (a d) { case B1: void; };", "GFS0214", 3, 29,
            "Union 'u': case 'B1' is not a member of enum 'a'."),
        Case("program P { version V { void F(void) = 1; void G(void) = 1; } = 1; } = 100;", "GFS0215", 1, 48,
            "Procedure number 1 is used by both 'F' and 'G'."),
        Case("program P { version V { void F(void) = 1; } = 1; version W { void F(void) = 1; } = 1; } = 100;", "GFS0215", 1, 58,
            "Version number 1 is used by both 'V' and 'W'."),
        Case("enum e { A = 0x80000000 };", "GFS0216", 1, 14, "Enum member 'A' has the value 2147483648, which does not fit in a 32-bit int."),
    };

    private static object[] Case(string input, string id, int line, int column, string message, IdlSeverity severity = IdlSeverity.Error) =>
        new object[] { input, id, line, column, message, severity };

    [Theory]
    [MemberData(nameof(Cases))]
    public void MalformedInput_Compile_ReportsOneDiagnosticAtItsPosition(string input, string id, int line, int column, string message, IdlSeverity severity)
    {
        var (_, diagnostics) = XdrTestHelpers.Compile(input, "bad.x");

        IdlDiagnostic diagnostic = Assert.Single(diagnostics);
        Assert.Equal(id, diagnostic.Id);
        Assert.Equal(message, diagnostic.Message);
        Assert.Equal((line, column), (diagnostic.Location.Line, diagnostic.Location.Column));
        Assert.Equal(severity, diagnostic.Severity);
        Assert.Equal("bad.x", diagnostic.Location.Path);
        int offset = input.Split('\n').Take(line - 1).Sum(l => l.Length + 1) + column - 1;
        Assert.Equal(offset, diagnostic.Location.Start);
    }

    [Fact]
    public void TwoBrokenDefinitions_Parse_ReportsBothAndKeepsTheGoodOnes()
    {
        XdrParseResult result = XdrTestHelpers.Parse("struct a { int x };\nconst OK = 1;\nenum e { };\nstruct b { int y; };\n");

        Assert.Equal(new[] { (1, 18), (3, 10) }, result.Diagnostics.Select(d => (d.Location.Line, d.Location.Column)));
        Assert.Equal(new[] { "OK", "b" }, result.Syntax.Definitions.Select(d => d switch
        {
            XdrConstSyntax c => c.Name,
            XdrStructSyntax s => s.Name,
            _ => "?",
        }));
    }

    [Fact]
    public void GarbageInput_Parse_NeverThrows()
    {
        string[] inputs = { "", "}", "{{{{", "struct", "const A = ", "%", "#if", "/*", "union u switch", "program P { version", "\"", "enum e { A = -, }" };
        foreach (string input in inputs)
        {
            var (_, diagnostics) = XdrTestHelpers.Compile(input);
            Assert.True(input.Trim().Length == 0 || input == "%" || diagnostics.Length > 0, input);
        }
    }
}

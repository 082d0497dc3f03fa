using System;
using System.IO;
using System.Linq;
using System.Threading;
using Guestfs.Idl.Xdr;

namespace Guestfs.Idl.Tests;

/// <summary>Broken input of any shape gives diagnostics, never an exception.</summary>
public class RobustnessTests
{
    private static readonly string s_protocol = File.ReadAllText(TestPaths.ProtocolFile);

    [Fact]
    public void TruncatedProtocolFile_ParseAndBind_NeverThrowsAndReportsInsideTheText()
    {
        for (int length = 0; length < s_protocol.Length; length += 4999)
        {
            string text = s_protocol.Substring(0, length);

            XdrBindResult result = XdrBinder.ParseAndBind("cut.x", text, CancellationToken.None);

            Assert.All(result.Diagnostics, d => Assert.InRange(d.Location.Start, 0, text.Length));
        }
    }

    [Fact]
    public void MutatedProtocolFile_ParseAndBind_NeverThrows()
    {
        var random = new Random(4);
        const string alphabet = "{}[]<>();:,=*%#/\"-0123456789abcXYZ_ \n\t";
        int withErrors = 0;
        for (int round = 0; round < 20; round++)
        {
            char[] chars = s_protocol.ToCharArray();
            for (int edit = 0; edit < 5; edit++)
            {
                chars[random.Next(chars.Length)] = alphabet[random.Next(alphabet.Length)];
            }

            XdrBindResult result = XdrBinder.ParseAndBind("mutated.x", new string(chars), CancellationToken.None);
            withErrors += result.HasErrors ? 1 : 0;
        }

        // Most random edits break something; all of them are reported rather than thrown.
        Assert.InRange(withErrors, 10, 20);
    }

    [Fact]
    public void DeletedSemicolon_Parse_ReportsItAndKeepsTheOtherDefinitions()
    {
        const string field = "  string mountpoint<>;\n";
        int at = s_protocol.IndexOf(field, StringComparison.Ordinal);
        string text = s_protocol.Remove(at + field.Length - 2, 1);

        XdrBindResult result = XdrBinder.ParseAndBind("p.x", text, CancellationToken.None);

        IdlDiagnosticAssert(result, expectedLine: s_protocol.Substring(0, at).Count(c => c == '\n') + 2);
        Assert.Null(result.Spec.FindStruct("guestfs_mount_args"));
        Assert.NotNull(result.Spec.FindStruct("guestfs_touch_args"));
        Assert.Equal(492, result.Spec.FindEnum("guestfs_procedure")!.Members.Count);
    }

    [Fact]
    public void DeletedSemicolons_Parse_ReportOneErrorPerBrokenDefinition()
    {
        const string field = "  string mountpoint<>;\n";
        int broken = (s_protocol.Length - s_protocol.Replace(field, string.Empty).Length) / field.Length;
        string text = s_protocol.Replace(field, "  string mountpoint<>\n");

        XdrParseResult result = XdrParser.Parse("p.x", text, CancellationToken.None);

        Assert.True(broken > 1);
        Assert.Equal(broken, result.Diagnostics.Count(d => d.Id == XdrDiagnosticIds.SyntaxError));
        Assert.Equal(broken, result.Diagnostics.Count);
    }

    private static void IdlDiagnosticAssert(XdrBindResult result, int expectedLine)
    {
        var error = Assert.Single(result.Diagnostics);
        Assert.Equal(XdrDiagnosticIds.SyntaxError, error.Id);
        Assert.Equal("Syntax error: unexpected '}'; expected ';'.", error.Message);
        Assert.Equal((expectedLine, 1), (error.Location.Line, error.Location.Column));
    }
}

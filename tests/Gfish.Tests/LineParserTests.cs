using System;
using System.Linq;
using CsCheck;
using Gfish.Parsing;

namespace Gfish.Tests;

public class LineParserTests
{
    private static ScriptLine Parse(string line) => LineParser.Parse(line, user => user switch
    {
        "" => "/home/me",
        "root" => "/root",
        _ => null,
    });

    private static string[] Args(string line) => [.. Parse(line).Arguments];

    [Theory]
    [InlineData("")]
    [InlineData("   \t ")]
    [InlineData("# a comment")]
    [InlineData("   # indented comment")]
    public void Parse_BlankOrComment_IsEmpty(string line)
    {
        Assert.Equal(ScriptLineKind.Empty, Parse(line).Kind);
    }

    [Fact]
    public void Parse_BareWords_SplitAtSpacesAndTabs()
    {
        var line = Parse("echo  a\tb   c  ");
        Assert.Equal(ScriptLineKind.Command, line.Kind);
        Assert.Equal("echo", line.Name);
        Assert.Equal(["a", "b", "c"], line.Arguments);
        Assert.Null(line.Pipe);
    }

    [Fact]
    public void Parse_HashAfterCommand_IsAnOrdinaryWord()
    {
        Assert.Equal(["x", "#notcomment"], Args("echo x #notcomment"));
    }

    [Fact]
    public void Parse_DoubleQuotes_KeepSpaces()
    {
        Assert.Equal(["a b", "c"], Args("echo \"a b\" c"));
    }

    [Fact]
    public void Parse_EmptyQuotes_GiveEmptyArguments()
    {
        Assert.Equal(["", ""], Args("echo \"\" ''"));
    }

    [Theory]
    [InlineData(@"\\", "\\")]
    [InlineData(@"\a\b\f\n\r\t\v", "\a\b\f\n\r\t\v")]
    [InlineData(@"\""", "\"")]
    [InlineData(@"\'", "'")]
    [InlineData(@"\?", "?")]
    [InlineData(@"\101\x41\x4a", "AAJ")]
    [InlineData(@"\1234", "S4")]
    [InlineData(@"\0101", "\b1")]
    public void Parse_DoubleQuoteEscapes_AreDecoded(string escaped, string expected)
    {
        Assert.Equal([expected], Args($"echo \"{escaped}\""));
    }

    [Theory]
    [InlineData(@"echo ""a\z""", 1)]
    [InlineData(@"echo ""\x4""", 0)]
    [InlineData(@"echo ""\x4g""", 0)]
    [InlineData(@"echo ""\777""", 0)]
    [InlineData(@"echo ""\000""", 0)]
    [InlineData(@"echo ""\x00""", 0)]
    [InlineData(@"echo ""\12""", 0)]
    [InlineData(@"echo ""\t\z""", 1)]
    [InlineData(@"echo ""é\z""", 2)]
    [InlineData(@"echo ""abc\", 3)]
    public void Parse_BadEscape_ReportsOffsetInUnescapedBytes(string line, int offset)
    {
        var e = Assert.Throws<ScriptSyntaxException>(() => Parse(line));
        Assert.Equal($"invalid escape sequence in string (starting at offset {offset})", e.Message);
    }

    [Fact]
    public void Parse_SingleQuotes_AreVerbatim()
    {
        Assert.Equal([@"a\tb ""c"""], Args(@"echo 'a\tb ""c""'"));
    }

    [Theory]
    [InlineData("echo \"abc", "unterminated double quote")]
    [InlineData("echo 'abc", "unterminated single quote")]
    [InlineData("echo \"a\"b", "command arguments not separated by whitespace")]
    [InlineData("echo 'a b'c", "command arguments not separated by whitespace")]
    [InlineData("echo \"a\"|cat", "command arguments not separated by whitespace")]
    public void Parse_MalformedQuoting_Throws(string line, string message)
    {
        var e = Assert.Throws<ScriptSyntaxException>(() => Parse(line));
        Assert.Equal(message, e.Message);
        Assert.False(e.IgnoreError);
    }

    [Fact]
    public void Parse_QuotesInsideBareWord_AreKept()
    {
        Assert.Equal(["a\"b\"c", "a'b'c"], Args("echo a\"b\"c a'b'c"));
    }

    [Fact]
    public void Parse_BackslashOutsideQuotes_IsLiteral()
    {
        Assert.Equal(["\\\"a"], Args("echo \\\"a"));
    }

    [Fact]
    public void Parse_CommandNameIsNotUnquoted()
    {
        Assert.Equal("\"echo\"", Parse("\"echo\" x").Name);
    }

    [Fact]
    public void Parse_Tilde_ExpandsOnlyBareWordsOfKnownUsers()
    {
        Assert.Equal(["/home/me", "/home/me/x", "/root", "~nobody", "x~", "~"], Args("echo ~ ~/x ~root ~nobody x~ '~'"));
    }

    [Fact]
    public void Parse_Pipe_TakesRestOfLine()
    {
        var line = Parse("cat /etc/passwd | grep root | wc -l");
        Assert.Equal(["/etc/passwd"], line.Arguments);
        Assert.Equal(" grep root | wc -l", line.Pipe);
    }

    [Fact]
    public void Parse_PipeInsideWord_IsNotAPipe()
    {
        var line = Parse("echo a|b");
        Assert.Equal(["a|b"], line.Arguments);
        Assert.Null(line.Pipe);
    }

    [Fact]
    public void Parse_PipeWithoutSpace_StartsPipe()
    {
        Assert.Equal("tr a-z A-Z", Parse("echo a |tr a-z A-Z").Pipe);
    }

    [Fact]
    public void Parse_ShellLine_KeepsRestVerbatim()
    {
        var line = Parse("  !echo hi; exit 3");
        Assert.Equal(ScriptLineKind.Shell, line.Kind);
        Assert.Equal("echo hi; exit 3", line.Text);
    }

    [Fact]
    public void Parse_InlineLine_KeepsRestVerbatim()
    {
        var line = Parse("<!echo echo from-shell");
        Assert.Equal(ScriptLineKind.Inline, line.Kind);
        Assert.Equal("echo echo from-shell", line.Text);
    }

    [Theory]
    [InlineData("-nosuch", "nosuch")]
    [InlineData("-   nosuch x", "nosuch")]
    [InlineData("- echo x", "echo")]
    public void Parse_DashPrefix_IgnoresErrors(string text, string name)
    {
        var line = Parse(text);
        Assert.True(line.IgnoreError);
        Assert.Equal(name, line.Name);
    }

    [Fact]
    public void Parse_DashPrefixOnShellLine_IgnoresErrors()
    {
        var line = Parse("-!false");
        Assert.Equal(ScriptLineKind.Shell, line.Kind);
        Assert.True(line.IgnoreError);
    }

    [Fact]
    public void Parse_DashPrefixedSyntaxError_CarriesIgnore()
    {
        var e = Assert.Throws<ScriptSyntaxException>(() => Parse("-echo \"x"));
        Assert.True(e.IgnoreError);
    }

    [Fact]
    public void Parse_TooManyArguments_Throws()
    {
        Assert.Equal(LineParser.MaxArguments, Args("echo " + string.Join(' ', Enumerable.Repeat("x", LineParser.MaxArguments))).Length);
        var e = Assert.Throws<ScriptSyntaxException>(() => Parse("echo " + string.Join(' ', Enumerable.Repeat("x", LineParser.MaxArguments + 1))));
        Assert.Equal("too many arguments", e.Message);
    }

    [Fact]
    public void Parse_AnyInput_ParsesOrThrowsSyntaxError()
    {
        Gen.String[Gen.Char["ab \t\"'\\|#!<-~x07:"], 0, 40].Sample(line =>
        {
            try
            {
                var parsed = LineParser.Parse(line, _ => null);
                Assert.NotNull(parsed.Arguments);
            }
            catch (ScriptSyntaxException)
            {
            }
        }, iter: 20000);
    }
}

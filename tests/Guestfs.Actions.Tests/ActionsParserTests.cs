using System.Linq;
using Guestfs.Idl.Actions;

namespace Guestfs.Actions.Tests;

public class ActionsParserTests
{
    private const string Sample = """
        # A comment before the group.
        group demo

        action mount_thing(mountable: Mountable, where: Pathname) -> struct list lvm_pv {
          proc 7   # trailing comment
          optargs (readonly: OBool,
                   label: OString)
          flags progress, cancellable
          summary: Mounts a thing
          description:
            | First paragraph,
            | continued.
            |
            | Second paragraph with # and { } in it.
        }

        struct lvm_pv as PhysicalVolume {
          pv_name: FString
          pv_uuid: FUUID
        }

        unused-procedure old_call 99
        """;

    [Fact]
    public void Parse_Sample_ProducesActionStructAndUnusedWithPositions()
    {
        ActionsParseResult result = ActionsParser.Parse("demo.actions", Sample);

        Assert.Empty(result.Diagnostics);
        ActionsFileSyntax file = result.File;
        Assert.Equal("demo", Assert.Single(file.Groups).Text);

        ActionSyntax action = Assert.Single(file.Actions);
        Assert.Equal("mount_thing", action.Name.Text);
        Assert.Equal((4, 8), (action.Location.Line, action.Location.Column));
        Assert.Equal(["mountable", "where"], action.Arguments.Select(a => a.Name.Text));
        Assert.Equal(["Mountable", "Pathname"], action.Arguments.Select(a => a.Kind.Text));
        Assert.Equal((4, 20), (action.Arguments[0].Location.Line, action.Arguments[0].Location.Column));
        Assert.Equal("mountable: Mountable".Length, action.Arguments[0].Location.Length);
        Assert.Equal(["struct", "list", "lvm_pv"], action.ReturnWords.Select(w => w.Text));
        Assert.Equal(["proc", "optargs", "flags", "summary", "description"], action.Clauses.Select(c => c.Keyword.Text));
        Assert.Equal(["7"], action.Clauses[0].Words.Select(w => w.Text));
        Assert.Equal(["readonly", "label"], action.Clauses[1].Arguments!.Value.Select(a => a.Name.Text));
        Assert.Equal((7, 12), (action.Clauses[1].Arguments!.Value[1].Location.Line, action.Clauses[1].Arguments!.Value[1].Location.Column));
        Assert.Equal(["progress", "cancellable"], action.Clauses[2].Words.Select(w => w.Text));
        Assert.Equal("Mounts a thing", action.Clauses[3].Text);
        Assert.Equal("First paragraph,\ncontinued.\n\nSecond paragraph with # and { } in it.", action.Clauses[4].Text);

        StructSyntax structure = Assert.Single(file.Structs);
        Assert.Equal("PhysicalVolume", structure.CSharpName!.Text);
        Assert.Equal(["pv_name:FString", "pv_uuid:FUUID"], structure.Fields.Select(f => f.Name.Text + ":" + f.Kind.Text));

        UnusedProcedureSyntax unused = Assert.Single(file.UnusedProcedures);
        Assert.Equal(("old_call", "99", 22), (unused.Name.Text, unused.Number.Text, unused.Location.Line));
    }

    [Fact]
    public void Parse_SameTextTwice_GivesEqualSyntax()
    {
        Assert.Equal(ActionsParser.Parse("demo.actions", Sample), ActionsParser.Parse("demo.actions", Sample));
    }

    [Fact]
    public void Parse_MissingArrow_ReportsSyntaxErrorAtTheToken()
    {
        const string text = """
            group demo
            action touch(path: Pathname) err {
            }
            """;

        ActionsParseResult result = ActionsParser.Parse("demo.actions", text);

        Assert.Equal(
            ["demo.actions(2,30): error GFS0100: Syntax error: unexpected 'e'; expected '->'"],
            result.Diagnostics.Select(d => d.ToString()));
        Assert.Empty(result.File.Actions);
    }

    [Fact]
    public void Parse_UnclosedBlock_ReportsEndOfFile()
    {
        const string text = """
            group demo
            action touch(path: Pathname) -> err {
              proc 3
            """;

        ActionsParseResult result = ActionsParser.Parse("demo.actions", text);

        Assert.Equal(
            ["demo.actions(3,9): error GFS0100: Syntax error: unexpected end of file; expected a clause or '}'"],
            result.Diagnostics.Select(d => d.ToString()));
    }

    [Fact]
    public void Parse_ArgumentWithoutKind_ReportsTheColumn()
    {
        const string text = """
            group demo
            action touch(path, other: Pathname) -> err {
            }
            """;

        ActionsParseResult result = ActionsParser.Parse("demo.actions", text);

        Assert.Equal(
            ["demo.actions(2,18): error GFS0100: Syntax error: unexpected ','; expected ':'"],
            result.Diagnostics.Select(d => d.ToString()));
    }

    [Fact]
    public void Parse_StrayTopLevelWord_ReportsWhatIsAllowed()
    {
        const string text = """
            group demo
            acton touch(path: Pathname) -> err {
            }
            """;

        ActionsParseResult result = ActionsParser.Parse("demo.actions", text);

        Assert.Single(result.Diagnostics);
        Assert.Equal("GFS0100", result.Diagnostics[0].Id);
        Assert.Equal((2, 1), (result.Diagnostics[0].Location.Line, result.Diagnostics[0].Location.Column));
    }

    [Fact]
    public void Parse_ErrorInOneAction_ReportsItAndKeepsTheNextActions()
    {
        const string text = """
            group demo
            action broken(path Pathname) -> err {
              summary: S
            }
            action fine(path: Pathname) -> err {
              proc 3
            }
            action also_broken() -> err {
              optargs (x: OBool
            }
            struct thing {
              a: FInt32
            }
            """;

        ActionsParseResult result = ActionsParser.Parse("demo.actions", text);

        Assert.Equal(
            [
                "demo.actions(2,20): error GFS0100: Syntax error: unexpected 'P'; expected ':'",
                "demo.actions(10,1): error GFS0100: Syntax error: unexpected '}'; expected ')' or ','",
            ],
            result.Diagnostics.Select(d => d.ToString()));
        Assert.Equal(["fine"], result.File.Actions.Select(a => a.Name.Text));
        Assert.Equal(["thing"], result.File.Structs.Select(s => s.Name.Text));
        Assert.Equal(["demo"], result.File.Groups.Select(g => g.Text));
    }

    [Fact]
    public void Parse_CrLfLineEndings_GiveTheSameTextsAndLines()
    {
        ActionsParseResult lf = ActionsParser.Parse("demo.actions", Sample.Replace("\r\n", "\n"));
        ActionsParseResult crlf = ActionsParser.Parse("demo.actions", Sample.Replace("\r\n", "\n").Replace("\n", "\r\n"));

        Assert.Empty(crlf.Diagnostics);
        Assert.Equal(lf.File.Actions[0].Clauses.Select(c => c.Text), crlf.File.Actions[0].Clauses.Select(c => c.Text));
        Assert.Equal(lf.File.Actions[0].Clauses.Select(c => c.Keyword.Location.Line), crlf.File.Actions[0].Clauses.Select(c => c.Keyword.Location.Line));
    }

    [Fact]
    public void ParseAndBind_RandomlyDamagedTableFiles_NeverThrowAndReportLocatedDiagnostics()
    {
        var random = new System.Random(20261126);
        var files = ActionsTable.ReadFiles();
        const string alphabet = "(){}:,|#-> \n\tazAZ09_.";
        for (int round = 0; round < 120; round++)
        {
            var (path, text) = files[random.Next(files.Count)];
            var chars = new System.Text.StringBuilder(text);
            for (int edit = 0; edit < 3; edit++)
            {
                int at = random.Next(chars.Length);
                if (random.Next(2) == 0)
                {
                    chars.Remove(at, 1);
                }
                else
                {
                    chars.Insert(at, alphabet[random.Next(alphabet.Length)]);
                }
            }

            ActionsBindResult result = ActionsBinder.ParseAndBind([(path, chars.ToString())]);

            Assert.All(result.Diagnostics, d =>
            {
                Assert.Equal(path, d.Location.Path);
                Assert.True(d.Location.Line >= 1 && d.Location.Column >= 1, d.ToString());
            });
        }
    }
}

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
}

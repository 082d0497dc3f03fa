using System;
using System.Linq;
using Guestfs.Idl.Actions;

namespace Guestfs.Actions.Tests;

public class ActionsPrinterTests
{
    [Fact]
    public void Print_WholeTable_ReparsesToAnEqualModel()
    {
        ActionsSpec table = ActionsTable.Bound.Spec;
        var files = table.Groups
            .Select(g => (g.Path, PrintGroup: ActionsPrinter.PrintGroup(g.Name, table.Actions.Where(a => a.Group == g.Name))))
            .Append(("idl/actions/structs.actions", string.Join("\n", table.Structs.Select(ActionsPrinter.Print))))
            .ToList();

        ActionsBindResult reparsed = ActionsBinder.ParseAndBind(files);

        Assert.Empty(reparsed.Diagnostics.Select(d => d.ToString()));
        Assert.Equal(table.WithoutLocations(), reparsed.Spec.WithoutLocations());
    }

    [Fact]
    public void Print_Action_UsesTheCanonicalLayout()
    {
        ActionsSpec spec = Snippets.Bind("""
            group demo
            action set_thing(value: Int) -> err {
              visibility internal
              flags non-blocking, config-only
              added 1.0.0
              summary: Sets the thing
              description:
                | One.
                |
                | Two.
            }
            """);

        Assert.Equal(
            """
            action set_thing(value: Int) -> err {
              added 1.0.0
              flags config-only, non-blocking
              visibility internal
              summary: Sets the thing
              description:
                | One.
                |
                | Two.
            }

            """.Replace("\r\n", "\n"),
            ActionsPrinter.Print(spec.Actions[0]));
    }

    [Fact]
    public void Print_ActionWithManyOptionalArguments_WrapsThemAt100Columns()
    {
        ActionSpec addDrive = ActionsTable.Bound.Spec.FindAction("add_drive")!;

        string printed = ActionsPrinter.Print(addDrive);

        Assert.StartsWith(
            """
            action add_drive(filename: String) -> err {
              optargs (readonly: OBool, format: OString, iface: OString, name: OString, label: OString,
                       protocol: OString, server: OStringList, username: OString, secret: OString,
                       cachemode: OString, discard: OString, copyonread: OBool, blocksize: OInt)
              added 0.0.3
              flags runtime, non-blocking, once-had-no-optargs
              fish-alias add
            """.Replace("\r\n", "\n"),
            printed);
    }
}

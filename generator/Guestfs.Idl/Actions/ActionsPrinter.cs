using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace Guestfs.Idl.Actions;

/// <summary>
/// Writes actions and structs back in the table's canonical layout (the layout of <c>idl/actions</c>): one clause per
/// line in a fixed order, descriptions wrapped at 100 columns. Parsing the output gives back an equal model (apart
/// from locations), which the tests check for the whole table.
/// </summary>
public static class ActionsPrinter
{
    private const int WrapColumn = 100;

    /// <summary>Prints one group file: a <c>group</c> line and its actions.</summary>
    /// <param name="group">The group name.</param>
    /// <param name="actions">The actions, printed in the given order.</param>
    /// <returns>The file text, ending in a newline.</returns>
    public static string PrintGroup(string group, IEnumerable<ActionSpec> actions)
    {
        var builder = new StringBuilder();
        builder.Append("group ").Append(group).Append('\n');
        foreach (ActionSpec action in actions)
        {
            builder.Append('\n').Append(Print(action));
        }

        return builder.ToString();
    }

    /// <summary>Prints one action block.</summary>
    /// <param name="action">The action.</param>
    /// <returns>The block, ending in a newline.</returns>
    public static string Print(ActionSpec action)
    {
        var b = new StringBuilder();
        b.Append("action ").Append(action.Name).Append('(')
            .Append(string.Join(", ", action.Arguments.Select(a => a.Name + ": " + ActionsVocabulary.ToText(a.Kind) + (a.PointerType is null ? string.Empty : "(" + a.PointerType + ")") + (a.Range is null ? string.Empty : " " + a.Range))))
            .Append(") -> ").Append(action.Return).Append(" {\n");
        if (action.ProcedureNumber is int number)
        {
            Line(b, "proc " + number.ToString(CultureInfo.InvariantCulture));
        }

        if (action.OptionalArguments.Count > 0)
        {
            var line = new StringBuilder("  optargs (");
            for (int i = 0; i < action.OptionalArguments.Count; i++)
            {
                OptionalArgumentSpec o = action.OptionalArguments[i];
                string piece = o.Name + ": " + o.Kind + (o.Range is null ? string.Empty : " " + o.Range) + (i < action.OptionalArguments.Count - 1 ? ", " : ")");
                if (line.Length + piece.TrimEnd().Length > WrapColumn && i > 0)
                {
                    b.Append(line.ToString().TrimEnd()).Append('\n');
                    line.Clear().Append(' ', "  optargs (".Length);
                }

                line.Append(piece);
            }

            b.Append(line).Append('\n');
        }

        if (action.Added is not null)
        {
            Line(b, "added " + action.Added);
        }

        var flags = new List<string>();
        if (action.RuntimeImplemented) { flags.Add("runtime"); }
        if (action.Progress) { flags.Add("progress"); }
        if (action.Cancellable) { flags.Add("cancellable"); }
        if (action.ConfigOnly) { flags.Add("config-only"); }
        if (!action.Blocking) { flags.Add("non-blocking"); }
        if (action.OnceHadNoOptionalArguments) { flags.Add("once-had-no-optargs"); }
        if (action.ProtocolLimitWarning) { flags.Add("protocol-limit"); }
        if (action.Deprecated && action.DeprecatedBy is null) { flags.Add("deprecated"); }
        if (flags.Count > 0)
        {
            Line(b, "flags " + string.Join(", ", flags));
        }

        if (action.DeprecatedBy is not null)
        {
            Line(b, "deprecated-by " + action.DeprecatedBy);
        }

        if (action.OptionalGroup is not null)
        {
            Line(b, "optional-group " + action.OptionalGroup);
        }

        if (action.FishAliases.Count > 0)
        {
            Line(b, "fish-alias " + string.Join(", ", action.FishAliases));
        }

        if (action.FishOutput != FishOutputFormat.Default)
        {
            Line(b, "fish-output " + (action.FishOutput == FishOutputFormat.Hexadecimal ? "hex" : "octal"));
        }

        if (action.Visibility != ActionVisibility.Public)
        {
            Line(b, "visibility " + ActionsVocabulary.ToText(action.Visibility));
        }

        if (action.CSharpName != ActionsNaming.ToPascalCase(action.Name))
        {
            Line(b, "csharp-name " + action.CSharpName);
        }

        if (action.UnsupportedReason is not null)
        {
            Line(b, "unsupported: " + action.UnsupportedReason);
        }

        Line(b, "summary: " + action.Summary);
        Line(b, "description:");
        string[] paragraphs = action.Description.Split(new[] { "\n\n" }, System.StringSplitOptions.None);
        for (int i = 0; i < paragraphs.Length; i++)
        {
            if (i > 0)
            {
                b.Append("    |\n");
            }

            foreach (string line in Wrap(paragraphs[i].Replace('\n', ' ')))
            {
                b.Append("    | ").Append(line).Append('\n');
            }
        }

        b.Append("}\n");
        return b.ToString();
    }

    /// <summary>Prints one struct block.</summary>
    /// <param name="structure">The struct.</param>
    /// <returns>The block, ending in a newline.</returns>
    public static string Print(PublicStructSpec structure)
    {
        var b = new StringBuilder();
        b.Append("struct ").Append(structure.Name);
        if (structure.CSharpName != ActionsNaming.ToPascalCase(structure.Name))
        {
            b.Append(" as ").Append(structure.CSharpName);
        }

        b.Append(" {\n");
        foreach (PublicStructFieldSpec field in structure.Fields)
        {
            b.Append("  ").Append(field.Name).Append(": ").Append(field.Kind).Append('\n');
        }

        b.Append("}\n");
        return b.ToString();
    }

    private static void Line(StringBuilder builder, string text) => builder.Append("  ").Append(text).Append('\n');

    private static IEnumerable<string> Wrap(string paragraph)
    {
        int width = WrapColumn - "    | ".Length;
        var line = new StringBuilder();
        foreach (string word in paragraph.Split(new[] { ' ' }, System.StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.Length > 0 && line.Length + 1 + word.Length > width)
            {
                yield return line.ToString();
                line.Clear();
            }

            if (line.Length > 0)
            {
                line.Append(' ');
            }

            line.Append(word);
        }

        if (line.Length > 0)
        {
            yield return line.ToString();
        }
    }
}

using System.Collections.Generic;
using System.Linq;
using System.Text;
using Gfish.Commands;

namespace Gfish.Execution;

/// <summary>A command the shell implements itself.</summary>
/// <param name="Name">The name.</param>
/// <param name="Summary">The one-line summary.</param>
/// <param name="Synopsis">How it is called.</param>
/// <param name="Description">What it does.</param>
/// <param name="Aliases">Other names.</param>
internal sealed record LocalCommandInfo(string Name, string Summary, string Synopsis, string Description, IReadOnlyList<string> Aliases)
{
    /// <summary>Whether a typed name is this command (any case, dashes or underscores).</summary>
    /// <param name="typed">The typed name.</param>
    /// <returns>Whether it matches.</returns>
    public bool Matches(string typed) => Aliases.Prepend(Name).Any(n => CommandCatalog.NameMatches(typed, n));

    /// <summary>The help text, laid out as guestfish lays out help for its own commands.</summary>
    /// <returns>The text.</returns>
    public string HelpText()
    {
        var sb = new StringBuilder();
        sb.Append("NAME\n    ").Append(Name).Append(" - ").Append(Summary).Append("\n\nDESCRIPTION\n     ").Append(Synopsis).Append("\n\n");
        foreach (var line in Shell.Wrap(Description, 72))
        {
            sb.Append("    ").Append(line).Append('\n');
        }

        sb.Append('\n');
        foreach (var alias in Aliases)
        {
            sb.Append("    You can use '").Append(alias).Append("' as an alias for this command.\n\n");
        }

        return sb.ToString();
    }
}

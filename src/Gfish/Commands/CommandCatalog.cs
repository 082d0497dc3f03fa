using System;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.Linq;

namespace Gfish.Commands;

/// <summary>A catalog over a list of actions, with guestfish's name matching.</summary>
internal sealed class CommandCatalog : ICommandCatalog
{
    private readonly Dictionary<string, CommandInfo> _byName = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Creates the catalog.</summary>
    /// <param name="commands">The actions.</param>
    public CommandCatalog(IEnumerable<CommandInfo> commands)
    {
        Commands = commands.OrderBy(c => c.Name, StringComparer.Ordinal).ToArray();
        foreach (var command in Commands)
        {
            foreach (var name in command.Aliases.Prepend(command.Name))
            {
                // guestfish accepts each name spelled with underscores or with dashes, not a mixture.
                _byName.TryAdd(name.Replace('-', '_'), command);
                _byName.TryAdd(name.Replace('_', '-'), command);
            }
        }
    }

    /// <inheritdoc/>
    public IReadOnlyList<CommandInfo> Commands { get; }

    /// <inheritdoc/>
    public bool TryGetCommand(string name, [NotNullWhen(true)] out CommandInfo? command) =>
        _byName.TryGetValue(name, out command);

    /// <summary>Matches a typed name against a canonical name the way guestfish does.</summary>
    /// <param name="typed">The name as typed.</param>
    /// <param name="canonical">A name with underscores or dashes.</param>
    /// <returns>Whether they match.</returns>
    public static bool NameMatches(string typed, string canonical) =>
        string.Equals(typed, canonical.Replace('-', '_'), StringComparison.OrdinalIgnoreCase)
        || string.Equals(typed, canonical.Replace('_', '-'), StringComparison.OrdinalIgnoreCase);
}

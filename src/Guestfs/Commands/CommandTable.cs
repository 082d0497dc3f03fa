using System;
using System.Collections.Generic;
using System.Threading;

namespace Guestfs.Commands;

/// <summary>The lookup half of the command table; the entries (<see cref="All"/>) are generated from the actions table.</summary>
public static partial class CommandTable
{
    private static Dictionary<string, CommandInfo>? s_byName;

    /// <summary>Finds a command by name or alias; <c>-</c> and <c>_</c> are interchangeable.</summary>
    /// <param name="name">The name typed.</param>
    /// <returns>The command, or <see langword="null"/>.</returns>
    public static CommandInfo? Find(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        Dictionary<string, CommandInfo> index = LazyInitializer.EnsureInitialized(ref s_byName, BuildIndex);
        return index.TryGetValue(name.Replace('-', '_'), out CommandInfo? command) ? command : null;
    }

    private static Dictionary<string, CommandInfo> BuildIndex()
    {
        var index = new Dictionary<string, CommandInfo>(StringComparer.OrdinalIgnoreCase);
        foreach (CommandInfo command in All)
        {
            index[command.Name] = command;
        }

        foreach (CommandInfo command in All)
        {
            foreach (string alias in command.Aliases)
            {
                index.TryAdd(alias.Replace('-', '_'), command);
            }
        }

        return index;
    }
}

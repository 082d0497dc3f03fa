using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;

namespace Gfish.Commands;

/// <summary>The actions the shell can call: names, arguments, results and help.</summary>
internal interface ICommandCatalog
{
    /// <summary>Every action, in a stable order.</summary>
    IReadOnlyList<CommandInfo> Commands { get; }

    /// <summary>Finds an action by any name guestfish accepts: the name or an alias, with underscores or with dashes, any case.</summary>
    /// <param name="name">The name as typed.</param>
    /// <param name="command">The action found.</param>
    /// <returns>Whether one was found.</returns>
    bool TryGetCommand(string name, [NotNullWhen(true)] out CommandInfo? command);
}

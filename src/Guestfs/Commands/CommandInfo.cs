using System.Collections.Generic;

namespace Guestfs.Commands;

/// <summary>One command of the shell: an action of <see cref="GuestfsHandle"/>. The entries are generated (<see cref="CommandTable.All"/>).</summary>
/// <param name="Name">The action name, such as <c>mount_ro</c> (the shell also accepts <c>mount-ro</c>).</param>
/// <param name="MethodName">The <see cref="GuestfsHandle"/> method, such as <c>MountRoAsync</c>.</param>
/// <param name="Aliases">Other names of the command.</param>
/// <param name="Arguments">Required arguments in order, then optional ones.</param>
/// <param name="Returns">What it returns.</param>
/// <param name="Summary">One-line summary.</param>
/// <param name="Help">Full help text.</param>
/// <param name="IsDeprecated">Whether the action is deprecated.</param>
public sealed record CommandInfo(
    string Name,
    string MethodName,
    IReadOnlyList<string> Aliases,
    IReadOnlyList<CommandArgument> Arguments,
    CommandReturnKind Returns,
    string Summary,
    string Help,
    bool IsDeprecated)
{
    /// <summary>How an integer result is printed (the actions table's <c>fish-output</c>).</summary>
    public CommandNumberStyle NumberStyle { get; init; }

    /// <summary>Whether the action sends progress messages (its method takes an <see cref="System.IProgress{T}"/>).</summary>
    public bool ReportsProgress { get; init; }

    /// <summary>Calls the action's method on a handle.</summary>
    public required CommandInvoker InvokeAsync { get; init; }
}

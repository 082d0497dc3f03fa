using System.Linq;
using Guestfs.Idl.Common;

namespace Guestfs.Idl.Actions;

/// <summary>
/// Replaces every location in an <see cref="ActionsSpec"/> with <see cref="IdlLocation.None"/>, so that the model
/// of an unchanged table compares equal after lines move (comments, reordering inside a file). The generator keys
/// code emission on this location-free model and reports diagnostics from the located one.
/// </summary>
public static class ActionsLocationEraser
{
    /// <summary>Erases the locations.</summary>
    /// <param name="spec">The model.</param>
    /// <returns>The same model with every location set to <see cref="IdlLocation.None"/>.</returns>
    public static ActionsSpec Erase(ActionsSpec spec) => new(
        spec.Groups.Select(g => g with { Location = IdlLocation.None }).ToEquatableArray(),
        spec.Actions.Select(Erase).ToEquatableArray(),
        spec.Structs.Select(s => s with
        {
            Location = IdlLocation.None,
            Fields = s.Fields.Select(f => f with { Location = IdlLocation.None }).ToEquatableArray(),
        }).ToEquatableArray(),
        spec.UnusedProcedures.Select(u => u with { Location = IdlLocation.None }).ToEquatableArray());

    private static ActionSpec Erase(ActionSpec action) => action with
    {
        Location = IdlLocation.None,
        Arguments = action.Arguments.Select(a => a with { Location = IdlLocation.None }).ToEquatableArray(),
        OptionalArguments = action.OptionalArguments.Select(o => o with { Location = IdlLocation.None }).ToEquatableArray(),
    };
}

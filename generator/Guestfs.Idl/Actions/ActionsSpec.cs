using Guestfs.Idl.Common;

namespace Guestfs.Idl.Actions;

/// <summary>
/// The whole actions table, bound from every <c>.actions</c> file.
/// </summary>
/// <remarks>
/// This is a root model of the incremental generator pipeline and must stay equatable: it holds only strings,
/// numbers, enums, other such records and <see cref="EquatableArray{T}"/>, so that an unchanged table compares equal
/// and the generator's later stages are skipped. Never add symbols, syntax trees, locations of Roslyn or parser objects.
/// </remarks>
/// <param name="Groups">The groups, ordered by file path.</param>
/// <param name="Actions">Every action, in group order then declaration order.</param>
/// <param name="Structs">The public structs.</param>
/// <param name="UnusedProcedures">Procedures deliberately without an action.</param>
public sealed record ActionsSpec(
    EquatableArray<ActionGroupSpec> Groups,
    EquatableArray<ActionSpec> Actions,
    EquatableArray<PublicStructSpec> Structs,
    EquatableArray<UnusedProcedureSpec> UnusedProcedures)
{
    /// <summary>An empty table.</summary>
    public static ActionsSpec Empty { get; } = new(
        EquatableArray<ActionGroupSpec>.Empty, EquatableArray<ActionSpec>.Empty, EquatableArray<PublicStructSpec>.Empty, EquatableArray<UnusedProcedureSpec>.Empty);
}

using System.Linq;
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

    /// <summary>This model with every location erased (see <see cref="ActionsLocationEraser"/>).</summary>
    /// <returns>The location-free model.</returns>
    public ActionsSpec WithoutLocations() => ActionsLocationEraser.Erase(this);

    /// <summary>Finds an action by its libguestfs name.</summary>
    /// <param name="name">The name, e.g. <c>mount_ro</c>.</param>
    /// <returns>The action, or null.</returns>
    public ActionSpec? FindAction(string name) => Actions.FirstOrDefault(a => a.Name == name);

    /// <summary>Finds a public struct by its table name.</summary>
    /// <param name="name">The name, e.g. <c>lvm_pv</c>.</param>
    /// <returns>The struct, or null.</returns>
    public PublicStructSpec? FindStruct(string name) => Structs.FirstOrDefault(s => s.Name == name);
}

using Guestfs.Idl.Common;

namespace Guestfs.Idl.Actions;

/// <summary>One parsed <c>.actions</c> file.</summary>
/// <param name="Path">The path given to the parser.</param>
/// <param name="Groups">The <c>group</c> lines (exactly one is valid).</param>
/// <param name="Actions">The action blocks in order.</param>
/// <param name="Structs">The struct blocks in order.</param>
/// <param name="UnusedProcedures">The <c>unused-procedure</c> lines.</param>
public sealed record ActionsFileSyntax(
    string Path,
    EquatableArray<NameSyntax> Groups,
    EquatableArray<ActionSyntax> Actions,
    EquatableArray<StructSyntax> Structs,
    EquatableArray<UnusedProcedureSyntax> UnusedProcedures)
{
    /// <summary>An empty file, for when parsing failed.</summary>
    /// <param name="path">The path.</param>
    /// <returns>A file with nothing in it.</returns>
    public static ActionsFileSyntax Empty(string path) => new(
        path, EquatableArray<NameSyntax>.Empty, EquatableArray<ActionSyntax>.Empty, EquatableArray<StructSyntax>.Empty, EquatableArray<UnusedProcedureSyntax>.Empty);
}

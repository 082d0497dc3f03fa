using System.Linq;
using Guestfs.Idl.Common;

namespace Guestfs.Idl.Xdr;

/// <summary>
/// The bound model of one <c>.x</c> file: every definition with names resolved, values evaluated and types
/// expanded (see <see cref="XdrTypeSpec"/>). Built by <see cref="XdrBinder"/>; written back by <see cref="XdrPrinter"/>.
/// </summary>
/// <remarks>
/// The model is immutable and compares by value (lists are <see cref="EquatableArray{T}"/>) because the
/// incremental generator caches pipeline stages on equality: an equal model means nothing to re-emit. It holds
/// only strings, numbers, enums and other such records — never Roslyn or parser objects. Source positions are
/// part of equality; use <see cref="WithoutLocations"/> for a position-free key.
/// </remarks>
/// <param name="Path">The file path given to the parser.</param>
/// <param name="Constants">The <c>const</c> definitions in source order.</param>
/// <param name="Enums">The enums in source order.</param>
/// <param name="Typedefs">The typedefs in source order.</param>
/// <param name="Structs">The structures in source order.</param>
/// <param name="Unions">The unions in source order.</param>
/// <param name="Programs">The programs in source order.</param>
/// <param name="PassThrough">The top-level <c>%</c> lines in source order.</param>
/// <param name="Order">Every definition above in source order, for printing.</param>
public sealed record XdrSpec(
    string Path,
    EquatableArray<XdrConstantSpec> Constants,
    EquatableArray<XdrEnumSpec> Enums,
    EquatableArray<XdrTypedefSpec> Typedefs,
    EquatableArray<XdrStructSpec> Structs,
    EquatableArray<XdrUnionSpec> Unions,
    EquatableArray<XdrProgramSpec> Programs,
    EquatableArray<XdrPassThroughSpec> PassThrough,
    EquatableArray<XdrDefinitionRef> Order)
{
    /// <summary>Finds a constant by name.</summary>
    /// <param name="name">The constant's name.</param>
    /// <returns>The constant, or <see langword="null"/>.</returns>
    public XdrConstantSpec? FindConstant(string name) => Constants.FirstOrDefault(c => c.Name == name);

    /// <summary>Finds an enum by name.</summary>
    /// <param name="name">The enum's name.</param>
    /// <returns>The enum, or <see langword="null"/>.</returns>
    public XdrEnumSpec? FindEnum(string name) => Enums.FirstOrDefault(e => e.Name == name);

    /// <summary>Finds a typedef by name.</summary>
    /// <param name="name">The typedef's name.</param>
    /// <returns>The typedef, or <see langword="null"/>.</returns>
    public XdrTypedefSpec? FindTypedef(string name) => Typedefs.FirstOrDefault(t => t.Name == name);

    /// <summary>Finds a structure by name (case-sensitive).</summary>
    /// <param name="name">The structure's name.</param>
    /// <returns>The structure, or <see langword="null"/>.</returns>
    public XdrStructSpec? FindStruct(string name) => Structs.FirstOrDefault(s => s.Name == name);

    /// <summary>Finds a union by name.</summary>
    /// <param name="name">The union's name.</param>
    /// <returns>The union, or <see langword="null"/>.</returns>
    public XdrUnionSpec? FindUnion(string name) => Unions.FirstOrDefault(u => u.Name == name);

    /// <summary>
    /// A copy with every location replaced by <see cref="IdlLocation.None"/> and <see cref="Path"/> emptied, so
    /// that two models that differ only in layout (e.g. parse → print → parse) compare equal.
    /// </summary>
    /// <returns>The position-free copy.</returns>
    public XdrSpec WithoutLocations() => XdrLocationEraser.Erase(this);
}

using Guestfs.Idl.Common;

namespace Guestfs.Idl.Actions;

/// <summary>A struct block as written: <c>struct name [as CSharpName] { fields }</c>.</summary>
/// <param name="Name">The struct name.</param>
/// <param name="CSharpName">The <c>as</c> override, if any.</param>
/// <param name="Fields">The fields.</param>
/// <param name="Location">The whole block.</param>
public sealed record StructSyntax(NameSyntax Name, NameSyntax? CSharpName, EquatableArray<StructFieldSyntax> Fields, IdlLocation Location);

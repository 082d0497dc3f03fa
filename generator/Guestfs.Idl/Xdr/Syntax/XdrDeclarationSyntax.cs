using Guestfs.Idl.Common;

namespace Guestfs.Idl.Xdr;

/// <summary>
/// A declaration as written in a struct, union arm, union discriminant or typedef:
/// <c>type name</c>, <c>type name[size]</c>, <c>type name&lt;size&gt;</c>, <c>type name&lt;&gt;</c>,
/// <c>type *name</c> or <c>void</c>.
/// </summary>
/// <param name="Type">The type specifier.</param>
/// <param name="Declarator">Which of the forms it is.</param>
/// <param name="Name">The declared name; empty for <c>void</c>.</param>
/// <param name="Size">The size between the brackets; <see langword="null"/> for scalars, optional data, <c>void</c> and <c>&lt;&gt;</c>.</param>
/// <param name="NameLocation">Where the name is (the <c>void</c> keyword for a void declaration).</param>
/// <param name="Location">The whole declaration, without the closing <c>;</c>.</param>
public sealed record XdrDeclarationSyntax(
    XdrTypeSyntax Type,
    XdrDeclaratorKind Declarator,
    string Name,
    XdrValueSyntax? Size,
    IdlLocation NameLocation,
    IdlLocation Location);

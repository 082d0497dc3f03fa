using Guestfs.Idl.Common;

namespace Guestfs.Idl.Xdr;

/// <summary>A type specifier as written, e.g. <c>unsigned hyper</c>, <c>struct foo</c> or <c>foo</c>.</summary>
/// <param name="Kind">Which keyword form it is.</param>
/// <param name="Name">The referenced name for <see cref="XdrTypeSyntaxKind.Named"/>, <see cref="XdrTypeSyntaxKind.Struct"/>, <see cref="XdrTypeSyntaxKind.Enum"/> and <see cref="XdrTypeSyntaxKind.Union"/>; otherwise <see langword="null"/>.</param>
/// <param name="Spelling">The words as written, separated by one space (<c>unsigned</c>, <c>unsigned int</c>, <c>struct foo</c>).</param>
/// <param name="Location">Where the specifier is.</param>
public sealed record XdrTypeSyntax(XdrTypeSyntaxKind Kind, string? Name, string Spelling, IdlLocation Location);

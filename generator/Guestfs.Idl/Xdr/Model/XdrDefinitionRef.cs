namespace Guestfs.Idl.Xdr;

/// <summary>One entry of <see cref="XdrSpec.Order"/>: the definition at <paramref name="Index"/> of the list named by <paramref name="Kind"/>.</summary>
/// <param name="Kind">Which list.</param>
/// <param name="Index">The 0-based index in that list.</param>
public sealed record XdrDefinitionRef(XdrDefinitionKind Kind, int Index);

using Guestfs.Idl.Common;

namespace Guestfs.Idl.Xdr;

/// <summary><c>typedef declaration;</c> — the declared name becomes a type.</summary>
/// <param name="Declaration">The declaration; its name is the new type's name.</param>
/// <param name="Location">The whole definition.</param>
public sealed record XdrTypedefSyntax(XdrDeclarationSyntax Declaration, IdlLocation Location)
    : XdrDefinitionSyntax(Location);

using Guestfs.Idl.Common;

namespace Guestfs.Idl.Xdr;

/// <summary>A top-level definition of a <c>.x</c> file.</summary>
/// <param name="Location">The whole definition, from its first keyword to its closing <c>;</c>.</param>
public abstract record XdrDefinitionSyntax(IdlLocation Location);

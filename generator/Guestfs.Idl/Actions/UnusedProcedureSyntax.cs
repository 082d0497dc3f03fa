using Guestfs.Idl.Common;

namespace Guestfs.Idl.Actions;

/// <summary>An <c>unused-procedure NAME NUMBER</c> line.</summary>
/// <param name="Name">Procedure name.</param>
/// <param name="Number">Number as written.</param>
/// <param name="Location">The whole line.</param>
public sealed record UnusedProcedureSyntax(NameSyntax Name, NameSyntax Number, IdlLocation Location);

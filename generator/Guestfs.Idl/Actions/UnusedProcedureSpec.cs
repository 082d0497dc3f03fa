using Guestfs.Idl.Common;

namespace Guestfs.Idl.Actions;

/// <summary>A procedure of the protocol deliberately left without an action (<c>unused-procedure NAME NUMBER</c>).</summary>
/// <param name="Name">Procedure name in lower case without prefix.</param>
/// <param name="Number">Its number.</param>
/// <param name="Location">Where it is declared.</param>
public sealed record UnusedProcedureSpec(string Name, int Number, IdlLocation Location);

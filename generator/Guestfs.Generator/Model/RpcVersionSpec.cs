using Guestfs.Idl.Common;

namespace Guestfs.Generator.Model;

/// <summary>
/// One <c>version</c> of an rpcgen <c>program</c>: a procedure enum, a client interface with one async method per
/// procedure, and its implementation over <c>Guestfs.Xdr.IRpcTransport</c>.
/// </summary>
/// <param name="ProgramWireName">The program's name in the <c>.x</c>.</param>
/// <param name="ProgramNumber">The program number.</param>
/// <param name="WireName">The version's name in the <c>.x</c>.</param>
/// <param name="Name">The C# stem: <c>&lt;Name&gt;Procedure</c>, <c>I&lt;Name&gt;Client</c>, <c>&lt;Name&gt;Client</c>.</param>
/// <param name="Number">The version number.</param>
/// <param name="Procedures">Its procedures in source order.</param>
internal sealed record RpcVersionSpec(string ProgramWireName, uint ProgramNumber, string WireName, string Name, uint Number, EquatableArray<RpcProcedureSpec> Procedures);

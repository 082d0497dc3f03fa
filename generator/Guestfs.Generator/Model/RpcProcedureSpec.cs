using Guestfs.Idl.Common;

namespace Guestfs.Generator.Model;

/// <summary>A remote procedure of an <see cref="RpcVersionSpec"/>.</summary>
/// <param name="WireName">Its name in the <c>.x</c>.</param>
/// <param name="Name">The procedure enum member; the client method is this name and <c>Async</c>.</param>
/// <param name="Number">The procedure number.</param>
/// <param name="Arguments">The argument types in order; empty for <c>void</c>.</param>
/// <param name="Result">The result type, or <see langword="null"/> for <c>void</c>.</param>
internal sealed record RpcProcedureSpec(string WireName, string Name, uint Number, EquatableArray<XdrShapeSpec> Arguments, XdrShapeSpec? Result);

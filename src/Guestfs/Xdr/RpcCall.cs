namespace Guestfs.Xdr;

/// <summary>Which remote procedure an <see cref="IRpcTransport"/> call is for.</summary>
/// <param name="Program">The program number.</param>
/// <param name="Version">The version number.</param>
/// <param name="Procedure">The procedure number.</param>
/// <param name="Name">The procedure's name in the <c>.x</c> file, for logs and errors.</param>
public readonly record struct RpcCall(uint Program, uint Version, uint Procedure, string Name);

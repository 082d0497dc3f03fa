using System;
using System.Threading;
using System.Threading.Tasks;

namespace Guestfs.Xdr;

/// <summary>
/// How the clients <c>guestfs-gen xdr</c> generates for an rpcgen <c>program</c> reach a server: one call, bytes in,
/// bytes out. The generated client encodes the procedure's arguments as XDR and decodes the result; the transport
/// owns everything in between (the ONC RPC call and reply headers of RFC 5531, credentials, record marking, the
/// socket, retries) and reports a rejected or failed call by throwing.
/// </summary>
/// <remarks>
/// An implementation must not keep <c>arguments</c> after the returned task completes, and must return the
/// procedure's result body alone (what follows an accepted reply's <c>SUCCESS</c> status), all of it: the client
/// rejects trailing bytes. A test can implement it in memory with the server's decoder and encoder.
/// </remarks>
public interface IRpcTransport
{
    /// <summary>Calls one remote procedure.</summary>
    /// <param name="call">The program, version and procedure being called.</param>
    /// <param name="arguments">The XDR-encoded arguments (empty for <c>void</c>).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The XDR-encoded result (empty for <c>void</c>).</returns>
    ValueTask<ReadOnlyMemory<byte>> CallAsync(RpcCall call, ReadOnlyMemory<byte> arguments, CancellationToken cancellationToken);
}

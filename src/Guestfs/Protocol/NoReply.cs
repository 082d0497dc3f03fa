using Guestfs.Xdr;

namespace Guestfs.Protocol;

/// <summary>The empty return of procedures that have no <c>_ret</c> structure.</summary>
internal readonly struct NoReply : IXdrDecodable<NoReply>
{
    /// <inheritdoc />
    public static NoReply Decode(ref XdrReader reader) => default;
}

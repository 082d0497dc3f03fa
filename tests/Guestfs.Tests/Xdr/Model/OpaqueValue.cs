using Guestfs.Xdr;

namespace Guestfs.Tests.Xdr.Model;

/// <summary>A lone <c>opaque&lt;&gt;</c>, for tests that need only its encoding.</summary>
internal sealed class OpaqueValue(byte[] data) : IXdrEncodable
{
    public void Encode(ref XdrWriter writer) => writer.WriteOpaque(data);
}

// Lets the tests call generated Encode/Decode (which take ref structs) through reflection.
#nullable enable
using Guestfs.Xdr;

namespace Guestfs
{
    /// <summary>Encode/decode entry points for tests.</summary>
    public static class XdrTestHooks
    {
        public static byte[] Encode(IXdrEncodable value)
        {
            using var buffer = new PooledBufferWriter();
            var writer = new XdrWriter(buffer);
            value.Encode(ref writer);
            return buffer.WrittenSpan.ToArray();
        }

        public static T Decode<T>(byte[] bytes)
            where T : IXdrDecodable<T>
        {
            var reader = new XdrReader(bytes);
            T value = T.Decode(ref reader);
            reader.ExpectEnd();
            return value;
        }
    }
}

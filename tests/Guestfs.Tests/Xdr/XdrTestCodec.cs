using Guestfs.Xdr;

namespace Guestfs.Tests.Xdr;

/// <summary>Whole-buffer encode and decode for tests.</summary>
internal static class XdrTestCodec
{
    public static byte[] Encode<T>(T value)
        where T : IXdrEncodable
    {
        using var buffer = new PooledBufferWriter(256);
        var writer = new XdrWriter(buffer);
        value.Encode(ref writer);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Decodes one value and requires that it uses every byte.</summary>
    public static T Decode<T>(byte[] data)
        where T : IXdrDecodable<T>
    {
        var reader = new XdrReader(data);
        T value = T.Decode(ref reader);
        reader.ExpectEnd();
        return value;
    }
}

using System;
using Guestfs.Xdr;

namespace Guestfs.Tests.Xdr;

public class XdrPrimitiveTests
{
    [Fact]
    public void WriteString_OddLength_PadsWithZeros()
    {
        using var buffer = new PooledBufferWriter();
        var writer = new XdrWriter(buffer);
        writer.WriteString("abcde");
        Assert.Equal(new byte[] { 0, 0, 0, 5, (byte)'a', (byte)'b', (byte)'c', (byte)'d', (byte)'e', 0, 0, 0 }, buffer.WrittenSpan.ToArray());
    }

    [Fact]
    public void ReadString_NonZeroPadding_ThrowsXdrException()
    {
        byte[] data = { 0, 0, 0, 1, (byte)'a', 0, 1, 0 };
        var ex = Assert.Throws<XdrException>(() =>
        {
            var reader = new XdrReader(data);
            reader.ReadString();
        });
        Assert.Contains("padding", ex.Message, StringComparison.Ordinal);
    }
}

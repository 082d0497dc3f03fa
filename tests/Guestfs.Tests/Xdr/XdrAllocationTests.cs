using System;
using Guestfs.Xdr;

namespace Guestfs.Tests.Xdr;

/// <summary>The hot path allocates nothing per primitive: reads from a span and writes into a pre-sized buffer.</summary>
public class XdrAllocationTests
{
    private const int Iterations = 10_000;

    // Far below one allocation per primitive (each loop runs ~150,000 primitives; one object is >= 24 bytes).
    private const long Budget = 256;

    private static readonly byte[] s_payload = [1, 2, 3, 4, 5, 6, 7];

    [Fact]
    public void WritePrimitives_IntoPreSizedBuffer_AllocateNothingPerWrite()
    {
        using var buffer = new PooledBufferWriter(1024);
        WriteRound(buffer);
        WriteRound(buffer);

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < Iterations; i++)
        {
            WriteRound(buffer);
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.True(allocated < Budget, $"{Iterations} rounds of writes allocated {allocated} bytes");
    }

    [Fact]
    public void ReadPrimitives_FromEncodedSpan_AllocateNothingPerRead()
    {
        using var buffer = new PooledBufferWriter(1024);
        WriteRound(buffer);
        byte[] encoded = buffer.WrittenSpan.ToArray();
        long checksum = ReadRound(encoded);

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < Iterations; i++)
        {
            checksum += ReadRound(encoded);
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.True(allocated < Budget, $"{Iterations} rounds of reads allocated {allocated} bytes");
        Assert.NotEqual(0, checksum);
    }

    private static void WriteRound(PooledBufferWriter buffer)
    {
        buffer.Reset();
        var writer = new XdrWriter(buffer);
        writer.WriteInt32(-5);
        writer.WriteUInt32(7);
        writer.WriteInt64(long.MinValue);
        writer.WriteUInt64(ulong.MaxValue);
        writer.WriteBool(true);
        writer.WriteSingle(1.5f);
        writer.WriteDouble(-2.25);
        writer.WriteOptionalPresent(false);
        writer.WriteFixedOpaque(s_payload, s_payload.Length);
        writer.WriteOpaque(s_payload, 16);
        writer.WriteString("/dev/sda1", 4096);
        writer.WriteArrayLength(2, 10);
        writer.WriteInt32(1);
        writer.WriteInt32(2);
        writer.WriteInt32(3); // union discriminant
    }

    private static long ReadRound(ReadOnlySpan<byte> encoded)
    {
        var reader = new XdrReader(encoded);
        long sum = reader.ReadInt32();
        sum += reader.ReadUInt32();
        sum ^= reader.ReadInt64();
        sum ^= (long)reader.ReadUInt64();
        sum += reader.ReadBool() ? 1 : 0;
        sum += (long)reader.ReadSingle();
        sum += (long)reader.ReadDouble();
        sum += reader.ReadOptionalPresent() ? 1 : 0;
        sum += reader.ReadFixedOpaqueSpan(s_payload.Length)[0];
        sum += reader.ReadOpaqueSpan(16).Length;
        sum += reader.ReadOpaqueSpan(4096).Length; // the string's UTF-8 bytes, without making a string
        int count = reader.ReadArrayLength(10, 4);
        for (int i = 0; i < count; i++)
        {
            sum += reader.ReadInt32();
        }

        sum += reader.ReadInt32();
        reader.ExpectEnd();
        return sum;
    }
}

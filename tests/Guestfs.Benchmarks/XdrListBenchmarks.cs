using System;
using BenchmarkDotNet.Attributes;
using Guestfs.Xdr;

namespace Guestfs.Benchmarks;

/// <summary>Encode and decode of a 10,000-entry list of a 13-field structure.</summary>
[MemoryDiagnoser]
public class XdrListBenchmarks
{
    private const int Count = 10_000;

    private StatEntryList _list = new();
    private byte[] _encoded = Array.Empty<byte>();
    private PooledBufferWriter _buffer = new();

    /// <summary>Builds the list (deterministic values) and its encoding, and a buffer large enough for it.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        var entries = new StatEntry[Count];
        for (int i = 0; i < Count; i++)
        {
            byte[] digest = new byte[1 + random.Next(32)];
            random.NextBytes(digest);
            entries[i] = new StatEntry
            {
                Name = $"file-{i:D5}.{(i % 3 == 0 ? "txt" : "dat")}",
                Target = i % 10 == 0 ? $"/usr/share/target/{i}" : string.Empty,
                Ino = 1_000_000 + i,
                Size = random.NextInt64(0, 1L << 40),
                Mode = 0x81A4,
                Uid = 1000,
                Gid = -1,
                Nlink = 1,
                Atime = 1_700_000_000 + i,
                Mtime = 1_700_000_000 - i,
                Ctime = 1_700_000_000,
                Blocks = random.NextInt64(0, 1 << 20),
                Digest = digest,
            };
        }

        _list = new StatEntryList { Entries = entries };
        _buffer = new PooledBufferWriter(64);
        var writer = new XdrWriter(_buffer);
        _list.Encode(ref writer);
        _encoded = _buffer.WrittenSpan.ToArray();
        _buffer.Reset();
    }

    /// <summary>Returns the pooled buffer.</summary>
    [GlobalCleanup]
    public void Cleanup() => _buffer.Dispose();

    /// <summary>Encodes the list into a reused pooled buffer.</summary>
    /// <returns>The number of bytes written.</returns>
    [Benchmark]
    public int Encode()
    {
        _buffer.Reset();
        var writer = new XdrWriter(_buffer);
        _list.Encode(ref writer);
        return _buffer.WrittenCount;
    }

    /// <summary>Decodes the list from its encoding.</summary>
    /// <returns>The decoded list.</returns>
    [Benchmark]
    public StatEntryList Decode()
    {
        var reader = new XdrReader(_encoded);
        StatEntryList list = StatEntryList.Decode(ref reader);
        reader.ExpectEnd();
        return list;
    }
}

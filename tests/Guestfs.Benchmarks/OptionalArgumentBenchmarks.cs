using BenchmarkDotNet.Attributes;
using Guestfs.Protocol;
using Guestfs.Xdr;

namespace Guestfs.Benchmarks;

/// <summary>
/// Optional-argument marshalling as the generated <c>MkfsAsync</c> does it: the options record becomes the
/// <c>_args</c> structure (unset options as zeros) and the optargs bitmask, and the structure is XDR-encoded.
/// </summary>
[MemoryDiagnoser]
public class OptionalArgumentBenchmarks
{
    private static readonly MkfsOptions s_some = new() { Label = "data" };
    private static readonly MkfsOptions s_all = new() { Blocksize = 4096, Features = "^has_journal", Inode = 256, Sectorsize = 512, Label = "data" };
    private readonly PooledBufferWriter _buffer = new(1024);

    /// <summary>No options record at all.</summary>
    /// <returns>Bitmask and encoded length, so nothing is optimised away.</returns>
    [Benchmark(Baseline = true)]
    public ulong NoOptions() => Marshal(null);

    /// <summary>One option of five set.</summary>
    /// <returns>Bitmask and encoded length.</returns>
    [Benchmark]
    public ulong OneOption() => Marshal(s_some);

    /// <summary>All five options set.</summary>
    /// <returns>Bitmask and encoded length.</returns>
    [Benchmark]
    public ulong AllOptions() => Marshal(s_all);

    private ulong Marshal(MkfsOptions? options)
    {
        // The same expressions as the generated MkfsAsync.
        var args = new MkfsArgs("ext4", "/dev/sda1", options?.Blocksize ?? 0, options?.Features ?? string.Empty, options?.Inode ?? 0, options?.Sectorsize ?? 0, options?.Label ?? string.Empty);
        ulong bitmask = options?.GetOptargsBitmask() ?? 0;
        _buffer.Reset();
        var writer = new XdrWriter(_buffer);
        args.Encode(ref writer);
        return bitmask ^ ((ulong)_buffer.WrittenCount << 32);
    }
}

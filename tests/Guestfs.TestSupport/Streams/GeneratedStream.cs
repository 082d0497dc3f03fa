using System;
using System.Security.Cryptography;
using System.Threading;
using System.Threading.Tasks;

namespace Guestfs.TestSupport;

/// <summary>
/// <paramref name="length"/> deterministic pseudo-random bytes (xorshift from <paramref name="seed"/>), hashed as they
/// are handed out, never held in memory; <paramref name="seekable"/> only says whether <see cref="Length"/> is known.
/// </summary>
internal sealed class GeneratedStream(long length, int seed, bool seekable = true) : SourceStream
{
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private ulong _state = (ulong)seed * 0x9E3779B97F4A7C15UL + 1;

    public override bool CanSeek => seekable;

    public override long Length => seekable ? length : throw new NotSupportedException();

    public string Sha256Hex() => Convert.ToHexString(_hash.GetHashAndReset()).ToLowerInvariant();

    protected override ValueTask<int> ReadCoreAsync(Memory<byte> buffer, CancellationToken cancellationToken)
    {
        Span<byte> span = buffer.Span;
        int n = (int)Math.Min(span.Length, length - Position);
        for (int i = 0; i < n; i++)
        {
            _state ^= _state << 13;
            _state ^= _state >> 7;
            _state ^= _state << 17;
            span[i] = (byte)_state;
        }

        _hash.AppendData(span[..n]);
        return ValueTask.FromResult(n);
    }
}

/// <summary>A sink that hashes what it receives, optionally slowly (<paramref name="delayPerWrite"/>).</summary>
internal sealed class HashingStream(TimeSpan delayPerWrite = default) : SinkStream
{
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

    public string Sha256Hex() => Convert.ToHexString(_hash.GetHashAndReset()).ToLowerInvariant();

    protected override async ValueTask WriteCoreAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken)
    {
        if (delayPerWrite > TimeSpan.Zero)
        {
            await Task.Delay(delayPerWrite, cancellationToken);
        }

        _hash.AppendData(buffer.Span);
    }
}

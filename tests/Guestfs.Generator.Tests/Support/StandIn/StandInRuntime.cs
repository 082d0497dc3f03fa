// A stand-in for the runtime side of the generated-code contract (docs/architecture.md), compiled in memory
// together with the generated sources and src/Guestfs/Xdr by GeneratedCodeCompiler. It records every call
// instead of talking to a daemon, and answers with the bytes a test queued.
#nullable enable
using System;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.IO;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using Guestfs.Protocol;
using Guestfs.Xdr;

namespace Guestfs
{
    /// <summary>A progress message (stand-in).</summary>
    public readonly record struct GuestfsProgress(int Procedure, uint Serial, ulong Position, ulong Total);

    /// <summary>One recorded call.</summary>
    public sealed record RecordedCall(Procedure Procedure, byte[] Args, ulong OptargsBitmask, CallTransfer Transfer);

    /// <summary>The handle (stand-in): records calls, replies with queued bytes.</summary>
    public sealed partial class GuestfsHandle
    {
        private readonly Queue<byte[]> _replies = new();

        /// <summary>The calls made so far.</summary>
        public List<RecordedCall> Calls { get; } = new();

        /// <summary>Queues the XDR bytes of the next call's _ret structure.</summary>
        public void QueueReply(byte[] ret) => _replies.Enqueue(ret);

        internal Task CallAsync(Procedure procedure, IXdrEncodable? args, ulong optargsBitmask, CallTransfer transfer, CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            Calls.Add(new RecordedCall(procedure, Encode(args), optargsBitmask, transfer));
            if (transfer.Download is { } download)
            {
                download.Write(new byte[] { 1, 2, 3 });
            }

            return Task.CompletedTask;
        }

        internal Task<TRet> CallAsync<TRet>(Procedure procedure, IXdrEncodable? args, ulong optargsBitmask, CallTransfer transfer, CancellationToken cancellationToken)
            where TRet : IXdrDecodable<TRet>
        {
            cancellationToken.ThrowIfCancellationRequested();
            Calls.Add(new RecordedCall(procedure, Encode(args), optargsBitmask, transfer));
            var reader = new XdrReader(_replies.Dequeue());
            TRet ret = TRet.Decode(ref reader);
            reader.ExpectEnd();
            return Task.FromResult(ret);
        }

        private static byte[] Encode(IXdrEncodable? args)
        {
            if (args is null)
            {
                return Array.Empty<byte>();
            }

            using var buffer = new PooledBufferWriter();
            var writer = new XdrWriter(buffer);
            args.Encode(ref writer);
            return buffer.WrittenSpan.ToArray();
        }
    }

    /// <summary>Argument checks (stand-in with the runtime's signatures).</summary>
    internal static class ArgumentGuard
    {
        public static void ThrowIfNull([NotNull] object? value, [CallerArgumentExpression(nameof(value))] string? paramName = null)
        {
            if (value is null)
            {
                throw new ArgumentNullException(paramName);
            }
        }

        public static void ThrowIfContainsNul([NotNull] string? value, [CallerArgumentExpression(nameof(value))] string? paramName = null)
        {
            ThrowIfNull(value, paramName);
            if (value.Contains('\0'))
            {
                throw new ArgumentException("must not contain a NUL character", paramName);
            }
        }

        public static void ThrowIfInvalidPathname([NotNull] string? value, [CallerArgumentExpression(nameof(value))] string? paramName = null)
        {
            ThrowIfContainsNul(value, paramName);
            if (value.Length == 0 || value[0] != '/')
            {
                throw new ArgumentException("must be an absolute path", paramName);
            }
        }

        public static void ThrowIfInvalidDevice([NotNull] string? value, [CallerArgumentExpression(nameof(value))] string? paramName = null)
        {
            ThrowIfContainsNul(value, paramName);
            if (!value.StartsWith("/dev/", StringComparison.Ordinal))
            {
                throw new ArgumentException("must be a device name", paramName);
            }
        }

        public static void ThrowIfInvalidGuid([NotNull] string? value, [CallerArgumentExpression(nameof(value))] string? paramName = null)
        {
            ThrowIfContainsNul(value, paramName);
            if (!Guid.TryParse(value, out _))
            {
                throw new ArgumentException("parameter is not a valid GUID", paramName);
            }
        }

        public static void ThrowIfNegative(long value, [CallerArgumentExpression(nameof(value))] string? paramName = null) =>
            ThrowIfOutOfRange(value, 0, long.MaxValue, paramName);

        public static void ThrowIfLessThan(long value, long minimum, [CallerArgumentExpression(nameof(value))] string? paramName = null) =>
            ThrowIfOutOfRange(value, minimum, long.MaxValue, paramName);

        public static void ThrowIfGreaterThan(long value, long maximum, [CallerArgumentExpression(nameof(value))] string? paramName = null) =>
            ThrowIfOutOfRange(value, long.MinValue, maximum, paramName);

        public static void ThrowIfOutOfRange(long value, long minimum, long maximum, [CallerArgumentExpression(nameof(value))] string? paramName = null)
        {
            if (value < minimum || value > maximum)
            {
                throw new ArgumentOutOfRangeException(paramName, value, "out of range");
            }
        }

        public static void ThrowIfInvalidStringList([NotNull] IReadOnlyList<string>? value, [CallerArgumentExpression(nameof(value))] string? paramName = null)
        {
            ThrowIfNull(value, paramName);
            foreach (string? item in value)
            {
                ThrowIfContainsNul(item, paramName);
            }
        }
    }
}

namespace Guestfs.Protocol
{
    /// <summary>Transfer and trace data of a call (stand-in with the runtime's shape).</summary>
    public readonly record struct CallTransfer(
        Stream? Upload = null,
        Stream? Download = null,
        IProgress<GuestfsProgress>? Progress = null,
        string? ActionName = null,
        string? TraceArgs = null);
}

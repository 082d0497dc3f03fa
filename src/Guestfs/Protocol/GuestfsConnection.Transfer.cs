using System;
using System.Buffers;
using System.Buffers.Binary;
using System.IO;
using System.Runtime.ExceptionServices;
using System.Threading;
using System.Threading.Tasks;
using Guestfs.Diagnostics;
using Guestfs.Xdr;
using Microsoft.Extensions.Logging;

namespace Guestfs.Protocol;

/// <summary>
/// File transfer: the chunked upload (FileIn) and download (FileOut) that follow a call message or its reply, and
/// the cancel handshake of each direction.
/// </summary>
internal sealed partial class GuestfsConnection
{
    private const int ChunkPrefixSize = 12;
    private readonly byte[] _chunkBuffer = new byte[ChunkPrefixSize + ProtocolConstants.MaxChunkSize + 4];
    private readonly byte[] _flagBuffer = new byte[4];

    /// <summary>
    /// How many bytes of a cancelled download are read and discarded before the connection is given up: guestfsd
    /// stops after the chunk in flight, so only a daemon that ignores the cancel flag comes near this.
    /// </summary>
    public long DrainLimit { get; init; } = 64L * 1024 * 1024;

    /// <summary>Whether the daemon cancelled the upload of the call in progress (its error reply then follows at once).</summary>
    private bool _uploadCancelledByDaemon;

    private async ValueTask<ExceptionDispatchInfo?> SendFileAsync(Stream source, string actionName, CancellationToken cancellationToken)
    {
        _stage = ConnectionStage.SendingChunks;
        _uploadCancelledByDaemon = false;
        long total = 0;
        long chunks = 0;
        while (true)
        {
            if (await DaemonCancelledUploadAsync(cancellationToken).ConfigureAwait(false))
            {
                ProtocolLog.DaemonCancelledUpload(_log, actionName);
                await WriteCancelChunkAsync().ConfigureAwait(false);
                _uploadCancelledByDaemon = true;
                return null;
            }

            int count;
            try
            {
                cancellationToken.ThrowIfCancellationRequested();
                count = await ReadChunkFromSourceAsync(source, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not GuestfsException)
            {
                ProtocolLog.CancellingUpload(_log, actionName);
                await WriteCancelChunkAsync().ConfigureAwait(false);
                return e is OperationCanceledException && cancellationToken.IsCancellationRequested
                    ? ExceptionDispatchInfo.Capture(new OperationCanceledException(cancellationToken))
                    : ExceptionDispatchInfo.Capture(e);
            }

            await WriteChunkAsync(cancel: false, count, cancellationToken).ConfigureAwait(false);
            chunks++;
            total += count;
            if (count == 0)
            {
                ProtocolLog.TransferFinished(_log, actionName, total, chunks);
                return null;
            }
        }
    }

    private async ValueTask<int> ReadChunkFromSourceAsync(Stream source, CancellationToken cancellationToken)
    {
        Memory<byte> data = _chunkBuffer.AsMemory(ChunkPrefixSize, ProtocolConstants.MaxChunkSize);
        int filled = 0;
        while (filled < data.Length)
        {
            int n = await source.ReadAsync(data.Slice(filled), cancellationToken).ConfigureAwait(false);
            if (n == 0)
            {
                break;
            }

            filled += n;
        }

        return filled;
    }

    private async ValueTask WriteCancelChunkAsync()
    {
        using var grace = new CancellationTokenSource(CancelGracePeriod);
        await WriteChunkAsync(cancel: true, 0, grace.Token).ConfigureAwait(false);
    }

    private async ValueTask WriteChunkAsync(bool cancel, int count, CancellationToken cancellationToken)
    {
        int pad = (4 - (count & 3)) & 3;
        byte[] buffer = _chunkBuffer;
        BinaryPrimitives.WriteUInt32BigEndian(buffer, (uint)(8 + count + pad));
        BinaryPrimitives.WriteInt32BigEndian(buffer.AsSpan(4), cancel ? 1 : 0);
        BinaryPrimitives.WriteUInt32BigEndian(buffer.AsSpan(8), (uint)count);
        buffer.AsSpan(ChunkPrefixSize + count, pad).Clear();
        await WriteRawAsync(buffer.AsMemory(0, ChunkPrefixSize + count + pad), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Looks, without waiting for the daemon, at what it has sent while we upload: progress messages are
    /// dispatched; the cancel flag means the daemon aborted the upload. A read is kept outstanding.
    /// </summary>
    private async ValueTask<bool> DaemonCancelledUploadAsync(CancellationToken cancellationToken)
    {
        _ = StartFill();
        while (true)
        {
            if (_pendingFill is { IsCompleted: true })
            {
                await FillAsync(CancellationToken.None).ConfigureAwait(false);
                _ = StartFill();
            }

            if (_readEnd - _readPos < 4)
            {
                return false;
            }

            uint word = BinaryPrimitives.ReadUInt32BigEndian(_readBuffer.AsSpan(_readPos));
            if (word == ProtocolConstants.ProgressFlag)
            {
                try
                {
                    await EnsureBufferedAsync(4 + ProgressBodySize, cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    // The daemon stopped inside a progress message: the upload cannot be finished or cancelled cleanly.
                    MarkBroken("the upload was cancelled while the daemon was stalled in the middle of a progress message");
                    throw;
                }

                DispatchProgress(_readBuffer.AsSpan(_readPos + 4, ProgressBodySize));
                _readPos += 4 + ProgressBodySize;
                if (cancellationToken.IsCancellationRequested)
                {
                    return false;   // the caller cancels the upload by the protocol (a daemon's progress flood cannot delay it)
                }

                continue;
            }

            if (word == ProtocolConstants.CancelFlag)
            {
                _readPos += 4;
                return true;
            }

            throw ProtocolViolation(word == ProtocolConstants.LaunchFlag
                ? "the daemon sent the launch flag during an upload"
                : $"the daemon sent a message ({word} bytes) during an upload without cancelling it first");
        }
    }

    private async ValueTask ReceiveFileAsync(Stream destination, string actionName, CancellationToken cancellationToken, bool alreadyCancelled)
    {
        _stage = ConnectionStage.ReceivingChunks;
        ExceptionDispatchInfo? failure = null;
        CancellationTokenSource? grace = null;
        long total = 0;
        long chunks = 0;
        long drained = 0;
        try
        {
            if (alreadyCancelled)
            {
                failure = ExceptionDispatchInfo.Capture(new OperationCanceledException(cancellationToken));
                grace = await StartDrainAsync(actionName).ConfigureAwait(false);
            }

            while (true)
            {
                if (failure is null && cancellationToken.IsCancellationRequested)
                {
                    // Checked on every chunk: a daemon whose chunks are always ready never makes a wait observe the token.
                    failure = ExceptionDispatchInfo.Capture(new OperationCanceledException(cancellationToken));
                    grace = await StartDrainAsync(actionName).ConfigureAwait(false);
                }

                FrameKind kind;
                try
                {
                    kind = await ReadFrameAsync(failure is null ? cancellationToken : grace!.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (failure is null && cancellationToken.IsCancellationRequested && !IsBroken)
                {
                    failure = ExceptionDispatchInfo.Capture(new OperationCanceledException(cancellationToken));
                    grace = await StartDrainAsync(actionName).ConfigureAwait(false);
                    continue;
                }
                catch (OperationCanceledException) when (failure is not null && grace!.IsCancellationRequested)
                {
                    MarkBroken($"the daemon did not end the cancelled download of {actionName} within {CancelGracePeriod.TotalSeconds:0.###} s");
                    failure.Throw();
                    throw;
                }

                if (kind != FrameKind.Message)
                {
                    throw ProtocolViolation($"the daemon sent the {(kind == FrameKind.LaunchFlag ? "launch" : "cancel")} flag while sending file chunks");
                }

                int cancel;
                int count;
                try
                {
                    (cancel, count) = ParseChunk(FrameSpan);
                }
                catch
                {
                    ReleaseFrame();
                    throw;
                }

                if (cancel != 0)
                {
                    ReleaseFrame();
                    failure?.Throw();
                    throw new GuestfsException($"{actionName}: file receive cancelled by daemon", null, actionName);
                }

                if (count == 0)
                {
                    ReleaseFrame();
                    ProtocolLog.TransferFinished(_log, actionName, total, chunks);
                    failure?.Throw();
                    return;
                }

                if (failure is null)
                {
                    try
                    {
                        await destination.WriteAsync(FrameMemory.Slice(8, count), cancellationToken).ConfigureAwait(false);
                        total += count;
                        chunks++;
                    }
                    catch (Exception e)
                    {
                        failure = e is OperationCanceledException && cancellationToken.IsCancellationRequested
                            ? ExceptionDispatchInfo.Capture(new OperationCanceledException(cancellationToken))
                            : ExceptionDispatchInfo.Capture(e);
                        ReleaseFrame();
                        grace = await StartDrainAsync(actionName).ConfigureAwait(false);
                        continue;
                    }
                }
                else
                {
                    drained += count;
                    if (drained > DrainLimit)
                    {
                        ReleaseFrame();
                        MarkBroken($"the daemon kept sending after the download of {actionName} was cancelled ({drained} bytes discarded)");
                        failure.Throw();
                    }
                }

                ReleaseFrame();
            }
        }
        finally
        {
            grace?.Dispose();
        }
    }

    /// <summary>Sends the cancel flag of a download; the returned source bounds the drain that follows.</summary>
    private async ValueTask<CancellationTokenSource> StartDrainAsync(string actionName)
    {
        ProtocolLog.CancellingDownload(_log, actionName);
        _stage = ConnectionStage.DrainingChunks;
        var grace = new CancellationTokenSource(CancelGracePeriod);
        BinaryPrimitives.WriteUInt32BigEndian(_flagBuffer, ProtocolConstants.CancelFlag);
        try
        {
            await WriteRawAsync(_flagBuffer, grace.Token).ConfigureAwait(false);
        }
        catch
        {
            grace.Dispose();
            throw;
        }

        return grace;
    }

    private (int Cancel, int Count) ParseChunk(ReadOnlySpan<byte> frame)
    {
        try
        {
            var reader = new XdrReader(frame);
            int cancel = reader.ReadInt32();
            int count = reader.ReadOpaqueSpan(ProtocolConstants.MaxChunkSize).Length;
            reader.ExpectEnd();
            return (cancel, count);
        }
        catch (XdrException e)
        {
            throw ProtocolViolation($"malformed file chunk: {e.Message}");
        }
    }
}

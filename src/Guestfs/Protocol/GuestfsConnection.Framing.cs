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
/// Framing: the read buffer, the one receive path that classifies every 4-byte word from the daemon, and raw
/// writes. Reads are never cancelled, only the waits for them.
/// </summary>
internal sealed partial class GuestfsConnection
{
    private const int ReadBufferSize = 64 * 1024;
    private const int ProgressBodySize = 24;
    private readonly byte[] _readBuffer = new byte[ReadBufferSize];
    private int _readPos;
    private int _readEnd;
    private Task<int>? _pendingFill;
    private byte[]? _rentedFrame;
    private int _framePos;
    private int _frameLength;

    /// <summary>
    /// The single receive path: reads the next 4-byte word and classifies it. Progress messages are consumed
    /// and dispatched here, and the token is checked after each one; a message length above the maximum is
    /// rejected before anything else is read.
    /// For <see cref="FrameKind.Message"/> the body is the current frame until <see cref="ReleaseFrame"/>.
    /// </summary>
    private async ValueTask<FrameKind> ReadFrameAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            await EnsureBufferedAsync(4, cancellationToken).ConfigureAwait(false);
            uint word = BinaryPrimitives.ReadUInt32BigEndian(_readBuffer.AsSpan(_readPos));
            switch (word)
            {
                case ProtocolConstants.ProgressFlag:
                    await EnsureBufferedAsync(4 + ProgressBodySize, cancellationToken).ConfigureAwait(false);
                    DispatchProgress(_readBuffer.AsSpan(_readPos + 4, ProgressBodySize));
                    _readPos += 4 + ProgressBodySize;

                    // Reads that complete at once never wait on the token: a daemon sending progress without end
                    // would keep a cancelled caller here. Checked between messages, so the stream stays in step.
                    cancellationToken.ThrowIfCancellationRequested();
                    continue;
                case ProtocolConstants.LaunchFlag:
                    _readPos += 4;
                    return FrameKind.LaunchFlag;
                case ProtocolConstants.CancelFlag:
                    _readPos += 4;
                    return FrameKind.CancelFlag;
            }

            if (word > ProtocolConstants.MessageMax)
            {
                throw ProtocolViolation($"the daemon sent a message length of {word} bytes (0x{word:x8}), above the maximum of {ProtocolConstants.MessageMax}");
            }

            int length = (int)word;
            if (4 + length <= _readBuffer.Length)
            {
                // Whole message in the read buffer: nothing is consumed until it is all there, so a cancelled
                // wait leaves the stream position intact.
                await EnsureBufferedAsync(4 + length, cancellationToken).ConfigureAwait(false);
                _framePos = _readPos + 4;
                _frameLength = length;
                return FrameKind.Message;
            }

            // A large message: once it has started it is read to its end, or the connection is broken (a cancelled
            // wait in the middle would leave the stream out of step).
            _readPos += 4;
            byte[] rented = ArrayPool<byte>.Shared.Rent(length);
            try
            {
                int copied = 0;
                while (copied < length)
                {
                    if (_readEnd == _readPos)
                    {
                        try
                        {
                            await FillAsync(cancellationToken).ConfigureAwait(false);
                        }
                        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                        {
                            MarkBroken($"the wait was cancelled in the middle of a {length}-byte message from the daemon");
                            throw;
                        }
                    }

                    int n = Math.Min(length - copied, _readEnd - _readPos);
                    _readBuffer.AsSpan(_readPos, n).CopyTo(rented.AsSpan(copied));
                    _readPos += n;
                    copied += n;
                }
            }
            catch
            {
                ArrayPool<byte>.Shared.Return(rented);
                throw;
            }

            _rentedFrame = rented;
            _frameLength = length;
            return FrameKind.Message;
        }
    }

    private ReadOnlySpan<byte> FrameSpan => _rentedFrame is not null
        ? _rentedFrame.AsSpan(0, _frameLength)
        : _readBuffer.AsSpan(_framePos, _frameLength);

    private ReadOnlyMemory<byte> FrameMemory => _rentedFrame is not null
        ? _rentedFrame.AsMemory(0, _frameLength)
        : _readBuffer.AsMemory(_framePos, _frameLength);

    private void ReleaseFrame()
    {
        if (_rentedFrame is not null)
        {
            ArrayPool<byte>.Shared.Return(_rentedFrame);
            _rentedFrame = null;
        }
        else
        {
            _readPos = _framePos + _frameLength;
        }

        _frameLength = 0;
    }

    private void DispatchProgress(ReadOnlySpan<byte> body)
    {
        var reader = new XdrReader(body);
        Progress progress = Progress.Decode(ref reader);
        if (_callActive && progress.Serial == _currentSerial)
        {
            ProtocolLog.ProgressReceived(_log, progress.Serial, progress.Position, progress.Total);
            _onProgress?.Invoke(progress);
        }
        else
        {
            ProtocolLog.ProgressDropped(_log, progress.Serial);
        }
    }

    private async ValueTask EnsureBufferedAsync(int count, CancellationToken cancellationToken)
    {
        while (_readEnd - _readPos < count)
        {
            if (_pendingFill is null && _readBuffer.Length - _readPos < count)
            {
                Compact();
            }

            await FillAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private void Compact()
    {
        int buffered = _readEnd - _readPos;
        if (buffered > 0 && _readPos > 0)
        {
            Buffer.BlockCopy(_readBuffer, _readPos, _readBuffer, 0, buffered);
        }

        _readPos = 0;
        _readEnd = buffered;
    }

    private Task<int> StartFill()
    {
        if (_pendingFill is null)
        {
            if (_readPos == _readEnd)
            {
                _readPos = 0;
                _readEnd = 0;
            }
            else if (_readEnd == _readBuffer.Length)
            {
                Compact();
            }

            if (_readEnd == _readBuffer.Length)
            {
                // Buffer full of unconsumed data; the caller consumes before asking again.
                return Task.FromResult(0);
            }

            try
            {
                _pendingFill = _reader is not null
                    ? _reader.ReadAsync(_readBuffer.AsMemory(_readEnd))
                    : _stream.ReadAsync(_readBuffer.AsMemory(_readEnd), CancellationToken.None).AsTask();
            }
            catch (Exception e)
            {
                _pendingFill = Task.FromException<int>(e);
            }
        }

        return _pendingFill;
    }

    private async ValueTask FillAsync(CancellationToken cancellationToken)
    {
        Task<int> fill = StartFill();
        if (cancellationToken.CanBeCanceled && !fill.IsCompleted)
        {
            try
            {
                await fill.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                if (!fill.IsCompleted)
                {
                    throw; // the read stays pending; the buffer is untouched
                }

                // The read finished at the moment the wait was cancelled: its bytes are kept (dropping them would
                // put the stream out of step); the caller sees the cancellation at its next wait.
            }
            catch
            {
                // The read itself failed; handled below with its own exception.
            }
        }

        int n;
        try
        {
            n = await fill.ConfigureAwait(false);
        }
        catch (Exception e)
        {
            _pendingFill = null;
            throw ConnectionLost(e);
        }

        _pendingFill = null;
        if (n == 0)
        {
            throw ConnectionLost(null);
        }

        _readEnd += n;
        _bytesReceived += n;
    }

    /// <summary>
    /// Writes to the daemon. The token only bounds the wait for a write the daemon does not take: the write itself
    /// is never interrupted, and a cancelled wait breaks the connection (part of a message may have gone out).
    /// </summary>
    private async ValueTask WriteRawAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        try
        {
            ValueTask write = _reader is not null ? _reader.SendAsync(data) : _stream.WriteAsync(data, CancellationToken.None);
            if (write.IsCompleted || !cancellationToken.CanBeCanceled)
            {
                await write.ConfigureAwait(false);
            }
            else
            {
                Task pending = write.AsTask();
                try
                {
                    await pending.WaitAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    if (!pending.IsCompleted)
                    {
                        MarkBroken("the daemon stopped reading and the wait to send to it was cancelled");
                        _ = pending.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
                        throw;
                    }

                    // The write finished as the wait was cancelled: the bytes went out; its own outcome decides.
                    await pending.ConfigureAwait(false);
                }
            }

            _bytesSent += data.Length;
        }
        catch (Exception e) when (!(e is OperationCanceledException && cancellationToken.IsCancellationRequested && IsBroken))
        {
            throw ConnectionLost(e);
        }
    }
}

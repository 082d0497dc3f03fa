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
/// One connection to a daemon: owns the stream, the buffers, the serial counter and the current stage.
/// Every byte from the daemon goes through <see cref="ReadFrameAsync"/>, which classifies the 4-byte word
/// (length, launch flag, cancel flag, progress flag) before anything is decoded.
/// </summary>
/// <remarks>
/// <para>Reads from the stream are never cancelled: a read is started into the free end of the read buffer and
/// the caller's token only cancels the <em>wait</em> for it. A cancelled wait therefore leaves the buffer
/// consistent, which is what lets a cancelled download send the cancel flag and drain, and lets an upload keep
/// a read outstanding to notice the daemon's cancel flag and progress messages while it sends chunks.</para>
/// <para>Not thread-safe: the handle lets one call in at a time. <see cref="Abort"/> may be called from any thread.</para>
/// </remarks>
internal sealed class GuestfsConnection
{
    /// <summary>The first serial number of a connection (as libguestfs's handle uses).</summary>
    public const uint FirstSerial = 0x00123400;

    private const int ReadBufferSize = 64 * 1024;
    private const int ProgressBodySize = 24;
    private const int ChunkPrefixSize = 12;

    private readonly Stream _stream;
    private readonly ILogger _log;
    private readonly byte[] _readBuffer = new byte[ReadBufferSize];
    private readonly byte[] _chunkBuffer = new byte[ChunkPrefixSize + ProtocolConstants.MaxChunkSize + 4];
    private readonly PooledBufferWriter _writeBuffer = new(16 * 1024);
    private readonly byte[] _flagBuffer = new byte[4];
    private int _readPos;
    private int _readEnd;
    private Task<int>? _pendingFill;

    private byte[]? _rentedFrame;
    private int _framePos;
    private int _frameLength;

    private uint _nextSerial = FirstSerial;
    private volatile ConnectionStage _stage = ConnectionStage.Idle;
    private volatile string? _brokenReason;
    private string? _currentAction;
    private uint _currentSerial;
    private bool _callActive;
    private Action<Progress>? _onProgress;
    private long _bytesSent;
    private long _bytesReceived;

    /// <summary>Creates a connection over a stream connected to the daemon's channel.</summary>
    /// <param name="stream">The channel; the connection owns and disposes it.</param>
    /// <param name="protocolLogger">The <c>Guestfs.Protocol</c> logger.</param>
    public GuestfsConnection(Stream stream, ILogger protocolLogger)
    {
        _stream = stream;
        _log = protocolLogger;
    }

    /// <summary>
    /// How long the daemon gets to end a transfer we cancelled (the rest of a download, the error reply after a
    /// cancelled upload) before the connection is given up: a daemon that ignores the handshake cannot keep the
    /// caller waiting after its token has fired.
    /// </summary>
    public TimeSpan CancelGracePeriod { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How many bytes of a cancelled download are read and discarded before the connection is given up: guestfsd
    /// stops after the chunk in flight, so only a daemon that ignores the cancel flag comes near this.
    /// </summary>
    public long DrainLimit { get; init; } = 64L * 1024 * 1024;

    /// <summary>What the connection was doing last.</summary>
    public ConnectionStage Stage => _stage;

    /// <summary>Whether the connection can no longer be used.</summary>
    public bool IsBroken => _brokenReason is not null;

    /// <summary>Why the connection broke, or <see langword="null"/>.</summary>
    public string? BrokenReason => _brokenReason;

    /// <summary>The serial number the next call will use.</summary>
    public uint NextSerial => _nextSerial;

    /// <summary>Bytes written by the last (or current) call.</summary>
    public long BytesSent => _bytesSent;

    /// <summary>Bytes read by the last (or current) call.</summary>
    public long BytesReceived => _bytesReceived;

    /// <summary>Marks the connection unusable, keeping the first reason given.</summary>
    /// <param name="reason">Why.</param>
    public void MarkBroken(string reason)
    {
#pragma warning disable CS0420 // a volatile field passed by reference: Interlocked is the intent
        Interlocked.CompareExchange(ref _brokenReason, reason, null);
#pragma warning restore CS0420
    }

    /// <summary>Tears the connection down: marks it broken and closes the stream, failing any pending read.</summary>
    /// <param name="reason">Why.</param>
    public void Abort(string reason)
    {
        MarkBroken(reason);
        _stage = ConnectionStage.Closed;
        try
        {
            _stream.Dispose();
        }
        catch (Exception)
        {
            // Closing a broken stream may fail again; nothing to do.
        }

        Task<int>? pending = _pendingFill;
        pending?.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);

        // The write buffer is not returned to the pool here: a call may still be encoding into it on another thread.
    }

    /// <summary>Waits for the daemon's launch flag; progress messages before it are dropped.</summary>
    /// <param name="cancellationToken">Cancels (or times out) the wait; the connection is then broken.</param>
    /// <returns>A task that completes when the flag has arrived.</returns>
    public async Task ReadLaunchFlagAsync(CancellationToken cancellationToken)
    {
        _stage = ConnectionStage.WaitingForLaunchFlag;
        FrameKind kind;
        try
        {
            kind = await ReadFrameAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            MarkBroken("the launch was cancelled or timed out before the daemon was ready");
            throw;
        }

        if (kind == FrameKind.LaunchFlag)
        {
            _stage = ConnectionStage.Idle;
            ProtocolLog.LaunchFlagReceived(_log);
            return;
        }

        int length = kind == FrameKind.Message ? _frameLength : 4;
        if (kind == FrameKind.Message)
        {
            ReleaseFrame();
        }

        throw ProtocolViolation($"expected the launch flag from the daemon, but got {(kind == FrameKind.CancelFlag ? "the cancel flag" : $"a message of {length} bytes")}");
    }

    /// <summary>
    /// Runs one call: sends the call message, the FileIn chunks if any, reads the reply, then the FileOut
    /// chunks if any. Daemon errors throw <see cref="GuestfsException"/> and leave the connection usable;
    /// protocol and I/O failures throw the derived types and leave it broken (<see cref="IsBroken"/>).
    /// </summary>
    /// <typeparam name="TRet">The <c>_ret</c> structure, or <see cref="NoReply"/>.</typeparam>
    /// <param name="procedure">The procedure.</param>
    /// <param name="args">The <c>_args</c> structure, or <see langword="null"/>.</param>
    /// <param name="optargsBitmask">The optional-argument bitmask for the header.</param>
    /// <param name="upload">FileIn source, or <see langword="null"/>.</param>
    /// <param name="download">FileOut destination, or <see langword="null"/>.</param>
    /// <param name="actionName">The action name for errors and logs.</param>
    /// <param name="onProgress">Receives progress messages of this call.</param>
    /// <param name="cancellationToken">
    /// Cancels: during a transfer by the protocol's handshake (connection stays usable); otherwise the wait, and
    /// the connection is marked broken because the daemon cannot be interrupted.
    /// </param>
    /// <returns>The decoded reply.</returns>
    public async Task<TRet> ExecuteAsync<TRet>(
        Procedure procedure,
        IXdrEncodable? args,
        ulong optargsBitmask,
        Stream? upload,
        Stream? download,
        string actionName,
        Action<Progress>? onProgress,
        CancellationToken cancellationToken)
        where TRet : IXdrDecodable<TRet>
    {
        ThrowIfBroken(actionName);
        uint serial = _nextSerial++;
        _currentAction = actionName;
        _currentSerial = serial;
        _onProgress = onProgress;
        _callActive = true;
        _bytesSent = 0;
        _bytesReceived = 0;
        try
        {
            ulong progressHint = 0;
            if (upload is { CanSeek: true })
            {
                progressHint = (ulong)Math.Max(0, upload.Length - upload.Position);
            }

            _stage = ConnectionStage.SendingCall;
            int length = EncodeCall(procedure, serial, args, optargsBitmask, progressHint, actionName);
            await WriteRawAsync(_writeBuffer.WrittenMemory, cancellationToken).ConfigureAwait(false);
            ProtocolLog.CallSent(_log, actionName, serial, length);

            ExceptionDispatchInfo? localFailure = null;
            if (upload is not null)
            {
                localFailure = await SendFileAsync(upload, actionName, cancellationToken).ConfigureAwait(false);
            }

            _stage = ConnectionStage.ReadingReply;
            Reply<TRet> reply;
            bool downloadCancelled = false;
            if (localFailure is not null)
            {
                // We cancelled the upload: the daemon answers with an error we discard.
                reply = await ReadReplyAfterCancelAsync<TRet>(procedure, serial, actionName, localFailure).ConfigureAwait(false);
                localFailure.Throw();
            }

            try
            {
                reply = await ReadReplyAsync<TRet>(procedure, serial, actionName, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested && download is not null && !IsBroken)
            {
                // Cancelled before a download started: take the reply, then cancel the transfer by the protocol.
                downloadCancelled = true;
                reply = await ReadReplyAfterCancelAsync<TRet>(
                    procedure, serial, actionName, ExceptionDispatchInfo.Capture(new OperationCanceledException(cancellationToken))).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                MarkBroken($"the call {actionName} was cancelled while the daemon was working on it; the protocol cannot interrupt a call, so the appliance is killed");
                throw;
            }

            if (reply.Error is not null)
            {
                if (downloadCancelled)
                {
                    throw new OperationCanceledException(cancellationToken);
                }

                throw reply.Error;
            }

            if (download is not null)
            {
                await ReceiveFileAsync(download, actionName, cancellationToken, downloadCancelled).ConfigureAwait(false);
            }

            return reply.Value!;
        }
        finally
        {
            _callActive = false;
            _onProgress = null;
            if (!IsBroken)
            {
                _stage = ConnectionStage.Idle;
            }
        }
    }

    /// <summary>
    /// Reads the reply of a call whose transfer we cancelled. The caller's token has fired or no longer applies,
    /// so the wait is bounded by <see cref="CancelGracePeriod"/>; past it the connection is broken and
    /// <paramref name="onTimeout"/> is thrown.
    /// </summary>
    private async ValueTask<Reply<TRet>> ReadReplyAfterCancelAsync<TRet>(Procedure procedure, uint serial, string actionName, ExceptionDispatchInfo onTimeout)
        where TRet : IXdrDecodable<TRet>
    {
        using var grace = new CancellationTokenSource(CancelGracePeriod);
        try
        {
            return await ReadReplyAsync<TRet>(procedure, serial, actionName, grace.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (grace.IsCancellationRequested)
        {
            MarkBroken($"the daemon did not answer {actionName} within {CancelGracePeriod.TotalSeconds:0.###} s of the transfer being cancelled");
            onTimeout.Throw();
            throw;
        }
    }

    private int EncodeCall(Procedure procedure, uint serial, IXdrEncodable? args, ulong optargsBitmask, ulong progressHint, string actionName)
    {
        _writeBuffer.Reset();
        _writeBuffer.GetSpan(4);
        _writeBuffer.Advance(4);
        var writer = new XdrWriter(_writeBuffer);
        var header = new MessageHeader(
            ProtocolConstants.Program,
            (uint)ProtocolConstants.ProtocolVersion,
            procedure,
            MessageDirection.Call,
            serial,
            progressHint,
            optargsBitmask,
            MessageStatus.Ok);
        header.Encode(ref writer);
        args?.Encode(ref writer);
        int length = _writeBuffer.WrittenCount - 4;
        if (length > ProtocolConstants.MessageMax)
        {
            throw new GuestfsException(
                $"{actionName}: the call message would be {length} bytes, above the protocol maximum of {ProtocolConstants.MessageMax}; the arguments are too large",
                "E2BIG",
                actionName);
        }

        BinaryPrimitives.WriteUInt32BigEndian(_writeBuffer.GetWrittenSpan(0), (uint)length);
        return length;
    }

    private async ValueTask<ExceptionDispatchInfo?> SendFileAsync(Stream source, string actionName, CancellationToken cancellationToken)
    {
        _stage = ConnectionStage.SendingChunks;
        long total = 0;
        long chunks = 0;
        while (true)
        {
            if (await DaemonCancelledUploadAsync(cancellationToken).ConfigureAwait(false))
            {
                ProtocolLog.DaemonCancelledUpload(_log, actionName);
                await WriteCancelChunkAsync().ConfigureAwait(false);
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

    private async ValueTask<Reply<TRet>> ReadReplyAsync<TRet>(Procedure procedure, uint serial, string actionName, CancellationToken cancellationToken)
        where TRet : IXdrDecodable<TRet>
    {
        while (true)
        {
            FrameKind kind = await ReadFrameAsync(cancellationToken).ConfigureAwait(false);
            switch (kind)
            {
                case FrameKind.CancelFlag:
                    ProtocolLog.StrayCancelFlag(_log, actionName);
                    continue;
                case FrameKind.LaunchFlag:
                    throw ProtocolViolation($"the daemon sent the launch flag while {actionName} waited for its reply");
            }

            try
            {
                return DecodeReply<TRet>(FrameSpan, procedure, serial, actionName);
            }
            finally
            {
                ReleaseFrame();
            }
        }
    }

    private Reply<TRet> DecodeReply<TRet>(ReadOnlySpan<byte> frame, Procedure procedure, uint serial, string actionName)
        where TRet : IXdrDecodable<TRet>
    {
        MessageHeader header;
        var reader = new XdrReader(frame);
        try
        {
            header = MessageHeader.Decode(ref reader);
        }
        catch (XdrException e)
        {
            throw ProtocolViolation($"malformed reply header for {actionName}: {e.Message}");
        }

        ProtocolLog.ReplyReceived(_log, actionName, header.Serial, frame.Length, (int)header.Status);
        if (header.Prog != ProtocolConstants.Program)
        {
            throw ProtocolViolation($"reply for {actionName} has program 0x{header.Prog:x8}, expected 0x{ProtocolConstants.Program:x8}");
        }

        if (header.Vers != (uint)ProtocolConstants.ProtocolVersion)
        {
            throw ProtocolViolation($"reply for {actionName} has protocol version {header.Vers}, expected {ProtocolConstants.ProtocolVersion}");
        }

        if (header.Direction != MessageDirection.Reply)
        {
            throw ProtocolViolation($"reply for {actionName} has direction {(int)header.Direction}, expected REPLY (1)");
        }

        if (header.Proc != procedure)
        {
            throw ProtocolViolation($"reply for {actionName} is for procedure {(int)header.Proc}, expected {(int)procedure}");
        }

        if (header.Serial != serial)
        {
            throw ProtocolViolation($"reply for {actionName} has serial 0x{header.Serial:x}, expected 0x{serial:x}");
        }

        try
        {
            switch (header.Status)
            {
                case MessageStatus.Ok:
                    TRet value = TRet.Decode(ref reader);
                    reader.ExpectEnd();
                    return new Reply<TRet>(value, null);
                case MessageStatus.Error:
                    MessageError error = MessageError.Decode(ref reader);
                    return new Reply<TRet>(default, DaemonErrors.ToException(error, actionName));
                default:
                    throw ProtocolViolation($"reply for {actionName} has status {(int)header.Status}, expected OK (0) or ERROR (1)");
            }
        }
        catch (XdrException e)
        {
            throw ProtocolViolation($"malformed reply for {actionName}: {e.Message}");
        }
    }

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
                _pendingFill = _stream.ReadAsync(_readBuffer.AsMemory(_readEnd), CancellationToken.None).AsTask();
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
            ValueTask write = _stream.WriteAsync(data, CancellationToken.None);
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

    private void ThrowIfBroken(string actionName)
    {
        if (_brokenReason is { } reason)
        {
            throw new GuestfsConnectionException($"{actionName}: the connection to the appliance is closed ({reason})", actionName);
        }
    }

    private GuestfsProtocolException ProtocolViolation(string message)
    {
        MarkBroken("protocol violation: " + message);
        return new GuestfsProtocolException($"{_currentAction ?? "launch"}: protocol error: {message}", _currentAction);
    }

    private GuestfsConnectionException ConnectionLost(Exception? inner)
    {
        string stage = DescribeStage(_stage);
        string reason = _brokenReason ?? inner?.Message ?? "the daemon closed the connection";
        MarkBroken(reason);
        _stage = ConnectionStage.Closed;
        string action = _currentAction ?? "launch";
        return new GuestfsConnectionException(
            $"{action}: the connection to the appliance was lost while {stage}: {reason.TrimEnd('.')}. The handle is back in the CONFIG state; call LaunchAsync to start a new appliance.",
            _currentAction,
            inner);
    }

    private static string DescribeStage(ConnectionStage stage) => stage switch
    {
        ConnectionStage.WaitingForLaunchFlag => "waiting for the daemon to start",
        ConnectionStage.SendingCall => "sending the call",
        ConnectionStage.SendingChunks => "uploading the file",
        ConnectionStage.ReadingReply => "waiting for the reply",
        ConnectionStage.ReceivingChunks => "downloading the file",
        ConnectionStage.DrainingChunks => "draining a cancelled download",
        ConnectionStage.Closed => "closed",
        _ => "idle",
    };

    private readonly record struct Reply<TRet>(TRet? Value, GuestfsException? Error);
}

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
/// This part is the call (serial, header, reply and error decoding); framing and file transfer are in
/// <c>GuestfsConnection.Framing.cs</c> and <c>GuestfsConnection.Transfer.cs</c>.
/// </summary>
/// <remarks>
/// <para>Reads from the stream are never cancelled: a read is started into the free end of the read buffer and
/// the caller's token only cancels the <em>wait</em> for it. A cancelled wait therefore leaves the buffer
/// consistent, which is what lets a cancelled download send the cancel flag and drain, and lets an upload keep
/// a read outstanding to notice the daemon's cancel flag and progress messages while it sends chunks.</para>
/// <para>On a socket, reads are made by the connection's <see cref="ReaderThread"/>, which runs the code awaiting each
/// read as soon as the bytes are there: a reply costs one thread wake-up and no thread-pool work.</para>
/// <para>Calls are pipelined: the handle lets one caller at a time <em>send</em> (see <see cref="ExecuteAsync"/>'s
/// <c>onSent</c>), and each call then waits for its turn to read, in the order they were sent, which is the order
/// guestfsd answers in; the reply's serial is checked. A file transfer holds the channel: it waits for every earlier
/// reply before it sends. <see cref="Abort"/> may be called from any thread.</para>
/// </remarks>
internal sealed partial class GuestfsConnection
{
    /// <summary>The first serial number of a connection (as libguestfs's handle uses).</summary>
    public const uint FirstSerial = 0x00123400;

    private readonly Stream _stream;
    private readonly ReaderThread? _reader;
    private readonly ILogger _log;
    private readonly PooledBufferWriter _writeBuffer = new(16 * 1024);
    private uint _nextSerial = FirstSerial;
    private Task _replyTurn = Task.CompletedTask;
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
        _reader = ReaderThread.For(stream);
        _log = protocolLogger;
    }

    /// <summary>
    /// How long the daemon gets to end a transfer we cancelled (the rest of a download, the error reply after a
    /// cancelled upload) before the connection is given up: a daemon that ignores the handshake cannot keep the
    /// caller waiting after its token has fired.
    /// </summary>
    public TimeSpan CancelGracePeriod { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>What the connection was doing last.</summary>
    public ConnectionStage Stage => _stage;

    /// <summary>Whether the connection can no longer be used.</summary>
    public bool IsBroken => _brokenReason is not null;

    /// <summary>Why the connection broke, or <see langword="null"/>.</summary>
    public string? BrokenReason => _brokenReason;

    /// <summary>The serial number the next call will use.</summary>
    public uint NextSerial => _nextSerial;

    /// <summary>Whether a call sent on this connection still waits for its reply.</summary>
    public bool HasCallsInFlight => !_replyTurn.IsCompleted;

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
        _reader?.Close();
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
    /// Cancels: during a transfer by the protocol's handshake (connection stays usable); before a transfer's call
    /// is sent (while earlier replies are awaited) nothing is sent; otherwise the wait, and the connection is marked
    /// broken because the daemon cannot be interrupted.
    /// </param>
    /// <param name="onSent">
    /// Called once the call message of a call with no file transfer is sent, before its reply is awaited: the
    /// handle lets the next caller send then (pipelining). <see langword="null"/> keeps the caller exclusive.
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
        CancellationToken cancellationToken,
        Action? onSent = null)
        where TRet : IXdrDecodable<TRet>
    {
        ThrowIfBroken(actionName);
        bool transfer = upload is not null || download is not null;
        if (transfer && !_replyTurn.IsCompleted)
        {
            // A transfer holds the channel (an upload reads the daemon's flags while it sends): the calls sent before
            // it get their replies first. Nothing of this call is sent yet, so a cancelled wait harms nothing.
            await _replyTurn.WaitAsync(cancellationToken).ConfigureAwait(false);
            ThrowIfBroken(actionName);
        }

        uint serial = _nextSerial++;
        Task previous = _replyTurn;
        var turn = new TaskCompletionSource();
        _replyTurn = turn.Task;
        _bytesSent = 0;
        try
        {
            ulong progressHint = 0;
            if (upload is { CanSeek: true })
            {
                progressHint = (ulong)Math.Max(0, upload.Length - upload.Position);
            }

            if (previous.IsCompleted)
            {
                _currentAction = actionName;
                _stage = ConnectionStage.SendingCall;
            }

            int length = EncodeCall(procedure, serial, args, optargsBitmask, progressHint, actionName);
            await WriteRawAsync(_writeBuffer.WrittenMemory, cancellationToken).ConfigureAwait(false);
            ProtocolLog.CallSent(_log, actionName, serial, length);
            if (!transfer)
            {
                onSent?.Invoke();
            }

            if (!previous.IsCompleted)
            {
                try
                {
                    await previous.WaitAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    MarkBroken($"the call {actionName} was cancelled after it was sent, behind calls still in the daemon; the protocol cannot withdraw a call, so the appliance is killed");
                    throw;
                }

                ThrowIfBroken(actionName);
            }

            // This call's turn: every earlier reply has been read, so what comes next is this call's.
            _currentAction = actionName;
            _currentSerial = serial;
            _onProgress = onProgress;
            _callActive = true;
            _bytesReceived = 0;

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
                // After the daemon cancelled the upload its error reply is already on its way: it is read within the
                // grace period even if the caller cancels meanwhile, so both ends cancelling at once keeps the appliance.
                reply = upload is not null && _uploadCancelledByDaemon
                    ? await ReadReplyAfterCancelAsync<TRet>(procedure, serial, actionName, ExceptionDispatchInfo.Capture(new GuestfsConnectionException(
                        $"{actionName}: the daemon cancelled the upload but did not answer within {CancelGracePeriod.TotalSeconds:0.###} s", actionName))).ConfigureAwait(false)
                    : await ReadReplyAsync<TRet>(procedure, serial, actionName, cancellationToken).ConfigureAwait(false);
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
            if (!IsBroken && _replyTurn == turn.Task)
            {
                _stage = ConnectionStage.Idle;
            }

            turn.SetResult();
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

using Microsoft.Extensions.Logging;

namespace Guestfs.Diagnostics;

/// <summary>Log messages of the protocol engine (category <c>Guestfs.Protocol</c>).</summary>
internal static partial class ProtocolLog
{
    [LoggerMessage(101, LogLevel.Trace, "Sent call {Procedure} serial {Serial:x} ({Length} bytes).")]
    public static partial void CallSent(ILogger logger, string procedure, uint serial, int length);

    [LoggerMessage(102, LogLevel.Trace, "Received reply for {Procedure} serial {Serial:x} ({Length} bytes, status {Status}).")]
    public static partial void ReplyReceived(ILogger logger, string procedure, uint serial, int length, int status);

    [LoggerMessage(103, LogLevel.Trace, "Progress for serial {Serial:x}: {Position}/{Total}.")]
    public static partial void ProgressReceived(ILogger logger, uint serial, ulong position, ulong total);

    [LoggerMessage(104, LogLevel.Debug, "Dropped a progress message for serial {Serial:x} (no such call in flight).")]
    public static partial void ProgressDropped(ILogger logger, uint serial);

    [LoggerMessage(105, LogLevel.Debug, "The daemon cancelled the upload for {Procedure}.")]
    public static partial void DaemonCancelledUpload(ILogger logger, string procedure);

    [LoggerMessage(106, LogLevel.Debug, "Cancelling the upload for {Procedure}.")]
    public static partial void CancellingUpload(ILogger logger, string procedure);

    [LoggerMessage(107, LogLevel.Debug, "Cancelling the download for {Procedure}; draining chunks.")]
    public static partial void CancellingDownload(ILogger logger, string procedure);

    [LoggerMessage(108, LogLevel.Debug, "Skipped a stray cancel flag while waiting for the reply to {Procedure}.")]
    public static partial void StrayCancelFlag(ILogger logger, string procedure);

    [LoggerMessage(109, LogLevel.Trace, "Transfer for {Procedure} finished: {Bytes} bytes in {Chunks} chunks.")]
    public static partial void TransferFinished(ILogger logger, string procedure, long bytes, long chunks);

    [LoggerMessage(110, LogLevel.Debug, "Received the launch flag.")]
    public static partial void LaunchFlagReceived(ILogger logger);
}

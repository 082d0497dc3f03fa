using System;
using Microsoft.Extensions.Logging;

namespace Guestfs.Diagnostics;

/// <summary>Log messages of the handle and its connection (category <c>Guestfs.Connection</c>).</summary>
internal static partial class ConnectionLog
{
    [LoggerMessage(1, LogLevel.Debug, "Launching the appliance with backend {Backend}.")]
    public static partial void Launching(ILogger logger, string backend);

    [LoggerMessage(2, LogLevel.Information, "The appliance is ready after {ElapsedMs} ms (backend {Backend}).")]
    public static partial void Launched(ILogger logger, string backend, long elapsedMs);

    [LoggerMessage(3, LogLevel.Warning, "The launch failed.")]
    public static partial void LaunchFailed(ILogger logger, Exception exception);

    [LoggerMessage(4, LogLevel.Warning, "The connection broke while {Stage}: {Reason}")]
    public static partial void Broken(ILogger logger, string stage, string reason);

    [LoggerMessage(5, LogLevel.Debug, "Shutting down the appliance.")]
    public static partial void ShuttingDown(ILogger logger);

    [LoggerMessage(6, LogLevel.Debug, "The appliance was killed.")]
    public static partial void Killed(ILogger logger);

    [LoggerMessage(7, LogLevel.Debug, "State changed from {From} to {To}.")]
    public static partial void StateChanged(ILogger logger, GuestfsState from, GuestfsState to);

    [LoggerMessage(8, LogLevel.Warning, "An event callback threw for event {Event}.")]
    public static partial void CallbackFailed(ILogger logger, GuestfsEvents @event, Exception exception);

    [LoggerMessage(9, LogLevel.Warning, "{Message}")]
    public static partial void Warning(ILogger logger, string message);

    [LoggerMessage(10, LogLevel.Debug, "{Message}")]
    public static partial void LibraryDebug(ILogger logger, string message);
}

namespace Guestfs.Protocol;

/// <summary>The one place where the protocol's error structure becomes an exception.</summary>
internal static class DaemonErrors
{
    /// <summary>Maps a daemon error reply to a <see cref="GuestfsException"/>.</summary>
    /// <param name="error">The decoded <c>guestfs_message_error</c>.</param>
    /// <param name="actionName">The action that failed.</param>
    /// <returns>The exception: message <c>action: daemon message</c>, <c>Errno</c> the errno name or null.</returns>
    public static GuestfsException ToException(MessageError error, string actionName) =>
        new(Describe(actionName, error.ErrorMessage), error.ErrnoString, actionName);

    /// <summary>The exception message for a daemon error: <c>action: daemon message</c>, or a sentence when the daemon sent none.</summary>
    /// <param name="actionName">The action that failed.</param>
    /// <param name="daemonMessage">The daemon's message, possibly empty.</param>
    /// <returns>The message.</returns>
    public static string Describe(string actionName, string daemonMessage) =>
        $"{actionName}: {(daemonMessage.Length == 0 ? "the daemon reported an error without a message" : daemonMessage)}";
}

namespace Guestfs.Protocol;

/// <summary>The one place where the protocol's error structure becomes an exception.</summary>
internal static class DaemonErrors
{
    /// <summary>Maps a daemon error reply to a <see cref="GuestfsException"/>.</summary>
    /// <param name="error">The decoded <c>guestfs_message_error</c>.</param>
    /// <param name="actionName">The action that failed.</param>
    /// <returns>The exception: message <c>action: daemon message</c>, <c>Errno</c> the errno name or null.</returns>
    public static GuestfsException ToException(MessageError error, string actionName)
    {
        string message = error.ErrorMessage.Length == 0 ? "the daemon reported an error without a message" : error.ErrorMessage;
        return new GuestfsException($"{actionName}: {message}", error.ErrnoString, actionName);
    }
}

using System.Diagnostics;

namespace Guestfs.Diagnostics;

/// <summary>The <c>Guestfs</c> activity source: one client activity per call, named after the action.</summary>
internal static class GuestfsActivitySource
{
    /// <summary>The source's name.</summary>
    public const string Name = "Guestfs";

    /// <summary>Tag: the libguestfs action name.</summary>
    public const string ProcedureTag = "guestfs.procedure";

    /// <summary>Tag: the procedure number.</summary>
    public const string ProcedureNumberTag = "guestfs.procedure_number";

    /// <summary>Tag: the serial number of the call.</summary>
    public const string SerialTag = "guestfs.serial";

    /// <summary>Tag: bytes written to the daemon for the call (messages and chunks).</summary>
    public const string BytesSentTag = "guestfs.bytes_sent";

    /// <summary>Tag: bytes read from the daemon for the call.</summary>
    public const string BytesReceivedTag = "guestfs.bytes_received";

    /// <summary>Tag: the errno name of a failed call.</summary>
    public const string ErrnoTag = "guestfs.errno";

    /// <summary>The source.</summary>
    public static readonly ActivitySource Source = new(Name);

    /// <summary>Starts the activity for a call, or returns <see langword="null"/> when nobody listens.</summary>
    /// <param name="actionName">The action name.</param>
    /// <param name="procedure">The procedure number.</param>
    /// <returns>The activity, or <see langword="null"/>.</returns>
    public static Activity? StartCall(string actionName, int procedure)
    {
        if (!Source.HasListeners())
        {
            return null;
        }

        Activity? activity = Source.StartActivity(actionName, ActivityKind.Client);
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag(ProcedureTag, actionName);
            activity.SetTag(ProcedureNumberTag, procedure);
        }

        return activity;
    }
}

namespace Guestfs.Diagnostics;

/// <summary>The logger category names.</summary>
internal static class LogCategories
{
    /// <summary>Handle state, launch, shutdown, breaks.</summary>
    public const string Connection = "Guestfs.Connection";

    /// <summary>Messages, chunks, progress, cancellation on the wire.</summary>
    public const string Protocol = "Guestfs.Protocol";

    /// <summary>Appliance console output.</summary>
    public const string Appliance = "Guestfs.Appliance";
}

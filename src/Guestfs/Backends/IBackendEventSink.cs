namespace Guestfs.Backends;

/// <summary>Receives what a backend reports while it runs; the handle turns these into events and log lines.</summary>
internal interface IBackendEventSink
{
    /// <summary>Appliance console output (kernel and init messages), as it arrives.</summary>
    /// <param name="text">A chunk of console text.</param>
    void OnApplianceOutput(string text);

    /// <summary>A debug message from the library side (shown when verbose).</summary>
    /// <param name="message">The message.</param>
    void OnDebug(string message);

    /// <summary>A warning (for example: KVM unusable, falling back to TCG).</summary>
    /// <param name="message">The message.</param>
    void OnWarning(string message);
}

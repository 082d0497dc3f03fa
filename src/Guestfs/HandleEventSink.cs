using Guestfs.Backends;

namespace Guestfs;

/// <summary>Passes what a backend reports to its handle (appliance, library and warning events, logs).</summary>
internal sealed class HandleEventSink : IBackendEventSink
{
    private readonly GuestfsHandle _handle;

    /// <summary>Creates the sink.</summary>
    /// <param name="handle">The handle.</param>
    public HandleEventSink(GuestfsHandle handle) => _handle = handle;

    /// <inheritdoc />
    public void OnApplianceOutput(string text) => _handle.OnBackendApplianceOutput(text);

    /// <inheritdoc />
    public void OnDebug(string message) => _handle.OnBackendDebug(message);

    /// <inheritdoc />
    public void OnWarning(string message) => _handle.OnBackendWarning(message);
}

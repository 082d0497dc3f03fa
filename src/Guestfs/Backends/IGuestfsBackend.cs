using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace Guestfs.Backends;

/// <summary>
/// Starts (or connects to) the appliance and hands the handle a stream connected to the daemon's channel.
/// The protocol engine does not know which backend it has. One backend instance serves one launch.
/// </summary>
internal interface IGuestfsBackend : IAsyncDisposable
{
    /// <summary>The backend's name as the <c>backend</c> setting spells it (<c>direct</c>, <c>unix</c>).</summary>
    string Name { get; }

    /// <summary>Process id of the hypervisor, when there is one.</summary>
    int? ProcessId { get; }

    /// <summary>
    /// Completes when the appliance has gone away (process exited, socket closed); the string says why.
    /// </summary>
    Task<string> Exited { get; }

    /// <summary>
    /// Starts the appliance and returns the daemon's channel, saying whether its launch flag was already read (else
    /// the engine reads it). Throws a <see cref="GuestfsLaunchException"/> subtype on failure.
    /// </summary>
    /// <param name="parameters">Drives and settings.</param>
    /// <param name="sink">Where console output, warnings and debug messages go.</param>
    /// <param name="cancellationToken">Cancels the launch; the backend then cleans up.</param>
    /// <returns>The connected channel.</returns>
    Task<LaunchedChannel> LaunchAsync(LaunchParameters parameters, IBackendEventSink sink, CancellationToken cancellationToken);

    /// <summary>Orderly shutdown after the daemon has been told to exit: waits for the process, then cleans up.</summary>
    /// <param name="cancellationToken">Stops waiting; the backend then kills.</param>
    /// <returns>A task that completes when everything is cleaned up.</returns>
    Task ShutdownAsync(CancellationToken cancellationToken);

    /// <summary>Immediate stop: kills the hypervisor and removes temporary files. Safe to call twice.</summary>
    void Kill();
}

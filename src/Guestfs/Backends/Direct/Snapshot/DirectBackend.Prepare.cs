using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace Guestfs.Backends.Direct;

/// <summary>
/// The warm-pool half of the direct backend: restore an appliance ahead of time (no drives, paused), and later
/// launch from it by plugging the drives and resuming (<see cref="AppliancePool"/>).
/// </summary>
internal sealed partial class DirectBackend
{
    private string? _preparedHypervisor;

    /// <summary>Whether this backend holds a restored, paused appliance that no launch has used yet.</summary>
    internal bool IsPrepared => _preparedHypervisor is not null && !_launched;

    /// <summary>
    /// Restores the saved appliance without drives and leaves it paused: the snapshot launch's first steps
    /// (locate and verify the state, saving one when there is none; start qemu paused; restore). A later
    /// <see cref="LaunchAsync"/> with the same settings then only plugs the drives, resumes and waits for the daemon.
    /// </summary>
    /// <param name="parameters">The appliance's settings (the drives are ignored).</param>
    /// <param name="sink">Where messages go until a launch takes this appliance.</param>
    /// <param name="cancellationToken">Stops the preparation; whatever was started is killed.</param>
    /// <returns>A task that completes when the appliance is restored and paused.</returns>
    /// <exception cref="GuestfsLaunchException">Snapshot launch is off or unavailable, or the restore failed.</exception>
    public async Task PrepareAsync(LaunchParameters parameters, IBackendEventSink sink, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(sink);
        lock (_gate)
        {
            if (_launched || _preparedHypervisor is not null || _stopped)
            {
                throw new InvalidOperationException("a direct backend instance is prepared once, before its launch");
            }
        }

        _sink = sink;
        var phases = new LaunchPhases(sink);
        using var timeout = new CancellationTokenSource(parameters.LaunchTimeout);
        try
        {
            phases.Next("locate the appliance");
            ApplianceFiles appliance = await ApplianceLocator.LocateAsync(parameters, sink, cancellationToken).ConfigureAwait(false);
            Appliance = appliance;
            string hypervisor = GetHypervisor(parameters);
            phases.Next("choose the accelerator");
            UsesKvm = await ChooseAcceleratorAsync(hypervisor, parameters, sink).ConfigureAwait(false);
            phases.Next("snapshot key");
            SnapshotLauncher snapshot = SnapshotLauncher.Create(appliance, parameters, hypervisor, UsesKvm, sink)
                ?? throw new GuestfsLaunchException("pool: snapshot launch is off or cannot be used with these settings, so no appliance can be prepared");
            if (!await EnsureStateAsync(snapshot, appliance, hypervisor, parameters, phases, timeout.Token, cancellationToken).ConfigureAwait(false))
            {
                throw new GuestfsLaunchException("pool: there is no saved appliance state and none could be saved");
            }

            phases.Next("restore the appliance snapshot (paused, no drives)");
            using CancellationTokenSource deadline = RestoreDeadline(parameters, timeout.Token, cancellationToken);
            try
            {
                await StartPausedAsync(snapshot, appliance, hypervisor, parameters, deadline.Token).ConfigureAwait(false);
                await RestoreStateAsync(snapshot, deadline.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException && e is not GuestfsLaunchException)
            {
                throw new GuestfsLaunchException($"pool: restoring the appliance failed: {e.Message.Split('\n')[0]}", e);
            }

            _preparedHypervisor = hypervisor;
            phases.Finish();
        }
        catch
        {
            Kill();
            throw;
        }
    }

    /// <summary>
    /// Launches from the prepared appliance: plugs the drives, resumes and waits for the daemon. Any failure other
    /// than cancellation is logged as a warning and stops that appliance; the caller then boots normally.
    /// </summary>
    /// <returns>The daemon channel, or <see langword="null"/> to launch normally.</returns>
    private async Task<LaunchedChannel?> TryLaunchPreparedAsync(
        LaunchParameters parameters, LaunchPhases phases, CancellationToken launchTimeout, CancellationToken cancellationToken)
    {
        IBackendEventSink sink = _sink!;
        string hypervisor = _preparedHypervisor!;
        _preparedHypervisor = null;

        // The handshake's step times count from the take, not from the preparation.
        _restoreClock = Stopwatch.StartNew();
        _restoredAt = 0;

        // A drive the inspection refuses fails the launch as it would without the pool.
        phases.Next("inspect the drives");
        IReadOnlyList<ResolvedDrive> drives = await DriveInspector.ResolveAsync(
            parameters.Drives, SnapshotLauncher.QemuImg(hypervisor), cancellationToken).ConfigureAwait(false);
        await BlockDriverSupport.CheckAsync(parameters.Drives, hypervisor, cancellationToken).ConfigureAwait(false);
        try
        {
            if (parameters.Drives.Any(d => d.Remote?.Protocol == "ssh"))
            {
                // qemu's ssh driver authenticates through the agent socket, which a pooled qemu was started without.
                throw new InvalidOperationException("an ssh drive needs SSH_AUTH_SOCK in qemu's environment");
            }

            if (_processExit.Task.IsCompleted)
            {
                throw await ExitedEarlyAsync().ConfigureAwait(false);
            }

            phases.Next("attach the drives to the pooled appliance");
            using CancellationTokenSource deadline = RestoreDeadline(parameters, launchTimeout, cancellationToken);
            return await AttachAndResumeAsync(drives, deadline.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested && !launchTimeout.IsCancellationRequested)
        {
            sink.OnWarning($"launch: the pooled appliance failed ({e.GetType().Name}: {e.Message.Split('\n')[0]}); launching normally");
            AbandonAttempt();
            return null;
        }
    }
}

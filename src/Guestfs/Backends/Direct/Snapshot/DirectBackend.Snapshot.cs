using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Win32.SafeHandles;

namespace Guestfs.Backends.Direct;

/// <summary>The snapshot-launch half of the direct backend: restore a saved appliance and hot-plug the drives.</summary>
internal sealed partial class DirectBackend
{
    private SnapshotLauncher? _snapshot;
    private string? _restoredState;
    private Stopwatch? _restoreClock;
    private double _restoredAt;
    private double _attachedAt;

    /// <summary>
    /// Restores the saved appliance (saving it first when there is none) and attaches the drives. Returns the
    /// daemon channel, or <see langword="null"/> after a debug message when the caller should boot normally.
    /// </summary>
    /// <remarks>
    /// The steps, one method each: <see cref="EnsureStateAsync"/> (locate and verify the saved state, saving one when
    /// there is none or it is stale), <see cref="StartPausedAsync"/> (qemu waiting for incoming state),
    /// <see cref="RestoreStateAsync"/>, then <see cref="AttachAndResumeAsync"/>: <see cref="HotPlugDrivesAsync"/>,
    /// <see cref="ResumeAsync"/> and <see cref="HandshakeAsync"/>. A warm pool runs the first three ahead of time.
    /// </remarks>
    private async Task<LaunchedChannel?> TryRestoreAsync(
        SnapshotLauncher snapshot,
        ApplianceFiles appliance,
        string hypervisor,
        IReadOnlyList<ResolvedDrive> drives,
        LaunchParameters parameters,
        LaunchPhases phases,
        CancellationToken launchTimeout,
        CancellationToken cancellationToken)
    {
        if (!await EnsureStateAsync(snapshot, appliance, hypervisor, parameters, phases, launchTimeout, cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        phases.Next("restore the appliance snapshot");
        using CancellationTokenSource deadline = RestoreDeadline(parameters, launchTimeout, cancellationToken);
        CancellationToken token = deadline.Token;
        bool loaded = false;
        try
        {
            await StartPausedAsync(snapshot, appliance, hypervisor, parameters, token).ConfigureAwait(false);
            await RestoreStateAsync(snapshot, token).ConfigureAwait(false);
            loaded = true;
            return await AttachAndResumeAsync(drives, token).ConfigureAwait(false);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested && !launchTimeout.IsCancellationRequested)
        {
            _sink!.OnDebug($"launch: snapshot: restoring failed ({e.GetType().Name}: {e.Message.Split('\n')[0]}); booting normally");
            if (!loaded)
            {
                // The state itself did not restore: remove it so that the next launch saves a new one.
                snapshot.Discard();
            }

            AbandonAttempt();
            return null;
        }
        catch (OperationCanceledException) when (launchTimeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new LaunchTimeoutException(parameters.LaunchTimeout, _console.GetTail());
        }
    }

    /// <summary>A restore's own bound: at most a minute, or half the launch timeout.</summary>
    private static CancellationTokenSource RestoreDeadline(LaunchParameters parameters, CancellationToken launchTimeout, CancellationToken cancellationToken)
    {
        var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, launchTimeout);
        deadline.CancelAfter(TimeSpan.FromTicks(Math.Min(TimeSpan.FromSeconds(60).Ticks, parameters.LaunchTimeout.Ticks / 2)));
        return deadline;
    }

    /// <summary>
    /// Step 1, locate and verify the state: a stale state is discarded, and a missing one is saved now (a save run).
    /// </summary>
    /// <returns>Whether a usable state exists; <see langword="false"/> (after a debug message) to boot normally.</returns>
    private async Task<bool> EnsureStateAsync(
        SnapshotLauncher snapshot,
        ApplianceFiles appliance,
        string hypervisor,
        LaunchParameters parameters,
        LaunchPhases phases,
        CancellationToken launchTimeout,
        CancellationToken cancellationToken)
    {
        IBackendEventSink sink = _sink!;
        if (snapshot.HasState && snapshot.Usage.WhyStale() is { } stale)
        {
            // A state restored for too long keeps every appliance's layout and canaries the same: save a new one.
            sink.OnDebug($"launch: snapshot: state {snapshot.Key[..16]} {stale}; saving a fresh one");
            snapshot.Discard();
        }

        if (snapshot.HasState)
        {
            return true;
        }

        phases.Next("save the appliance snapshot");
        sink.OnDebug($"launch: snapshot: no state {snapshot.Key[..16]} in {snapshot.SnapshotRoot}; saving one");
        try
        {
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, launchTimeout);
            return await snapshot.CreateAsync(appliance, parameters, hypervisor, UsesKvm, sink, OnSaveRunStarted, linked.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested && !launchTimeout.IsCancellationRequested)
        {
            sink.OnDebug($"launch: snapshot: saving failed ({e.GetType().Name}: {e.Message}); booting normally");
            snapshot.RecordSaveFailure($"{e.GetType().Name}: {e.Message}");
            return false;
        }
        catch (OperationCanceledException) when (launchTimeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new LaunchTimeoutException(parameters.LaunchTimeout, _console.GetTail());
        }
        finally
        {
            ForgetSaveRun();
        }
    }

    /// <summary>
    /// Step 2, start qemu paused: the saved machine with no drives, waiting for its state (<c>-incoming defer</c>),
    /// its channel, trigger and QMP sockets connected.
    /// </summary>
    private async Task StartPausedAsync(SnapshotLauncher snapshot, ApplianceFiles appliance, string hypervisor, LaunchParameters parameters, CancellationToken token)
    {
        _snapshot = snapshot;
        _restoreClock = Stopwatch.StartNew();
        string socketPath = CreateChannelSocket(parameters);
        string triggerPath = Path.Combine(_temporaryDirectory!, "trigger.sock");
        string qmpPath = Path.Combine(_temporaryDirectory!, "qmp.sock");
        var listeners = new List<Socket>();
        Socket qmpSocket;
        try
        {
            Socket triggerListener = SnapshotLauncher.Listen(triggerPath, listeners);
            Socket qmpListener = SnapshotLauncher.Listen(qmpPath, listeners);
            var layout = new SnapshotLayout(snapshot.OverlayPath, RootWritable: false, triggerPath, qmpPath, Incoming: true, snapshot.RamPath);
            await StartQemuAsync(hypervisor, QemuCommandLine.Build(appliance, [], parameters, UsesKvm, socketPath, layout)).ConfigureAwait(false);
            await AcceptChannelAsync(token).ConfigureAwait(false);
            _trigger = await WithQemuWatchAsync(triggerListener.AcceptAsync(token).AsTask(), token).ConfigureAwait(false);
            qmpSocket = await WithQemuWatchAsync(qmpListener.AcceptAsync(token).AsTask(), token).ConfigureAwait(false);
        }
        finally
        {
            foreach (Socket listener in listeners)
            {
                listener.Dispose();
            }
        }

        _qmp = new QmpClient(qmpSocket);
        await WithQemuWatchAsync(_qmp.InitializeAsync(token), token).ConfigureAwait(false);
    }

    /// <summary>Step 3, restore: qemu loads the saved state from a descriptor we opened and ends paused (or running).</summary>
    private async Task RestoreStateAsync(SnapshotLauncher snapshot, CancellationToken token)
    {
        QmpClient qmp = _qmp!;
        await WithQemuWatchAsync(qmp.ExecuteAsync("migrate-set-capabilities", SnapshotLauncher.IgnoreSharedMemory, token), token).ConfigureAwait(false);

        // qemu reads the state from a descriptor we opened (qemu's sandbox forbids the shell of exec: migration).
        using (SafeFileHandle stateFile = File.OpenHandle(snapshot.StatePath, FileMode.Open, FileAccess.Read))
        {
            await WithQemuWatchAsync(qmp.PassFileAsync("state", stateFile, token), token).ConfigureAwait(false);
        }

        await WithQemuWatchAsync(qmp.ExecuteAsync("migrate-incoming", new JsonObject { ["uri"] = "fd:state" }, token), token).ConfigureAwait(false);
        while (true)
        {
            JsonNode? status = await WithQemuWatchAsync(qmp.ExecuteAsync("query-status", null, token), token).ConfigureAwait(false);
            string state = status?["status"]?.GetValue<string>() ?? "unknown";
            if (state is "paused" or "running")
            {
                _restoredState = state;
                _restoredAt = _restoreClock!.Elapsed.TotalSeconds;
                return;
            }

            if (state is not ("inmigrate" or "prelaunch" or "restore-vm" or "finish-migrate"))
            {
                throw new QmpException($"qmp: the restored VM is '{state}'");
            }

            await Task.Delay(10, token).ConfigureAwait(false);
        }
    }

    /// <summary>Steps 4 to 6 on a restored appliance: plug the drives, resume, and wait for the appliance's "done".</summary>
    private async Task<LaunchedChannel> AttachAndResumeAsync(IReadOnlyList<ResolvedDrive> drives, CancellationToken token)
    {
        drives = WriteSecrets(drives);
        _sink!.OnDebug($"launch: snapshot: state {_snapshot!.Key[..16]} loaded ({_restoredState}); attaching {drives.Count} drive(s)");
        await HotPlugDrivesAsync(drives, token).ConfigureAwait(false);
        await ResumeAsync(drives, token).ConfigureAwait(false);
        return await HandshakeAsync(token).ConfigureAwait(false);
    }

    /// <summary>Step 4, hot-plug the drives into the paused VM (a drive, then its SCSI device at the next target).</summary>
    private async Task HotPlugDrivesAsync(IReadOnlyList<ResolvedDrive> drives, CancellationToken token)
    {
        QmpClient qmp = _qmp!;
        for (int i = 0; i < drives.Count; i++)
        {
            if (QemuCommandLine.SecretObjectOption(drives[i], i) is { } secret)
            {
                string made = await WithQemuWatchAsync(qmp.HumanAsync("object_add " + secret, token), token).ConfigureAwait(false);
                if (made.Trim().Length > 0)
                {
                    throw new QmpException($"object_add {drives[i].Spec.DisplayName}: {made.Trim()}");
                }
            }

            string added = await WithQemuWatchAsync(
                qmp.HumanAsync("drive_add 0 " + HmpQuote(QemuCommandLine.DriveOption(drives[i], i)), token), token).ConfigureAwait(false);
            if (added.Trim() is not ("OK" or ""))
            {
                throw new QmpException($"drive_add {drives[i].Spec.DisplayName}: {added.Trim()}");
            }

            string device = await WithQemuWatchAsync(
                qmp.HumanAsync(
                    "device_add " + QemuCommandLine.DeviceOption(drives[i].Spec, i) + ",scsi-id=" + i.ToString(CultureInfo.InvariantCulture), token),
                token).ConfigureAwait(false);
            if (device.Trim().Length > 0)
            {
                throw new QmpException($"device_add {drives[i].Spec.DisplayName}: {device.Trim()}");
            }
        }
    }

    /// <summary>
    /// Step 5, resume: write the trigger (drive count, the host's clock, a fresh random seed, whether to scan for
    /// storage) and let the VM run.
    /// </summary>
    private async Task ResumeAsync(IReadOnlyList<ResolvedDrive> drives, CancellationToken token)
    {
        IBackendEventSink sink = _sink!;

        // The storage scan (md, LVM) is skipped when no drive can hold what it looks for.
        string scan = "scan";
        if (!StorageSignatures.MustScan(drives))
        {
            scan = "noscan";
            sink.OnDebug("launch: snapshot: " + StorageSignatures.NoScanMessage);
        }

        string go = string.Create(CultureInfo.InvariantCulture,
            $"go {drives.Count} {EpochNow()} {Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32))} {scan}\n");
        await _trigger!.SendAsync(Encoding.ASCII.GetBytes(go), SocketFlags.None, token).ConfigureAwait(false);
        sink.OnDebug($"launch: snapshot: drives plugged and the trigger sent; the appliance is {(_restoredState == "paused" ? "resumed now" : "running")}");
        if (_restoredState == "paused")
        {
            // The state was saved from a stopped VM, so the incoming side ends paused. The drives were plugged
            // and the trigger written meanwhile: the guest finds both waiting the moment it runs.
            await WithQemuWatchAsync(_qmp!.ExecuteAsync("cont", null, token), token).ConfigureAwait(false);
        }

        _attachedAt = _restoreClock!.Elapsed.TotalSeconds;
        sink.OnDebug("launch: snapshot: drives attached; the appliance carries on");
    }

    /// <summary>
    /// Step 6, handshake: the daemon has been waiting for its first request since before the save; the init says
    /// "done" once the disks, their links and the storage scan are in place. The daemon sent its launch flag during
    /// the save run, so the engine is told not to wait for it.
    /// </summary>
    private async Task<LaunchedChannel> HandshakeAsync(CancellationToken token)
    {
        string steps = ParseDoneLine(await WithQemuWatchAsync(SnapshotLauncher.ReadLineAsync(_trigger!, token), token).ConfigureAwait(false));
        string loaded = _restoredAt > 0
            ? string.Create(CultureInfo.InvariantCulture, $"state loaded at {_restoredAt:F3} s")
            : "taken from the pool at 0 s";
        _sink!.OnDebug(string.Create(CultureInfo.InvariantCulture,
            $"launch: snapshot: {loaded}, drives plugged and the appliance running at {_attachedAt:F3} s, done at {_restoreClock!.Elapsed.TotalSeconds:F3} s; appliance steps: {steps}"));

        Restored = true;
        _snapshot!.MarkUsed();
        return new LaunchedChannel(new NetworkStream(_channel!, ownsSocket: true), LaunchFlagRead: true);
    }

    /// <summary>Makes the save run's qemu visible as <see cref="ProcessId"/> and kills it with this process.</summary>
    private void OnSaveRunStarted(Process process)
    {
        ChildProcessRegistry.Add(process);
        lock (_gate)
        {
            _saveRun = process;
            _processId = process.Id;
        }
    }

    private void ForgetSaveRun()
    {
        Process? process;
        lock (_gate)
        {
            process = _saveRun;
            _saveRun = null;
        }

        if (process is not null)
        {
            ChildProcessRegistry.Remove(process);
        }
    }

    /// <summary>
    /// Checks the restored init's last handshake line: "done", followed by the guest's uptime at each of its steps
    /// (name=seconds). Anything else ("fail REASON": the init found something a normal boot would not have, such as
    /// disks named out of order) fails the restore.
    /// </summary>
    /// <param name="line">The line, without its newline.</param>
    /// <returns>The guest's steps, as <see cref="DescribeGuestSteps"/> gives them.</returns>
    /// <exception cref="QmpException">The line is not a "done" line (quoted, cut at 300 characters).</exception>
    internal static string ParseDoneLine(string line)
    {
        if (line != "done" && !line.StartsWith("done ", StringComparison.Ordinal))
        {
            throw new QmpException($"the restored appliance said '{(line.Length > 300 ? line[..300] + "…" : line)}' instead of 'done'");
        }

        return DescribeGuestSteps(line);
    }

    /// <summary>The guest's steps after the trigger, from its "done" line: each step's duration since the previous one.</summary>
    internal static string DescribeGuestSteps(string done)
    {
        var text = new StringBuilder();
        double? previous = null;
        foreach (string field in done.Split(' ', StringSplitOptions.RemoveEmptyEntries).AsSpan(1))
        {
            int equals = field.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0 || !double.TryParse(field.AsSpan(equals + 1), NumberStyles.Float, CultureInfo.InvariantCulture, out double at))
            {
                continue;
            }

            if (previous is { } p)
            {
                text.Append(CultureInfo.InvariantCulture, $"{(text.Length > 0 ? ", " : string.Empty)}{field[..equals]} {at - p:F2} s");
            }

            previous = at;
        }

        return text.Length > 0 ? text.ToString() : "(not reported)";
    }

    /// <summary>The host's clock for the restored guest: seconds since the epoch with microseconds.</summary>
    private static string EpochNow()
    {
        long ticks = DateTimeOffset.UtcNow.Ticks - DateTimeOffset.UnixEpoch.Ticks;
        return string.Create(CultureInfo.InvariantCulture, $"{ticks / TimeSpan.TicksPerSecond}.{ticks % TimeSpan.TicksPerSecond / 10:D6}");
    }

    /// <summary>HMP string quoting: double quotes, backslash escapes.</summary>
    private static string HmpQuote(string text) =>
        "\"" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";

    /// <summary>Stops a failed restore's qemu and removes its sockets so that a normal boot can follow.</summary>
    private void AbandonAttempt()
    {
        Process? process;
        lock (_gate)
        {
            process = _process;
            _process = null;
            _processId = null;
        }

        CloseListener();
        _qmp?.Dispose();
        _qmp = null;
        _trigger?.Dispose();
        _trigger = null;
        _channel?.Dispose();
        _channel = null;
        StopProcess(process);
        PrivateDirectory.Delete(_temporaryDirectory);
        _temporaryDirectory = null;
        _processExit = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (_exited.Task.IsCompleted)
        {
            // A prepared appliance that died while it waited: the launch goes on with a new qemu.
            _exited = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        _snapshot = null;
        _restoredState = null;
        _pumps = Task.CompletedTask;
        CommandLine = null;
    }
}

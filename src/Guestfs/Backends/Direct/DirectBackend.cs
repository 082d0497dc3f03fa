using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace Guestfs.Backends.Direct;

/// <summary>
/// Backend <c>direct</c>: runs the appliance as a qemu child process. One instance serves one launch.
/// </summary>
/// <remarks>
/// Launch steps (each reported with its duration as a debug message): locate the appliance (building it when
/// the cache is stale), choose KVM or TCG, settle the drives' formats, listen on the channel socket in a private
/// directory, start qemu, accept its connection, then wait until the daemon's first bytes (the launch flag) are
/// readable. The flag is left unread for the protocol engine. Every failure is a
/// <see cref="GuestfsLaunchException"/> subtype, and whatever was started is killed and removed.
/// </remarks>
internal sealed partial class DirectBackend : IGuestfsBackend
{
    private const int MaxStandardErrorChars = 64 * 1024;

    private TaskCompletionSource<string> _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TaskCompletionSource<int> _processExit = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ConsoleTail _console = new();
    private readonly StringBuilder _standardError = new();
    private readonly object _gate = new();
    private Process? _process;
    private Process? _saveRun;
    private int? _processId;
    private Socket? _listener;
    private Socket? _channel;
    private Socket? _trigger;
    private QmpClient? _qmp;
    private string? _temporaryDirectory;
    private Task _pumps = Task.CompletedTask;
    private IBackendEventSink? _sink;
    private bool _launched;
    private bool _stopped;
    private bool _passAgent;

    /// <inheritdoc />
    public string Name => "direct";

    /// <inheritdoc />
    public int? ProcessId => _processId;

    /// <inheritdoc />
    public Task<string> Exited => _exited.Task;

    /// <summary>The private directory holding the channel socket and qemu's overlays (for tests and diagnostics).</summary>
    internal string? TemporaryDirectory => _temporaryDirectory;

    /// <summary>The arguments qemu was started with (for tests and diagnostics).</summary>
    internal IReadOnlyList<string>? CommandLine { get; private set; }

    /// <summary>Whether this launch runs under KVM (else TCG).</summary>
    internal bool UsesKvm { get; private set; }

    /// <summary>Whether this launch restored a saved appliance state (snapshot launch).</summary>
    internal bool Restored { get; private set; }

    /// <summary>The appliance this launch booted.</summary>
    internal ApplianceFiles? Appliance { get; private set; }

    /// <inheritdoc />
    public async Task<LaunchedChannel> LaunchAsync(LaunchParameters parameters, IBackendEventSink sink, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(sink);
        lock (_gate)
        {
            if (_launched)
            {
                throw new InvalidOperationException("a direct backend instance launches once; create a new one");
            }

            _launched = true;
        }

        _sink = sink;
        var phases = new LaunchPhases(sink);

        // The launch timeout counts from here. The handle cancels our token after the same time; we stop a
        // little earlier so that the caller gets the typed timeout with the console tail rather than a bare
        // cancellation.
        TimeSpan margin = TimeSpan.FromTicks(Math.Min(TimeSpan.FromMilliseconds(500).Ticks, parameters.LaunchTimeout.Ticks / 10));
        using var timeout = new CancellationTokenSource(parameters.LaunchTimeout - margin);
        try
        {
            if (_preparedHypervisor is not null)
            {
                LaunchedChannel? pooled = await TryLaunchPreparedAsync(parameters, phases, timeout.Token, cancellationToken).ConfigureAwait(false);
                if (pooled is not null)
                {
                    phases.Finish();
                    return pooled.Value;
                }
            }

            string hypervisor = GetHypervisor(parameters);
            Task<(bool Supported, string Reason)> sandbox = QemuSandbox.ProbeAsync(hypervisor);    // a qemu run of its own, meanwhile

            phases.Next("locate the appliance");
            RemoveStalePrivateDirectories(parameters, sink);
            ApplianceFiles appliance = await ApplianceLocator.LocateAsync(parameters, sink, cancellationToken).ConfigureAwait(false);
            Appliance = appliance;
            sink.OnDebug($"launch: appliance {appliance.Directory}: kernel {Path.GetFileName(appliance.Kernel)}, root UUID {appliance.RootUuid}");

            if (!ProcessTether.IsAvailable)
            {
                sink.OnWarning("launch: setpriv (util-linux) is not installed, so qemu is not stopped if this process is killed; install util-linux");
            }

            phases.Next("choose the accelerator");
            UsesKvm = await ChooseAcceleratorAsync(hypervisor, parameters, sink).ConfigureAwait(false);

            phases.Next("inspect the drives");
            IReadOnlyList<ResolvedDrive> drives = await DriveInspector.ResolveAsync(
                parameters.Drives, SnapshotLauncher.QemuImg(hypervisor), cancellationToken).ConfigureAwait(false);
            foreach (ResolvedDrive drive in drives.Where(d => d.Probed))
            {
                sink.OnDebug($"launch: drive {drive.Spec.Filename}: no format given, probed as {drive.Format}");
            }

            await BlockDriverSupport.CheckAsync(parameters.Drives, hypervisor, cancellationToken).ConfigureAwait(false);
            _passAgent = parameters.Drives.Any(d => d.Remote?.Protocol == "ssh");

            phases.Next("probe the qemu sandbox");
            (bool confined, string unconfinedReason) = await sandbox.ConfigureAwait(false);
            sink.OnDebug(confined ? "launch: qemu runs confined: -sandbox " + QemuSandbox.Options : $"launch: qemu runs without -sandbox ({unconfinedReason})");

            phases.Next("snapshot key");
            SnapshotLauncher? snapshot = SnapshotLauncher.Create(appliance, parameters, hypervisor, UsesKvm, sink);
            if (snapshot is not null)
            {
                LaunchedChannel? restored = await TryRestoreAsync(
                    snapshot, appliance, hypervisor, drives, parameters, phases, timeout.Token, cancellationToken).ConfigureAwait(false);
                if (restored is not null)
                {
                    phases.Finish();
                    return restored.Value;
                }
            }

            phases.Next("create the channel socket");
            string socketPath = CreateChannelSocket(parameters);
            drives = WriteSecrets(drives);
            bool storageScan = StorageSignatures.MustScan(drives);
            if (!storageScan)
            {
                sink.OnDebug("launch: " + StorageSignatures.NoScanMessage);
            }

            string? firmware = QemuFirmware.NormalBootFirmware(hypervisor, parameters.BackendSettings);
            phases.Next("start qemu");
            await StartQemuAsync(
                hypervisor, QemuCommandLine.Build(appliance, drives, parameters, UsesKvm, socketPath, storageScan: storageScan, firmware: firmware)).ConfigureAwait(false);

            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
            try
            {
                phases.Next("wait for qemu to connect the channel");
                Socket channel = await AcceptChannelAsync(linked.Token).ConfigureAwait(false);

                phases.Next("boot the appliance until the daemon is ready");
                await WithQemuWatchAsync(WaitForLaunchFlagAsync(channel, linked.Token), linked.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                throw new LaunchTimeoutException(parameters.LaunchTimeout, _console.GetTail());
            }

            phases.Finish();
            return new LaunchedChannel(new NetworkStream(_channel!, ownsSocket: true), LaunchFlagRead: false);
        }
        catch (Exception e)
        {
            sink.OnDebug($"launch: failed during '{phases.Current}': {e.GetType().Name}");
            Kill();
            throw;
        }
    }

    /// <inheritdoc />
    public async Task ShutdownAsync(CancellationToken cancellationToken)
    {
        Process? process = _process;
        if (process is not null && !_processExit.Task.IsCompleted)
        {
            // The daemon has synced; qemu flushes its drives on SIGTERM and exits (what libguestfs does too).
            _ = NativeMethods.Kill(process.Id, NativeMethods.SigTerm);
            using var grace = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            grace.CancelAfter(TimeSpan.FromSeconds(10));
            try
            {
                await _processExit.Task.WaitAsync(grace.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                _sink?.OnWarning("shutdown: qemu did not exit after SIGTERM; killing it");
            }
        }

        Kill();
    }

    /// <inheritdoc />
    public void Kill()
    {
        Process? process;
        Process? saveRun;
        lock (_gate)
        {
            if (_stopped)
            {
                return;
            }

            _stopped = true;
            process = _process;
            saveRun = _saveRun;
        }

        try
        {
            saveRun?.Kill();    // the snapshot save run's qemu; its runner reaps it
        }
        catch (Exception e) when (e is InvalidOperationException or Win32Exception)
        {
        }

        CloseListener();
        _qmp?.Dispose();
        _trigger?.Dispose();
        try
        {
            _channel?.Dispose();
        }
        catch (ObjectDisposedException)
        {
        }

        StopProcess(process);
        PrivateDirectory.Delete(_temporaryDirectory);
        _exited.TrySetResult(process is null ? "not started" : "qemu stopped");
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        Kill();
        return ValueTask.CompletedTask;
    }

    /// <summary>Kills qemu if it still runs, reaps it (no zombie, the output pumps finish) and forgets it.</summary>
    private static void StopProcess(Process? process)
    {
        if (process is null)
        {
            return;
        }

        try
        {
            if (!process.HasExited)
            {
                process.Kill();
            }

            process.WaitForExit(5000);
        }
        catch (Exception e) when (e is InvalidOperationException or Win32Exception)
        {
            // Never started or already gone.
        }

        ChildProcessRegistry.Remove(process);
        process.Dispose();
    }

    /// <summary>The hypervisor program: the <c>hv</c> setting, else <c>LIBGUESTFS_HV</c>, else <c>qemu-system-x86_64</c>.</summary>
    /// <param name="parameters">The launch parameters.</param>
    /// <returns>The program name or path.</returns>
    internal static string GetHypervisor(LaunchParameters parameters) =>
        parameters.Hypervisor is { Length: > 0 } hv ? hv
        : Environment.GetEnvironmentVariable("LIBGUESTFS_HV") is { Length: > 0 } env ? env
        : "qemu-system-x86_64";

    private static bool IsSet(IReadOnlyDictionary<string, string> settings, string name) =>
        settings.TryGetValue(name, out string? value) && value is not ("0" or "off" or "false" or "no");

    private static async Task<bool> ChooseAcceleratorAsync(string hypervisor, LaunchParameters parameters, IBackendEventSink sink)
    {
        bool forceTcg = IsSet(parameters.BackendSettings, "force_tcg");
        bool forceKvm = IsSet(parameters.BackendSettings, "force_kvm");
        if (forceTcg && forceKvm)
        {
            throw new GuestfsLaunchException("launch: the backend settings force_tcg and force_kvm contradict each other; remove one");
        }

        if (forceTcg)
        {
            sink.OnDebug("launch: force_tcg is set: using TCG without probing KVM");
            return false;
        }

        TimeSpan probeTimeout = KvmProbe.DefaultTimeout;
        if (parameters.BackendSettings.TryGetValue("kvm_probe_timeout", out string? text) &&
            double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double seconds) && seconds > 0)
        {
            probeTimeout = TimeSpan.FromSeconds(seconds);
        }

        KvmProbeResult probe = await KvmProbe.ProbeAsync(hypervisor, probeTimeout).ConfigureAwait(false);
        if (probe.Usable)
        {
            sink.OnDebug("launch: KVM works: using it");
            return true;
        }

        if (forceKvm)
        {
            throw new KvmUnavailableException(probe.Reason);
        }

        sink.OnWarning($"launch: KVM is not usable ({probe.Reason}); using TCG software emulation, which is much slower. " +
                       "Set the backend setting force_tcg to skip this check.");
        return false;
    }

    private static string FormatCommandLine(string hypervisor, IReadOnlyList<string> arguments)
    {
        var text = new StringBuilder(hypervisor);
        foreach (string argument in arguments)
        {
            text.Append(' ');
            bool plain = argument.Length > 0 && argument.All(c => char.IsAsciiLetterOrDigit(c) || "-_=,./:+@".Contains(c, StringComparison.Ordinal));
            text.Append(plain ? argument : "'" + argument.Replace("'", "'\\''", StringComparison.Ordinal) + "'");
        }

        return text.ToString();
    }

    /// <summary>Where the private run directory goes: unix socket paths are limited to 107 bytes, so XDG_RUNTIME_DIR or /tmp over a long temp dir.</summary>
    private static string RunDirectoryParent(LaunchParameters parameters)
    {
        string? parent = parameters.TempDirectory;
        if (string.IsNullOrEmpty(parent) || parent.Length > 60)
        {
            parent = Environment.GetEnvironmentVariable("XDG_RUNTIME_DIR") is { Length: > 0 and <= 60 } runtime && Directory.Exists(runtime)
                ? runtime
                : "/tmp";
        }

        return parent;
    }

    /// <summary>Removes what launches and handles of dead processes left: run directories, scratch disks, save-run sockets.</summary>
    private static void RemoveStalePrivateDirectories(LaunchParameters parameters, IBackendEventSink sink)
    {
        string[] parents = [RunDirectoryParent(parameters), parameters.TempDirectory ?? Path.GetTempPath(), "/tmp"];
        foreach (string parent in parents.Select(Path.TrimEndingDirectorySeparator).Distinct(StringComparer.Ordinal))
        {
            if (PrivateDirectory.RemoveStale(parent) is > 0 and int removed)
            {
                sink.OnDebug(string.Create(CultureInfo.InvariantCulture, $"launch: removed {removed} private directories of processes that are gone from {parent}"));
            }
        }
    }

    private string CreateChannelSocket(LaunchParameters parameters)
    {
        _temporaryDirectory = PrivateDirectory.Create(RunDirectoryParent(parameters), "guestfs-");
        string socketPath = Path.Combine(_temporaryDirectory, "guestfsd.sock");
        var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            listener.Bind(new UnixDomainSocketEndPoint(socketPath));
            listener.Listen(1);
        }
        catch (SocketException e)
        {
            listener.Dispose();
            throw new GuestfsLaunchException($"launch: cannot listen on the channel socket {socketPath}: {e.Message}", e);
        }

        _listener = listener;
        return socketPath;
    }

    /// <summary>
    /// Writes each network drive's secret to its own 0600 file in the private run directory, where qemu's secret
    /// object reads it (the directory is removed when qemu stops).
    /// </summary>
    private List<ResolvedDrive> WriteSecrets(IReadOnlyList<ResolvedDrive> drives)
    {
        var written = new List<ResolvedDrive>(drives.Count);
        for (int i = 0; i < drives.Count; i++)
        {
            ResolvedDrive drive = drives[i];
            if (drive.Spec.Remote?.Secret is { } secret)
            {
                string file = Path.Combine(_temporaryDirectory!, QemuCommandLine.SecretId(i));
                using (FileStream stream = SecureFile.Open(file, FileMode.CreateNew, FileAccess.Write))
                {
                    stream.Write(Encoding.UTF8.GetBytes(secret));
                }

                drive = drive with { SecretFile = file };
            }

            written.Add(drive);
        }

        return written;
    }

    /// <summary>Waits until qemu connects the daemon channel (failing fast if qemu exits), then stops listening.</summary>
    private async Task<Socket> AcceptChannelAsync(CancellationToken cancellationToken)
    {
        Socket channel = await WithQemuWatchAsync(_listener!.AcceptAsync(cancellationToken).AsTask(), cancellationToken).ConfigureAwait(false);
        _channel = channel;
        CloseListener();
        return channel;
    }

    /// <summary>
    /// Confines qemu (<see cref="QemuSandbox"/>), records and logs its command line, starts it tethered to this
    /// process (<see cref="ProcessTether"/>) with its output pumped to the sink, and watches its exit.
    /// </summary>
    private async Task StartQemuAsync(string hypervisor, IReadOnlyList<string> arguments)
    {
        arguments = await QemuSandbox.ConfineAsync(hypervisor, arguments).ConfigureAwait(false);
        CommandLine = arguments;
        _sink?.OnDebug("launch: " + FormatCommandLine(hypervisor, arguments));

        // qemu puts the temporary overlays of snapshot=on drives in TMPDIR: keep them in our private directory.
        var process = new Process { StartInfo = QemuSandbox.CreateStartInfo(hypervisor, arguments, _temporaryDirectory!), EnableRaisingEvents = true };
        if (_passAgent && Environment.GetEnvironmentVariable("SSH_AUTH_SOCK") is { Length: > 0 } agent)
        {
            process.StartInfo.Environment["SSH_AUTH_SOCK"] = agent;    // qemu's ssh driver authenticates through the agent
        }

        TaskCompletionSource<int> exit = _processExit;
        process.Exited += (_, _) => OnProcessExited(process, exit);
        try
        {
            ProcessTether.Start(process);
        }
        catch (Win32Exception e)
        {
            process.Dispose();
            throw new HypervisorNotFoundException(hypervisor, e);
        }

        bool killedMeanwhile;
        lock (_gate)
        {
            _process = process;
            _processId = process.Id;
            killedMeanwhile = _stopped;
        }

        if (killedMeanwhile)
        {
            // Kill() ran while qemu was starting: it could not see the process, so stop it here.
            process.Kill();
            process.WaitForExit(5000);
            process.Dispose();
            throw new OperationCanceledException("the launch was killed while qemu was starting");
        }

        ChildProcessRegistry.Add(process);
        _pumps = Task.WhenAll(
            PumpAsync(process.StandardOutput.BaseStream, OnConsole),
            PumpAsync(process.StandardError.BaseStream, OnStandardError));
        if (process.HasExited)
        {
            OnProcessExited(process, exit);
        }
    }

    private void OnProcessExited(Process process, TaskCompletionSource<int> exit)
    {
        int code;
        try
        {
            code = process.ExitCode;
        }
        catch (InvalidOperationException)
        {
            code = -1;
        }

        ChildProcessRegistry.Remove(process);
        exit.TrySetResult(code);
        lock (_gate)
        {
            if (!ReferenceEquals(process, _process))
            {
                return;     // a failed snapshot restore's qemu, already replaced
            }
        }

        _exited.TrySetResult(string.Create(CultureInfo.InvariantCulture, $"qemu exited with status {code}"));
    }

    private void OnConsole(string text)
    {
        _console.Append(text);
        _sink?.OnApplianceOutput(text);
    }

    private void OnStandardError(string text)
    {
        lock (_standardError)
        {
            if (_standardError.Length < MaxStandardErrorChars)
            {
                _standardError.Append(text);
            }
        }

        _sink?.OnDebug("qemu: " + text.TrimEnd());
    }

    private static async Task PumpAsync(Stream stream, Action<string> onText)
    {
        var buffer = new byte[4096];
        var chars = new char[Encoding.UTF8.GetMaxCharCount(buffer.Length)];
        Decoder decoder = Encoding.UTF8.GetDecoder();
        try
        {
            while (true)
            {
                int read = await stream.ReadAsync(buffer).ConfigureAwait(false);
                if (read == 0)
                {
                    break;
                }

                int count = decoder.GetChars(buffer, 0, read, chars, 0);
                if (count > 0)
                {
                    onText(new string(chars, 0, count));
                }
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            // The pipe went away with the process.
        }
    }

    /// <summary>
    /// Runs <paramref name="step"/> but fails fast with <see cref="HypervisorExitedException"/> when qemu exits first.
    /// </summary>
    private async Task<T> WithQemuWatchAsync<T>(Task<T> step, CancellationToken cancellationToken)
    {
        Task finished = await Task.WhenAny(step, _processExit.Task).ConfigureAwait(false);
        if (finished == step)
        {
            return await step.ConfigureAwait(false);
        }

        _ = step.ContinueWith(t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
        cancellationToken.ThrowIfCancellationRequested();
        throw await ExitedEarlyAsync().ConfigureAwait(false);
    }

    private async Task WithQemuWatchAsync(Task step, CancellationToken cancellationToken) =>
        await WithQemuWatchAsync(step.ContinueWith(t => { t.GetAwaiter().GetResult(); return true; }, CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default), cancellationToken).ConfigureAwait(false);

    private async Task<HypervisorExitedException> ExitedEarlyAsync()
    {
        int code = await _processExit.Task.ConfigureAwait(false);
        // Let the pumps drain what qemu wrote before it died.
        await Task.WhenAny(_pumps, Task.Delay(2000)).ConfigureAwait(false);
        string error;
        lock (_standardError)
        {
            error = _standardError.ToString();
        }

        return new HypervisorExitedException(code, error, _console.GetTail());
    }

    /// <summary>
    /// Waits until the 4-byte launch flag can be read, without consuming it. A thread of its own polls the socket:
    /// nothing asynchronous may be asked of the channel (see <see cref="LaunchedChannel"/>).
    /// </summary>
    private async Task WaitForLaunchFlagAsync(Socket channel, CancellationToken cancellationToken)
    {
        int available = await Task.Factory.StartNew(
            () => PeekLaunchFlag(channel, cancellationToken), cancellationToken, TaskCreationOptions.LongRunning, TaskScheduler.Default).ConfigureAwait(false);
        if (available >= 4)
        {
            return;
        }

        // The daemon side closed. qemu is usually on its way out: report its exit if it comes.
        Task finished = await Task.WhenAny(_processExit.Task, Task.Delay(3000, cancellationToken)).ConfigureAwait(false);
        if (finished == _processExit.Task)
        {
            throw await ExitedEarlyAsync().ConfigureAwait(false);
        }

        throw new GuestfsLaunchException(
            "launch: the appliance closed the daemon channel before the daemon was ready. Last appliance console output:" +
            Environment.NewLine + _console.GetTail());
    }

    /// <summary>Blocks until 4 bytes can be peeked from <paramref name="channel"/> (returns 4) or it is closed (returns 0).</summary>
    private static int PeekLaunchFlag(Socket channel, CancellationToken cancellationToken)
    {
        Span<byte> peek = stackalloc byte[4];
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!channel.Poll(TimeSpan.FromMilliseconds(50), SelectMode.SelectRead))
            {
                continue;   // the period bounds how late a cancellation is noticed
            }

            int available = channel.Receive(peek, SocketFlags.Peek);
            if (available == 0 || available >= 4)
            {
                return available;
            }

            Thread.Sleep(5);   // part of the flag is there: the rest follows at once
        }
    }

    private void CloseListener()
    {
        Socket? listener = Interlocked.Exchange(ref _listener, null);
        listener?.Dispose();
        if (_temporaryDirectory is not null)
        {
            try
            {
                File.Delete(Path.Combine(_temporaryDirectory, "guestfsd.sock"));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
            }
        }
    }
}

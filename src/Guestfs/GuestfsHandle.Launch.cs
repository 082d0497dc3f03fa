using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Guestfs.Backends;
using Guestfs.Backends.Direct;
using Guestfs.Diagnostics;
using Guestfs.Protocol;

namespace Guestfs;

/// <content>Launch, shutdown, kill, drives, state queries and other library-side actions.</content>
public sealed partial class GuestfsHandle
{
    private const int MaxDisks = 255;

    private readonly List<DriveSpec> _drives = new();

    /// <summary>The drives added so far, in order.</summary>
    internal IReadOnlyList<DriveSpec> AddedDrives => _drives;
    private readonly object _scratchGate = new();
    private string? _scratchDirectory;
    private int _scratchCount;

    /// <summary>
    /// Starts the appliance (<c>launch</c>) and waits until the daemon says it is ready: CONFIG → LAUNCHING →
    /// READY. On failure or timeout the handle returns to CONFIG and a <see cref="GuestfsLaunchException"/> says why.
    /// </summary>
    /// <param name="cancellationToken">Cancels the launch; the appliance is then killed.</param>
    /// <returns>A task that completes when the handle is READY.</returns>
    public async partial Task LaunchAsync(CancellationToken cancellationToken)
    {
        using UserAction action = await StartUserActionAsync(GuestfsState.Config, "launch", cancellationToken).ConfigureAwait(false);
        bool tracing = _trace;
        RaiseEvent(GuestfsEvents.Enter, "launch", null);
        if (tracing)
        {
            TraceLine("launch");
        }

        try
        {
            await LaunchCoreAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            if (tracing)
            {
                TraceLine("launch = -1 (error)");
            }

            throw;
        }

        if (tracing)
        {
            TraceLine("launch = 0");
        }
    }

    private async Task LaunchCoreAsync(CancellationToken cancellationToken)
    {
        string backendName = _backendName;
        bool isUnix = backendName.StartsWith("unix:", StringComparison.Ordinal);
        if (_drives.Count == 0 && !isUnix)
        {
            throw new GuestfsLaunchException("launch: you must add at least one drive (AddDriveAsync) before launching");
        }

        LaunchParameters parameters = BuildLaunchParameters();
        _shutdownTimeout = ShutdownTimeoutFor(parameters.BackendSettings);
        SetState(GuestfsState.Launching);
        ConnectionLog.Launching(_connectionLog, backendName);
        DebugMessage($"launch: backend={backendName}");
        var stopwatch = Stopwatch.StartNew();
        IGuestfsBackend? backend = null;
        GuestfsConnection? connection = null;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(parameters.LaunchTimeout);

        // A pool prepares the replacement of the appliance this launch takes once the launch has ended.
        TaskCompletionSource? launchEnded = _appliancePool is null ? null : new(TaskCreationOptions.RunContinuationsAsynchronously);
        try
        {
            backend = TakePooledBackend(backendName, parameters, launchEnded?.Task) ?? _backendFactory(backendName);
            LaunchedChannel channel = await backend.LaunchAsync(parameters, new HandleEventSink(this), timeout.Token).ConfigureAwait(false);
            connection = new GuestfsConnection(channel.Stream, _protocolLog);
            if (!channel.LaunchFlagRead)
            {
                await connection.ReadLaunchFlagAsync(timeout.Token).ConfigureAwait(false);
            }
        }
        catch (Exception e)
        {
            connection?.Abort("launch failed");
            if (backend is not null)
            {
                backend.Kill();
                await DisposeBackendAsync(backend).ConfigureAwait(false);
            }

            SetState(GuestfsState.Config);
            ConnectionLog.LaunchFailed(_connectionLog, e);
            if (e is OperationCanceledException && cancellationToken.IsCancellationRequested)
            {
                throw new OperationCanceledException("launch was cancelled", e, cancellationToken);
            }

            if (e is OperationCanceledException)
            {
                throw new GuestfsLaunchException($"launch: the appliance did not become ready within {parameters.LaunchTimeout.TotalSeconds:0} seconds", e);
            }

            if (e is GuestfsLaunchException)
            {
                throw;
            }

            throw new GuestfsLaunchException($"launch: {e.Message}", e);
        }
        finally
        {
            launchEnded?.TrySetResult();
        }

        bool closed;
        lock (_sync)
        {
            _connection = connection;
            _backend = backend;
            _lastBreakReason = null;
            closed = _state == GuestfsState.Closed;
            if (!closed)
            {
                _state = GuestfsState.Ready;
            }
        }

        if (closed)
        {
            // The handle was disposed while launching: do not leave the appliance running.
            Break(connection, "the handle was closed during launch");
            throw new ObjectDisposedException(nameof(GuestfsHandle), "launch: the handle was closed during launch");
        }

        ConnectionLog.StateChanged(_connectionLog, GuestfsState.Launching, GuestfsState.Ready);
        ConnectionLog.Launched(_connectionLog, backendName, stopwatch.ElapsedMilliseconds);
        _ = WatchBackendAsync(backend, connection);
        RaiseEvent(GuestfsEvents.LaunchDone, string.Empty, null);
    }

    /// <summary>The backend this handle launches (the <c>backend</c> setting).</summary>
    internal string BackendName => _backendName;

    /// <summary>The settings an appliance pool prepares its appliances with: this handle's, without drives.</summary>
    /// <returns>The launch parameters.</returns>
    internal LaunchParameters PoolLaunchParameters() => BuildLaunchParameters();

    /// <summary>A restored appliance from the handle's pool for this launch, or <see langword="null"/> (with a debug message why).</summary>
    /// <param name="backendName">The backend this launch uses.</param>
    /// <param name="parameters">The launch's settings.</param>
    /// <param name="launchEnded">Completes when this launch has ended (the pool's replacement waits for it).</param>
    private IGuestfsBackend? TakePooledBackend(string backendName, LaunchParameters parameters, Task? launchEnded)
    {
        if (_appliancePool is not { } pool)
        {
            return null;
        }

        if (backendName is not ("direct" or "appliance"))
        {
            DebugMessage($"launch: the appliance pool serves the direct backend only; launching with {backendName}");
            return null;
        }

        IGuestfsBackend? backend = pool.TryTake(parameters, out string reason, launchEnded);
        DebugMessage(backend is null
            ? $"launch: no appliance from the pool ({reason}); launching normally"
            : string.Create(CultureInfo.InvariantCulture, $"launch: using a restored appliance from the pool (qemu pid {backend.ProcessId})"));
        return backend;
    }

    private LaunchParameters BuildLaunchParameters()
    {
        var settings = new Dictionary<string, string>(StringComparer.Ordinal);
        lock (_backendSettings)
        {
            foreach (string setting in _backendSettings)
            {
                int eq = setting.IndexOf('=', StringComparison.Ordinal);
                if (eq < 0)
                {
                    settings[setting] = "1";
                }
                else
                {
                    settings[setting.Substring(0, eq)] = setting.Substring(eq + 1);
                }
            }
        }

        return new LaunchParameters
        {
            Drives = _drives.ToArray(),
            MemsizeMb = _memsize,
            Smp = _smp,
            Append = _append,
            Verbose = _verbose,
            Network = _network,
            Selinux = _selinux,
            BackendSettings = settings,
            Path = _path ?? DefaultPath,
            Hypervisor = _hv,
            TempDirectory = EffectiveTmpdir,
            CacheDirectory = _cachedir,
        };
    }

    /// <summary>
    /// Shuts the appliance down in order (<c>shutdown</c>): with autosync on, unmounts and syncs first, then
    /// closes the channel and lets the backend stop. READY → CONFIG; in CONFIG it does nothing. The sync and the
    /// stop together take at most <see cref="GuestfsOptions.ShutdownTimeout"/> (default 30 s): past it the
    /// appliance is killed and a <c>warning</c> event says so.
    /// </summary>
    /// <param name="cancellationToken">Stops waiting; the appliance is then killed.</param>
    /// <returns>A task that completes when the appliance has stopped.</returns>
    public async partial Task ShutdownAsync(CancellationToken cancellationToken)
    {
        ThrowIfClosed("shutdown");
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            RaiseEvent(GuestfsEvents.Enter, "shutdown", null);
            if (_trace)
            {
                TraceLine("shutdown");
            }

            await ShutdownCoreAsync(cancellationToken).ConfigureAwait(false);
            if (_trace)
            {
                TraceLine("shutdown = 0");
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// The shutdown of <see cref="ShutdownAsync"/> and <see cref="DisposeAsync"/>: the final sync and the backend's
    /// stop together get <see cref="_shutdownTimeout"/>; past it the appliance is killed and a warning says so.
    /// </summary>
    private async Task ShutdownCoreAsync(CancellationToken cancellationToken)
    {
        GuestfsConnection? connection = _connection;
        if (connection is null)
        {
            return;
        }

        ConnectionLog.ShuttingDown(_connectionLog);
        TimeSpan bound = _shutdownTimeout;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(bound);
        string within = string.Create(CultureInfo.InvariantCulture, $"within {bound.TotalSeconds:0.###} s");
        if (_autosync && _state == GuestfsState.Ready && !connection.IsBroken)
        {
            try
            {
                await CallCoreAsync<NoReply>(Procedure.InternalAutosync, null, 0, new CallTransfer(ActionName: "internal_autosync"), "internal_autosync", deadline.Token)
                    .ConfigureAwait(false);
            }
            catch (GuestfsException e)
            {
                WarningMessage("shutdown: autosync failed: " + e.Message);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // The call broke the connection, which killed the appliance (Break is idempotent: this makes sure).
                Break(connection, "the final sync did not finish " + within);
                WarningMessage($"shutdown: the appliance did not finish the final sync (internal_autosync) {within}; it was killed, " +
                               "so writes since the last sync may be lost (set GuestfsOptions.ShutdownTimeout or the backend setting " +
                               $"{ShutdownTimeoutSetting} to wait longer)");
                return;
            }
        }

        IGuestfsBackend? backend;
        lock (_sync)
        {
            if (!ReferenceEquals(_connection, connection))
            {
                return; // broken meanwhile (Break has cleaned up)
            }

            backend = _backend;
            _connection = null;
            _backend = null;
            if (_state != GuestfsState.Closed)
            {
                _state = GuestfsState.Config;
            }
        }

        connection.Abort("shut down");
        try
        {
            if (backend is not null)
            {
                await StopBackendAsync(backend, deadline.Token, cancellationToken, within).ConfigureAwait(false);
            }
        }
        finally
        {
            RaiseEvent(GuestfsEvents.SubprocessQuit, string.Empty, null);
        }
    }

    /// <summary>The backend's orderly stop, bounded by <paramref name="deadline"/>; a kill when it fails or takes too long.</summary>
    private async Task StopBackendAsync(IGuestfsBackend backend, CancellationToken deadline, CancellationToken cancellationToken, string within)
    {
        try
        {
            // WaitAsync: a backend that does not honour the token cannot hold the caller either.
            await backend.ShutdownAsync(deadline).WaitAsync(deadline).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            backend.Kill();
            if (e is OperationCanceledException && cancellationToken.IsCancellationRequested)
            {
                throw;
            }

            WarningMessage(e is OperationCanceledException
                ? $"shutdown: the appliance did not stop {within}; it was killed"
                : "shutdown: the backend did not stop cleanly: " + e.Message);
        }
        finally
        {
            await DisposeBackendAsync(backend).ConfigureAwait(false);
        }
    }

    /// <summary>The shutdown bound of a launch: the option, else the backend setting, else the default.</summary>
    /// <exception cref="GuestfsLaunchException">The backend setting is not a positive number of seconds.</exception>
    private TimeSpan ShutdownTimeoutFor(IReadOnlyDictionary<string, string> settings)
    {
        if (_shutdownTimeoutOption is { } option)
        {
            return option;
        }

        if (!settings.TryGetValue(ShutdownTimeoutSetting, out string? text))
        {
            return DefaultShutdownTimeout;
        }

        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double seconds) || !(seconds > 0) || seconds > MaxShutdownTimeout.TotalSeconds)
        {
            throw new GuestfsLaunchException(
                $"launch: the backend setting {ShutdownTimeoutSetting}={text} is not a number of seconds between 0 and {MaxShutdownTimeout.TotalSeconds:0} (for example {ShutdownTimeoutSetting}=30)");
        }

        return TimeSpan.FromSeconds(seconds);
    }

    /// <summary>
    /// Kills the appliance at once (<c>kill_subprocess</c>, deprecated in favour of <see cref="ShutdownAsync"/>):
    /// no autosync; a call in flight fails with <see cref="GuestfsConnectionException"/>; the handle returns to CONFIG.
    /// </summary>
    /// <param name="cancellationToken">Unused; present for a uniform signature.</param>
    /// <returns>A completed task.</returns>
    public partial Task KillSubprocessAsync(CancellationToken cancellationToken)
    {
        ThrowIfClosed("kill_subprocess");
        if (_connection is { } connection)
        {
            ConnectionLog.Killed(_connectionLog);
            Break(connection, "the appliance was killed by kill_subprocess");
            return Task.CompletedTask;
        }

        return Task.FromException(new InvalidOperationException("kill_subprocess: no appliance is running (the handle is in the CONFIG state)"));
    }

    /// <summary>
    /// Cancels the file transfer in flight (<c>user_cancel</c>); safe from any thread. The transfer fails with a
    /// <see cref="GuestfsException"/> whose errno is <c>EINTR</c> and the handle stays usable. Calls that are not
    /// transferring a file are not affected.
    /// </summary>
    /// <param name="cancellationToken">Unused; present for a uniform signature.</param>
    /// <returns>A completed task.</returns>
    public partial Task UserCancelAsync(CancellationToken cancellationToken)
    {
        CancellationTokenSource? transfer = Volatile.Read(ref _transferCancel);
        try
        {
            transfer?.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The transfer finished meanwhile.
        }

        return Task.CompletedTask;
    }

    /// <summary>
    /// Adds a disk image (<c>add_drive</c>); the first is <c>/dev/sda</c> in the appliance. CONFIG only.
    /// </summary>
    /// <param name="filename">The image file (must exist and be readable).</param>
    /// <param name="options">Optional arguments; <see langword="null"/> for the defaults.</param>
    /// <param name="cancellationToken">Cancels waiting for the handle.</param>
    /// <returns>A task that completes when the drive is added.</returns>
    public partial Task AddDriveAsync(string filename, AddDriveOptions? options, CancellationToken cancellationToken) =>
        ConfigActionAsync("add_drive", TraceAddDrive(filename, options), () => AddDriveCore(filename, options), cancellationToken);

    /// <summary>Adds a disk image read-only (<c>add_drive_ro</c>): writes go to a throwaway overlay. CONFIG only.</summary>
    /// <param name="filename">The image file.</param>
    /// <param name="cancellationToken">Cancels waiting for the handle.</param>
    /// <returns>A task that completes when the drive is added.</returns>
    public partial Task AddDriveRoAsync(string filename, CancellationToken cancellationToken) =>
        ConfigActionAsync("add_drive_ro", filename, () => AddDriveCore(filename, new AddDriveOptions { Readonly = true }), cancellationToken);

    /// <summary>
    /// Adds a temporary blank disk of <paramref name="size"/> bytes (<c>add_drive_scratch</c>): a sparse raw file
    /// in a private (0700) directory under the temporary directory, removed when the handle is closed (or, if the
    /// process dies first, by a later launch). CONFIG only.
    /// </summary>
    /// <param name="size">Size in bytes.</param>
    /// <param name="options">Optional arguments; <see langword="null"/> for the defaults.</param>
    /// <param name="cancellationToken">Cancels waiting for the handle.</param>
    /// <returns>A task that completes when the drive is added.</returns>
    public partial Task AddDriveScratchAsync(long size, AddDriveScratchOptions? options, CancellationToken cancellationToken) =>
        ConfigActionAsync("add_drive_scratch", size, () =>
        {
            ArgumentGuard.ThrowIfNegative(size);
            CheckDriveCount();
            string file;
            lock (_scratchGate)
            {
                _scratchDirectory ??= PrivateDirectory.Create(EffectiveTmpdir, PrivateDirectory.NamePrefix + "scratch-");
                file = Path.Combine(_scratchDirectory, $"scratch{++_scratchCount}.img");
            }

            using (FileStream stream = SecureFile.Open(file, FileMode.CreateNew, FileAccess.Write))
            {
                stream.SetLength(size); // sparse: no blocks are written
            }

            _drives.Add(new DriveSpec(file)
            {
                Format = "raw",
                Cachemode = "unsafe",
                Name = options?.Name,
                Label = options?.Label,
                Blocksize = options?.Blocksize ?? 0,
            });
        }, cancellationToken);

    private void AddDriveCore(string filename, AddDriveOptions? options)
    {
        ArgumentGuard.ThrowIfContainsNul(filename);
        options ??= new AddDriveOptions();
        CheckDriveCount();
        string protocol = options.Protocol ?? "file";
        RemoteSource? remote = null;
        if (protocol == "file")
        {
            if (options.Server is { Count: > 0 })
            {
                throw new ArgumentException("add_drive: the 'file' protocol takes no server", nameof(options));
            }

            if (options.Username is not null || options.Secret is not null)
            {
                throw new ArgumentException("add_drive: the 'file' protocol takes no username or secret", nameof(options));
            }
        }
        else
        {
            remote = RemoteSource.Create(protocol, filename, options.Server, options.Username, options.Secret);
            if (remote.ReadOnlyDriver && options.Readonly != true)
            {
                throw new ArgumentException(
                    $"add_drive: qemu can only read {protocol} drives: add it with readonly:true (gfish: --ro or add-ro)", nameof(options));
            }
        }

        CheckToken(options.Format, "format");
        CheckToken(options.Iface, "iface");
        if (options.Cachemode is { } cachemode && cachemode is not ("writeback" or "unsafe"))
        {
            throw new ArgumentException($"add_drive: cachemode must be 'writeback' or 'unsafe', not '{cachemode}'", nameof(options));
        }

        if (options.Discard is { } discard && discard is not ("disable" or "enable" or "besteffort"))
        {
            throw new ArgumentException($"add_drive: discard must be 'disable', 'enable' or 'besteffort', not '{discard}'", nameof(options));
        }

        bool readOnly = options.Readonly ?? false;
        if (readOnly && options.Discard == "enable")
        {
            throw new ArgumentException("add_drive: discard cannot be 'enable' on a read-only drive", nameof(options));
        }

        if (options.Blocksize is { } blocksize && blocksize is not (0 or 512 or 4096))
        {
            throw new ArgumentException($"add_drive: blocksize must be 512 or 4096, not {blocksize}", nameof(options));
        }

        if (options.Label is { } label && (label.Length == 0 || label.Length > 20 || !IsToken(label)))
        {
            throw new ArgumentException($"add_drive: label '{label}' must be 1 to 20 letters, digits or '_'", nameof(options));
        }

        if (remote is null && filename != "/dev/null" && !File.Exists(filename))
        {
            throw new GuestfsException($"add_drive: {filename}: No such file or directory", "ENOENT", "add_drive");
        }

        _drives.Add(new DriveSpec(filename, remote)
        {
            Format = options.Format,
            Readonly = readOnly,
            Name = options.Name,
            Label = options.Label,
            Cachemode = options.Cachemode,
            Discard = options.Discard,
            Copyonread = options.Copyonread ?? false,
            Blocksize = options.Blocksize ?? 0,
        });
    }

    private void CheckDriveCount()
    {
        if (_drives.Count >= MaxDisks)
        {
            throw new GuestfsException($"add_drive: too many drives (the maximum is {MaxDisks})", "EINVAL", "add_drive");
        }
    }

    private static void CheckToken(string? value, string name)
    {
        if (value is not null && (value.Length == 0 || !IsToken(value)))
        {
            throw new ArgumentException($"add_drive: {name} '{value}' may contain only letters, digits, '-' and '_'", "options");
        }
    }

    private static bool IsToken(string value)
    {
        foreach (char c in value)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c == '_' || c == '-'))
            {
                return false;
            }
        }

        return true;
    }

    private static string TraceAddDrive(string filename, AddDriveOptions? options)
    {
        var text = new System.Text.StringBuilder("\"" + filename + "\"");
        if (options is not null)
        {
            void Opt(string name, object? value)
            {
                if (value is not null)
                {
                    text.Append(" \"").Append(name).Append(':').Append(value is bool b ? (b ? "true" : "false") : value).Append('"');
                }
            }

            Opt("readonly", options.Readonly);
            Opt("format", options.Format);
            Opt("iface", options.Iface);
            Opt("name", options.Name);
            Opt("label", options.Label);
            Opt("protocol", options.Protocol);
            Opt("server", options.Server is null ? null : string.Join(" ", options.Server));
            Opt("username", options.Username);
            Opt("secret", options.Secret is null ? null : Protocol.TraceFormatter.Masked); // libguestfs prints it in clear
            Opt("cachemode", options.Cachemode);
            Opt("discard", options.Discard);
            Opt("copyonread", options.Copyonread);
            Opt("blocksize", options.Blocksize);
        }

        return text.ToString();
    }

    private void DeleteScratchFiles()
    {
        lock (_scratchGate)
        {
            PrivateDirectory.Delete(_scratchDirectory);    // best effort, as libguestfs's cleanup
            _scratchDirectory = null;
        }
    }

    /// <summary>Whether the handle is in the CONFIG state (<c>is_config</c>).</summary>
    /// <param name="cancellationToken">Unused; present for a uniform signature.</param>
    /// <returns>The answer.</returns>
    public partial Task<bool> IsConfigAsync(CancellationToken cancellationToken) => Getter("is_config", _state == GuestfsState.Config);

    /// <summary>Whether the handle is launching (<c>is_launching</c>).</summary>
    /// <param name="cancellationToken">Unused; present for a uniform signature.</param>
    /// <returns>The answer.</returns>
    public partial Task<bool> IsLaunchingAsync(CancellationToken cancellationToken) => Getter("is_launching", _state == GuestfsState.Launching);

    /// <summary>Whether the handle is READY (<c>is_ready</c>).</summary>
    /// <param name="cancellationToken">Unused; present for a uniform signature.</param>
    /// <returns>The answer.</returns>
    public partial Task<bool> IsReadyAsync(CancellationToken cancellationToken) => Getter("is_ready", _state == GuestfsState.Ready);

    /// <summary>Whether a call is in flight (<c>is_busy</c>).</summary>
    /// <param name="cancellationToken">Unused; present for a uniform signature.</param>
    /// <returns>The answer.</returns>
    public partial Task<bool> IsBusyAsync(CancellationToken cancellationToken) => Getter("is_busy", State == GuestfsState.Busy);

    /// <summary>The state as libguestfs numbers it (<c>get_state</c>: 0 CONFIG, 1 LAUNCHING, 2 READY, 3 BUSY).</summary>
    /// <param name="cancellationToken">Unused; present for a uniform signature.</param>
    /// <returns>The number.</returns>
    public partial Task<int> GetStateAsync(CancellationToken cancellationToken) => Getter("get_state", (int)State);

    /// <summary>The hypervisor's process id (<c>get_pid</c>); an error when there is none.</summary>
    /// <param name="cancellationToken">Unused; present for a uniform signature.</param>
    /// <returns>The process id.</returns>
    public partial Task<int> GetPidAsync(CancellationToken cancellationToken)
    {
        if (_backend?.ProcessId is { } pid)
        {
            return Getter("get_pid", pid);
        }

        return Task.FromException<int>(new GuestfsException("get_pid: no hypervisor process is running", "ESRCH", "get_pid"));
    }

    /// <summary>
    /// The libguestfs version this library is wire-compatible with (<c>version</c>): 1.48.6.
    /// </summary>
    /// <param name="cancellationToken">Unused; present for a uniform signature.</param>
    /// <returns>The version.</returns>
    public partial Task<Version> VersionAsync(CancellationToken cancellationToken) => Getter("version", new Version(1, 48, 6, string.Empty));

    /// <summary>The most drives a handle can have (<c>max_disks</c>).</summary>
    /// <param name="cancellationToken">Unused; present for a uniform signature.</param>
    /// <returns>255.</returns>
    public partial Task<int> MaxDisksAsync(CancellationToken cancellationToken) => Getter("max_disks", MaxDisks);

    internal void OnBackendApplianceOutput(string text) => ApplianceOutput(text);

    internal void OnBackendDebug(string message) => DebugMessage(message);

    internal void OnBackendWarning(string message) => WarningMessage(message);
}

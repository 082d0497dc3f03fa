using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Guestfs.Backends;
using Guestfs.Backends.Direct;

namespace Guestfs;

/// <summary>
/// Keeps appliances restored from the saved snapshot state and paused, without drives, so that a launch only plugs
/// its drives and resumes one: give the pool to a handle with <see cref="GuestfsOptions.AppliancePool"/>.
/// </summary>
/// <remarks>
/// <para>Each appliance serves one launch of one handle: it gets that handle's drives, and when the handle shuts
/// down it is stopped like any appliance. It never goes back to the pool and is never shared between handles, so
/// no disk is ever seen by an appliance that saw another's. After each launch the pool prepares a replacement in
/// the background, one at a time; the replacement's qemu starts once the launch that took an appliance has ended
/// (or after 10 s), so that it does not compete with that launch for the CPUs.</para>
/// <para>A handle takes an appliance only when its settings (memory, CPUs, kernel command line, backend settings,
/// appliance path, hypervisor) match the pool's <see cref="AppliancePoolOptions.Appliance"/> settings and one is
/// ready; otherwise, or when the pooled appliance fails while its drives are plugged, the handle launches normally
/// and says why in a debug message (a failed pooled appliance also in a warning).</para>
/// <para>Disposing the pool stops the appliances it holds (not those handles took). The appliances are tethered
/// to this process like every qemu the library starts: they die with it, however it ends.</para>
/// </remarks>
public sealed class AppliancePool : IAsyncDisposable
{
    private const int MaxSize = 16;
    private const int MaxConsecutiveFailures = 3;

    private readonly object _gate = new();
    private readonly Queue<(IGuestfsBackend Backend, long Memory, DateTimeOffset ReadyAt)> _ready = new();
    private readonly List<Task> _launches = new();
    private readonly AppliancePoolOptions _options;
    private readonly Func<CancellationToken, Task<IGuestfsBackend>> _prepare;
    private readonly Func<IGuestfsBackend, long> _measure;
    private readonly Action<string> _debug;
    private readonly Action<string> _warning;
    private readonly string _shape;
    private readonly CancellationTokenSource _disposed = new();
    private readonly SemaphoreSlim _wake = new(0);
    private readonly Task _filler;
    private readonly GuestfsHandle? _template;
    private TaskCompletionSource _settled = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _preparing;
    private int _failures;
    private bool _resting;
    private bool _stopped;
    private long _memoryPerAppliance;

    /// <summary>Creates the pool and starts filling it in the background.</summary>
    /// <param name="options">Its settings; <see langword="null"/> for one appliance with the default settings.</param>
    /// <exception cref="ArgumentOutOfRangeException">A size outside 1 to 16, or a non-positive idle time or memory bound.</exception>
    /// <exception cref="ArgumentException">The appliance settings name a backend other than <c>direct</c>, or a pool of their own.</exception>
    public AppliancePool(AppliancePoolOptions? options = null)
        : this(options ?? new AppliancePoolOptions(), CreateTemplate(options), null, null)
    {
    }

    /// <summary>Creates a pool over another way of preparing appliances (tests).</summary>
    internal AppliancePool(
        AppliancePoolOptions options,
        GuestfsHandle? template,
        Func<CancellationToken, Task<IGuestfsBackend>>? prepare,
        Func<IGuestfsBackend, long>? measure,
        string? shape = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Size, 1, nameof(options));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(options.Size, MaxSize, nameof(options));
        if (options.IdleTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.IdleTimeout, "IdleTimeout must be more than zero");
        }

        if (options.MaxMemoryBytes is <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.MaxMemoryBytes, "MaxMemoryBytes must be more than zero");
        }

        _options = options;
        _template = template;
        _measure = measure ?? MeasureResidentMemory;
        if (template is not null)
        {
            LaunchParameters parameters = template.PoolLaunchParameters();
            var sink = new HandleEventSink(template);
            _shape = shape ?? Shape(parameters);
            _debug = sink.OnDebug;
            _warning = sink.OnWarning;
            _prepare = prepare ?? (async token =>
            {
                var backend = new DirectBackend();
                await backend.PrepareAsync(parameters, sink, token).ConfigureAwait(false);
                return backend;
            });
        }
        else
        {
            _shape = shape ?? string.Empty;
            _debug = _ => { };
            _warning = _ => { };
            _prepare = prepare ?? throw new ArgumentNullException(nameof(prepare));
        }

        _filler = Task.Run(FillAsync);
    }

    /// <summary>How many appliances are ready now.</summary>
    public int ReadyCount
    {
        get
        {
            lock (_gate)
            {
                return _ready.Count;
            }
        }
    }

    /// <summary>
    /// The longest a replacement waits for the launches that took appliances to end (10 s): a launch whose pooled
    /// appliance failed boots normally, and the pool must not stay empty that long.
    /// </summary>
    internal TimeSpan RefillWaitBound { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The resident memory of one paused appliance's qemu, in bytes, as last measured (0 before the first).</summary>
    public long MemoryPerAppliance => Interlocked.Read(ref _memoryPerAppliance);

    /// <summary>
    /// Waits until the pool has filled as far as it can: <see cref="AppliancePoolOptions.Size"/> appliances ready, or
    /// fewer when the memory bound stops it or preparing keeps failing.
    /// </summary>
    /// <param name="cancellationToken">Stops the wait (not the filling).</param>
    /// <returns>A task that completes when the pool is settled.</returns>
    public Task WaitUntilFilledAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed.IsCancellationRequested, this);
        lock (_gate)
        {
            return _settled.Task.WaitAsync(cancellationToken);
        }
    }

    /// <summary>Stops filling, stops every appliance the pool still holds, and waits for the filler to finish.</summary>
    /// <returns>A task that completes when done.</returns>
    public async ValueTask DisposeAsync()
    {
        if (_disposed.IsCancellationRequested)
        {
            return;
        }

        await _disposed.CancelAsync().ConfigureAwait(false);
        _wake.Release();
        try
        {
            await _filler.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        List<IGuestfsBackend> held;
        lock (_gate)
        {
            held = _ready.Select(r => r.Backend).ToList();
            _ready.Clear();
            _settled.TrySetResult();
        }

        foreach (IGuestfsBackend backend in held)
        {
            await StopAsync(backend).ConfigureAwait(false);
        }

        if (_template is not null)
        {
            await _template.DisposeAsync().ConfigureAwait(false);
        }

        _disposed.Dispose();
    }

    /// <summary>
    /// Stops preparing appliances for good: those ready stay for handles to take (until their idle time or the
    /// pool's disposal), and none replaces them. For an owner that knows no more launches will come.
    /// </summary>
    internal void StopFilling()
    {
        lock (_gate)
        {
            _stopped = true;
        }

        _wake.Release();
    }

    /// <summary>
    /// Hands out a ready appliance for one launch (never again), or says why there is none. Either way the pool
    /// goes on filling.
    /// </summary>
    /// <param name="parameters">The launching handle's settings.</param>
    /// <param name="reason">Why no appliance is given (for a debug message).</param>
    /// <param name="launchEnded">
    /// Completes when the taker's launch has ended, either way: the replacement waits for it (at most
    /// <see cref="RefillWaitBound"/>). <see langword="null"/>: the replacement starts at once.
    /// </param>
    /// <returns>The prepared backend, or <see langword="null"/>.</returns>
    internal IGuestfsBackend? TryTake(LaunchParameters parameters, out string reason, Task? launchEnded = null)
    {
        if (_disposed.IsCancellationRequested)
        {
            reason = "the pool is disposed";
            return null;
        }

        if (_template is not null && Shape(parameters) != _shape)
        {
            reason = "the handle's settings differ from the pool's";
            return null;
        }

        IGuestfsBackend? taken = null;
        var dead = new List<IGuestfsBackend>();
        lock (_gate)
        {
            _resting = false;
            _failures = 0;
            if (_settled.Task.IsCompleted)
            {
                // The filler settles it again once it has refilled (or cannot).
                _settled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }

            while (_ready.TryDequeue(out var entry))
            {
                if (entry.Backend.Exited.IsCompleted)
                {
                    dead.Add(entry.Backend);
                    continue;
                }

                taken = entry.Backend;
                break;
            }

            reason = taken is null
                ? string.Create(CultureInfo.InvariantCulture, $"the pool has no ready appliance ({_preparing} being prepared)")
                : string.Empty;
            if (taken is not null && launchEnded is not null && !launchEnded.IsCompleted)
            {
                _launches.Add(launchEnded);
            }
        }

        foreach (IGuestfsBackend backend in dead)
        {
            _debug("pool: an appliance exited while it waited in the pool; dropped");
            _ = StopAsync(backend);
        }

        _wake.Release();
        return taken;
    }

    /// <summary>The settings that must match for a handle to use the pool's appliances (the drives and timeouts aside).</summary>
    internal static string Shape(LaunchParameters parameters) => string.Join(
        '\n',
        parameters.MemsizeMb.ToString(CultureInfo.InvariantCulture),
        parameters.Smp.ToString(CultureInfo.InvariantCulture),
        parameters.Append ?? string.Empty,
        parameters.Verbose ? "verbose" : string.Empty,
        parameters.Network ? "network" : string.Empty,
        parameters.Selinux ? "selinux" : string.Empty,
        parameters.Path ?? string.Empty,
        parameters.Hypervisor ?? string.Empty,
        parameters.CacheDirectory ?? string.Empty,
        string.Join(' ', parameters.BackendSettings
            .Where(s => s.Key != GuestfsHandle.ShutdownTimeoutSetting)
            .OrderBy(s => s.Key, StringComparer.Ordinal)
            .Select(s => s.Key + "=" + s.Value)));

    private static GuestfsHandle CreateTemplate(AppliancePoolOptions? options)
    {
        GuestfsOptions settings = options?.Appliance ?? new GuestfsOptions();
        if (settings.AppliancePool is not null)
        {
            throw new ArgumentException("the pool's appliance settings must not name a pool themselves", nameof(options));
        }

        var template = new GuestfsHandle(settings);
        if (template.BackendName is not ("direct" or "appliance"))
        {
            throw new ArgumentException($"an appliance pool needs the direct backend, not '{template.BackendName}'", nameof(options));
        }

        return template;
    }

    /// <summary>A process's resident memory (<c>VmRSS</c> in <c>/proc/PID/status</c>), or 0 when it cannot be read.</summary>
    private static long MeasureResidentMemory(IGuestfsBackend backend)
    {
        if (backend.ProcessId is not { } pid)
        {
            return 0;
        }

        try
        {
            foreach (string line in File.ReadLines(string.Create(CultureInfo.InvariantCulture, $"/proc/{pid}/status")))
            {
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal) &&
                    long.TryParse(line.AsSpan(6).Trim().TrimEnd("kB").Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out long kib))
                {
                    return kib * 1024;
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }

        return 0;
    }

    private static async Task StopAsync(IGuestfsBackend backend)
    {
        backend.Kill();
        await backend.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>The background filler: prepares one appliance at a time while the pool is below its size and bounds.</summary>
    private async Task FillAsync()
    {
        CancellationToken token = _disposed.Token;
        while (!token.IsCancellationRequested)
        {
            List<IGuestfsBackend> expired = TakeExpired();
            foreach (IGuestfsBackend backend in expired)
            {
                _debug(string.Create(CultureInfo.InvariantCulture, $"pool: an appliance waited {_options.IdleTimeout.TotalSeconds:0} s unused; stopped"));
                await StopAsync(backend).ConfigureAwait(false);
            }

            if (LaunchesToWaitFor() is { } launches)
            {
                try
                {
                    await Task.WhenAll(launches).WaitAsync(RefillWaitBound, token).ConfigureAwait(false);
                }
                catch (TimeoutException)
                {
                    _debug(string.Create(CultureInfo.InvariantCulture,
                        $"pool: a launch from the pool still runs after {RefillWaitBound.TotalSeconds:0} s; preparing the replacement meanwhile"));
                }
                catch (OperationCanceledException)
                {
                    return;
                }

                lock (_gate)
                {
                    _launches.RemoveAll(launches.Contains);
                }

                continue;
            }

            TimeSpan? wait = null;
            bool start;
            lock (_gate)
            {
                long held = _ready.Sum(r => r.Memory);
                long next = Interlocked.Read(ref _memoryPerAppliance);
                bool memoryFull = _options.MaxMemoryBytes is { } max && next > 0 && held + next > max;
                start = !_resting && !_stopped && !memoryFull && _failures < MaxConsecutiveFailures && _ready.Count + _preparing < _options.Size;
                if (start)
                {
                    _preparing++;
                    if (_settled.Task.IsCompleted)
                    {
                        _settled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                    }
                }
                else
                {
                    _settled.TrySetResult();
                    if (_ready.Count > 0)
                    {
                        wait = _ready.Peek().ReadyAt + _options.IdleTimeout - DateTimeOffset.UtcNow;
                    }
                }
            }

            if (start)
            {
                await PrepareOneAsync(token).ConfigureAwait(false);
                continue;
            }

            try
            {
                TimeSpan timeout = wait is { } w ? (w > TimeSpan.Zero ? w : TimeSpan.Zero) + TimeSpan.FromMilliseconds(10) : Timeout.InfiniteTimeSpan;
                await _wake.WaitAsync(timeout, token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>
    /// The launches from this pool still running when a replacement is due, or <see langword="null"/> when there
    /// are none or the pool needs no replacement. Launches that take an appliance later do not hold it back further.
    /// </summary>
    private List<Task>? LaunchesToWaitFor()
    {
        lock (_gate)
        {
            _launches.RemoveAll(static t => t.IsCompleted);
            bool due = !_resting && !_stopped && _ready.Count + _preparing < _options.Size;
            return due && _launches.Count > 0 ? [.. _launches] : null;
        }
    }

    private async Task PrepareOneAsync(CancellationToken token)
    {
        IGuestfsBackend? backend = null;
        try
        {
            backend = await _prepare(token).ConfigureAwait(false);
            long memory = _measure(backend);
            if (memory > 0)
            {
                Interlocked.Exchange(ref _memoryPerAppliance, memory);
            }

            bool keep;
            lock (_gate)
            {
                long held = _ready.Sum(r => r.Memory);
                keep = !token.IsCancellationRequested && (_options.MaxMemoryBytes is not { } max || held + memory <= max);
                if (keep)
                {
                    _ready.Enqueue((backend, memory, DateTimeOffset.UtcNow));
                    _failures = 0;
                }
            }

            if (!keep)
            {
                if (!token.IsCancellationRequested)
                {
                    _debug(string.Create(CultureInfo.InvariantCulture,
                        $"pool: one more appliance ({memory / (1024 * 1024)} MiB) would pass the memory bound of {_options.MaxMemoryBytes / (1024 * 1024)} MiB; stopped it"));
                }

                await StopAsync(backend).ConfigureAwait(false);
            }
            else
            {
                _debug(string.Create(CultureInfo.InvariantCulture, $"pool: an appliance is ready ({memory / (1024 * 1024)} MiB resident)"));
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            if (backend is not null)
            {
                await StopAsync(backend).ConfigureAwait(false);
            }
        }
        catch (Exception e)
        {
            int failures;
            lock (_gate)
            {
                failures = ++_failures;
            }

            _warning($"pool: preparing an appliance failed ({e.GetType().Name}: {e.Message.Split('\n')[0]})" +
                     (failures >= MaxConsecutiveFailures ? "; the pool stops trying until a launch asks it again" : string.Empty));
        }
        finally
        {
            lock (_gate)
            {
                _preparing--;
            }
        }
    }

    /// <summary>Removes the appliances that waited longer than the idle time; the pool then rests until the next take.</summary>
    private List<IGuestfsBackend> TakeExpired()
    {
        var expired = new List<IGuestfsBackend>();
        lock (_gate)
        {
            DateTimeOffset now = DateTimeOffset.UtcNow;
            while (_ready.TryPeek(out var entry) && (now - entry.ReadyAt >= _options.IdleTimeout || entry.Backend.Exited.IsCompleted))
            {
                expired.Add(_ready.Dequeue().Backend);
                _resting |= now - entry.ReadyAt >= _options.IdleTimeout;
            }
        }

        return expired;
    }
}

using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Guestfs.Backends;
using Guestfs.Protocol;
using Guestfs.Tests.Engine;

namespace Guestfs.Tests.Backends;

/// <summary>
/// The warm pool's bookkeeping over stand-in appliances: it fills to its size within its memory bound, hands each
/// appliance out once, refills, stops appliances that idle or exit, and stops what it holds when disposed.
/// </summary>
public sealed class AppliancePoolTests
{
    private static readonly TimeSpan s_limit = TimeSpan.FromSeconds(20);
    private static readonly LaunchParameters s_parameters = new() { Drives = [] };

    private readonly ConcurrentQueue<ScriptedBackend> _prepared = new();

    [Fact]
    public async Task Pool_FillsToItsSize_HandsEachOutOnce_AndRefills()
    {
        await using AppliancePool pool = Create(new AppliancePoolOptions { Size = 2 });
        await pool.WaitUntilFilledAsync().WaitAsync(s_limit);
        Assert.Equal(2, pool.ReadyCount);

        var taken = new List<IGuestfsBackend>();
        for (int i = 0; i < 4; i++)
        {
            await pool.WaitUntilFilledAsync().WaitAsync(s_limit);
            taken.Add(Assert.IsType<ScriptedBackend>(pool.TryTake(s_parameters, out _)));
        }

        Assert.Equal(4, taken.Distinct().Count());     // never the same appliance twice
        await pool.WaitUntilFilledAsync().WaitAsync(s_limit);
        Assert.Equal(2, pool.ReadyCount);
        Assert.Equal(6, _prepared.Count);
        Assert.DoesNotContain(_prepared, b => b.Killed);
    }

    [Fact]
    public async Task Pool_Replacement_WaitsUntilTheTakersLaunchHasEnded()
    {
        await using AppliancePool pool = Create(new AppliancePoolOptions { Size = 1 });
        await pool.WaitUntilFilledAsync().WaitAsync(s_limit);
        var launch = new TaskCompletionSource();
        Assert.NotNull(pool.TryTake(s_parameters, out _, launch.Task));

        await Task.Delay(300);
        Assert.Single(_prepared);       // its qemu would compete with the launch for the CPUs
        Assert.False(pool.WaitUntilFilledAsync().IsCompleted);
        launch.SetResult();
        await pool.WaitUntilFilledAsync().WaitAsync(s_limit);
        Assert.Equal(1, pool.ReadyCount);
        Assert.Equal(2, _prepared.Count);
    }

    [Fact]
    public async Task Pool_Replacement_WaitsForALaunchNoLongerThanTheBound()
    {
        await using var pool = new AppliancePool(new AppliancePoolOptions { Size = 1 }, null, Prepare, _ => 0)
        {
            RefillWaitBound = TimeSpan.FromMilliseconds(300),
        };
        await pool.WaitUntilFilledAsync().WaitAsync(s_limit);
        var clock = Stopwatch.StartNew();
        Assert.NotNull(pool.TryTake(s_parameters, out _, new TaskCompletionSource().Task));     // a launch that never ends

        await pool.WaitUntilFilledAsync().WaitAsync(s_limit);
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(250), $"refilled after {clock.Elapsed.TotalMilliseconds:0} ms");
        Assert.Equal(1, pool.ReadyCount);
        Assert.Equal(2, _prepared.Count);
    }

    [Fact]
    public async Task Pool_StopsFillingAtTheMemoryBound()
    {
        const long perAppliance = 100L << 20;
        await using AppliancePool pool = Create(new AppliancePoolOptions { Size = 4, MaxMemoryBytes = 250L << 20 }, _ => perAppliance);
        await pool.WaitUntilFilledAsync().WaitAsync(s_limit);

        Assert.Equal(2, pool.ReadyCount);
        Assert.Equal(perAppliance, pool.MemoryPerAppliance);
        Assert.Equal(2, _prepared.Count);
    }

    [Fact]
    public async Task Pool_ApplianceOverTheMemoryBound_IsStopped()
    {
        await using AppliancePool pool = Create(new AppliancePoolOptions { Size = 2, MaxMemoryBytes = 50L << 20 }, _ => 100L << 20);
        await pool.WaitUntilFilledAsync().WaitAsync(s_limit);

        Assert.Equal(0, pool.ReadyCount);
        ScriptedBackend only = Assert.Single(_prepared);
        Assert.True(only.Killed);
        Assert.Null(pool.TryTake(s_parameters, out string reason));
        Assert.Contains("no ready appliance", reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pool_IdleAppliances_AreStopped_AndThePoolRestsUntilTheNextTake()
    {
        await using AppliancePool pool = Create(new AppliancePoolOptions { Size = 1, IdleTimeout = TimeSpan.FromMilliseconds(200) });
        await pool.WaitUntilFilledAsync().WaitAsync(s_limit);
        ScriptedBackend first = Assert.Single(_prepared);

        await WaitForAsync(() => first.Killed);
        await Task.Delay(300);
        Assert.Equal(0, pool.ReadyCount);
        Assert.Single(_prepared);       // resting: no refill while nobody asks

        Assert.Null(pool.TryTake(s_parameters, out _));
        await WaitForAsync(() => pool.ReadyCount == 1);
        Assert.Equal(2, _prepared.Count);
    }

    [Fact]
    public async Task Pool_ApplianceThatExitedWhileWaiting_IsNotHandedOut()
    {
        await using AppliancePool pool = Create(new AppliancePoolOptions { Size = 1 });
        await pool.WaitUntilFilledAsync().WaitAsync(s_limit);
        ScriptedBackend dead = Assert.Single(_prepared);
        dead.Exit("qemu exited with status 1");

        Assert.Null(pool.TryTake(s_parameters, out _));
        await WaitForAsync(() => dead.Killed && pool.ReadyCount == 1);
        Assert.NotSame(dead, pool.TryTake(s_parameters, out _));
    }

    [Fact]
    public async Task Dispose_StopsTheHeldAppliances_AndNothingIsTakenAfterwards()
    {
        AppliancePool pool = Create(new AppliancePoolOptions { Size = 3 });
        await pool.WaitUntilFilledAsync().WaitAsync(s_limit);
        IGuestfsBackend? taken = pool.TryTake(s_parameters, out _);

        await pool.DisposeAsync();

        Assert.All(_prepared.Where(b => b != taken), b => Assert.True(b.Killed));
        Assert.False(((ScriptedBackend)taken!).Killed);    // the handle that took it owns it
        Assert.Null(pool.TryTake(s_parameters, out string reason));
        Assert.Contains("disposed", reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pool_PreparationFails_StopsAfterThreeTries_AndTriesAgainOnTheNextTake()
    {
        int attempts = 0;
        await using var pool = new AppliancePool(new AppliancePoolOptions { Size = 1 }, null, _ =>
        {
            Interlocked.Increment(ref attempts);
            return Task.FromException<IGuestfsBackend>(new GuestfsLaunchException("no state"));
        }, _ => 0);
        await pool.WaitUntilFilledAsync().WaitAsync(s_limit);
        Assert.Equal(3, attempts);

        Assert.Null(pool.TryTake(s_parameters, out _));
        await WaitForAsync(() => Volatile.Read(ref attempts) == 6);
    }

    [Fact]
    public async Task Pool_HandleWithOtherSettings_GetsNoAppliance()
    {
        await using var template = new GuestfsHandle(new GuestfsOptions { ReadEnvironment = false, Memsize = 512 });
        await using var pool = new AppliancePool(new AppliancePoolOptions { Size = 1 }, template, Prepare, _ => 0);
        await pool.WaitUntilFilledAsync().WaitAsync(s_limit);

        await using var other = new GuestfsHandle(new GuestfsOptions { ReadEnvironment = false, Memsize = 768 });
        Assert.Null(pool.TryTake(other.PoolLaunchParameters(), out string reason));
        Assert.Contains("settings differ", reason, StringComparison.Ordinal);
        await using var same = new GuestfsHandle(new GuestfsOptions { ReadEnvironment = false, Memsize = 512, BackendSettings = ["shutdown_timeout=5"] });
        Assert.NotNull(pool.TryTake(same.PoolLaunchParameters(), out _));
    }

    [Fact]
    public async Task Handle_LaunchesFromThePool_ThenTheNextHandleGetsAnotherAppliance()
    {
        await using FakeDaemon daemon = FakeDaemon.Start();
        await using var pool = new AppliancePool(new AppliancePoolOptions { Size = 1 }, null, token =>
        {
            var backend = new ScriptedBackend(daemon.SocketPath);
            _prepared.Enqueue(backend);
            return Task.FromResult<IGuestfsBackend>(backend);
        }, _ => 0);
        await pool.WaitUntilFilledAsync().WaitAsync(s_limit);
        var debug = new ConcurrentQueue<string>();
        await using var g = new GuestfsHandle(new GuestfsOptions
        {
            ReadEnvironment = false, Backend = "direct", DiagnosticWriter = TextWriter.Null, AppliancePool = pool, Verbose = true,
            BackendFactory = _ => throw new InvalidOperationException("the pool's appliance should have been used"),
        });
        g.SetEventCallback((_, _, e) => debug.Enqueue(e.Buffer), GuestfsEvents.Library);
        await g.SetAutosyncAsync(false);
        await g.AddDriveAsync("/dev/null");
        Task launch = g.LaunchAsync();
        await daemon.AcceptAsync();
        await Task.Delay(300);
        Assert.Single(_prepared);       // the replacement waits until this launch has ended
        await daemon.SendWordAsync(ProtocolConstants.LaunchFlag);
        await launch.WaitAsync(s_limit);

        ScriptedBackend used = _prepared.First();
        Assert.NotNull(used.Parameters);
        Assert.Equal("/dev/null", Assert.Single(used.Parameters!.Drives).Filename);
        Assert.Contains(debug, m => m.StartsWith("launch: using a restored appliance from the pool", StringComparison.Ordinal));
        await WaitForAsync(() => pool.ReadyCount == 1);
        Assert.Equal(2, _prepared.Count);
    }

    private AppliancePool Create(AppliancePoolOptions options, Func<IGuestfsBackend, long>? measure = null) =>
        new(options, null, Prepare, measure ?? (_ => 0));

    private Task<IGuestfsBackend> Prepare(CancellationToken cancellationToken)
    {
        var backend = new ScriptedBackend(Stream.Null);
        _prepared.Enqueue(backend);
        return Task.FromResult<IGuestfsBackend>(backend);
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + s_limit;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the condition did not become true in time");
            await Task.Delay(20);
        }
    }
}

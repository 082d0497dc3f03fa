using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Guestfs.Backends;
using Guestfs.Fleet;
using Guestfs.Protocol;
using Guestfs.Tests.Engine;

namespace Guestfs.Tests.Fleet;

/// <summary>
/// The runner's scheduling with handles that are opened but not launched (no appliance): parallelism, streaming,
/// per-image failures and time limits, cancellation, early stop, and the default parallelism rule.
/// </summary>
public sealed class FleetRunnerTests
{
    private static readonly TimeSpan s_limit = TimeSpan.FromSeconds(30);

    private static FleetOptions Unlaunched(int parallelism, TimeSpan? imageTimeout = null, Action<GuestfsHandle>? opened = null) => new()
    {
        MaxParallelism = parallelism,
        ImageTimeout = imageTimeout,
        OpenAsync = (image, _) =>
        {
            var handle = new GuestfsHandle(new GuestfsOptions { ReadEnvironment = false, DiagnosticWriter = TextWriter.Null });
            opened?.Invoke(handle);
            return Task.FromResult(handle);
        },
    };

    /// <summary>The paths as a sequence the runner cannot count without reading it.</summary>
    private static IEnumerable<string> Lazily(params string[] paths)
    {
        foreach (string path in paths)
        {
            yield return path;
        }
    }

    private static async Task<List<FleetResult<T>>> CollectAsync<T>(IAsyncEnumerable<FleetResult<T>> results)
    {
        var list = new List<FleetResult<T>>();
        await foreach (FleetResult<T> r in results)
        {
            list.Add(r);
        }

        return list;
    }

    [Fact]
    public async Task Run_NeverMoreImagesAtOnceThanTheParallelism_AndEveryImageOnce()
    {
        int running = 0, most = 0;
        string[] images = Enumerable.Range(0, 9).Select(i => "img" + i).ToArray();
        List<FleetResult<string>> results = await CollectAsync(FleetRunner.RunAsync(images, async (g, image, ct) =>
        {
            int now = Interlocked.Increment(ref running);
            InterlockedMax(ref most, now);
            await Task.Delay(40, ct);
            Interlocked.Decrement(ref running);
            return image.ToUpperInvariant();
        }, Unlaunched(3))).WaitAsync(s_limit);

        Assert.Equal(3, most);
        Assert.Equal(images, results.OrderBy(r => r.Index).Select(r => r.Image));
        Assert.All(results, r => Assert.Equal(r.Image.ToUpperInvariant(), r.Value));
        Assert.All(results, r => Assert.True(r.Succeeded));
    }

    [Fact]
    public async Task Run_ResultsStreamAsImagesFinish_NotAtTheEnd()
    {
        var release = new TaskCompletionSource();
        IAsyncEnumerator<FleetResult<int>> e = FleetRunner.RunAsync(["fast", "slow"], async (g, image, ct) =>
        {
            if (image == "slow")
            {
                await release.Task.WaitAsync(ct);
            }

            return image.Length;
        }, Unlaunched(2)).GetAsyncEnumerator();

        Assert.True(await e.MoveNextAsync().AsTask().WaitAsync(s_limit));
        Assert.Equal("fast", e.Current.Image); // while "slow" is still running
        release.SetResult();
        Assert.True(await e.MoveNextAsync().AsTask().WaitAsync(s_limit));
        Assert.Equal("slow", e.Current.Image);
        Assert.False(await e.MoveNextAsync().AsTask().WaitAsync(s_limit));
        await e.DisposeAsync();
    }

    [Fact]
    public async Task Run_OneImageThrows_OnlyThatImageFailsWithItsException()
    {
        List<FleetResult<int>> results = await CollectAsync(FleetRunner.RunAsync(["a", "bad", "c"], (g, image, ct) =>
            image == "bad" ? throw new InvalidDataException("no filesystem on bad") : Task.FromResult(1), Unlaunched(2))).WaitAsync(s_limit);

        FleetResult<int> bad = Assert.Single(results, r => !r.Succeeded);
        Assert.Equal("bad", bad.Image);
        Assert.Equal("no filesystem on bad", Assert.IsType<InvalidDataException>(bad.Error).Message);
        Assert.Equal(2, results.Count(r => r.Succeeded && r.Value == 1));
    }

    [Fact]
    public async Task Run_ImageOverItsTimeLimit_TimeoutForThatImage_OthersFinish()
    {
        List<FleetResult<string>> results = await CollectAsync(FleetRunner.RunAsync(["stuck", "ok"], async (g, image, ct) =>
        {
            if (image == "stuck")
            {
                await Task.Delay(Timeout.Infinite, ct);
            }

            return "done";
        }, Unlaunched(2, imageTimeout: TimeSpan.FromMilliseconds(300)))).WaitAsync(s_limit);

        FleetResult<string> stuck = Assert.Single(results, r => r.Image == "stuck");
        Assert.Contains("stuck: not finished within the image time limit (0.3 s)", Assert.IsType<TimeoutException>(stuck.Error).Message);
        Assert.Equal("done", Assert.Single(results, r => r.Image == "ok").Value);
    }

    [Fact]
    public async Task Run_CallerCancels_EnumerationEndsAndNoImageIsLeftRunningOrOpen()
    {
        using var cts = new CancellationTokenSource();
        int running = 0;
        var handles = new List<GuestfsHandle>();
        var options = Unlaunched(2, opened: h => { lock (handles) { handles.Add(h); } });
        IAsyncEnumerable<FleetResult<int>> run = FleetRunner.RunAsync(Enumerable.Range(0, 20).Select(i => "img" + i), async (g, image, ct) =>
        {
            Interlocked.Increment(ref running);
            try
            {
                await Task.Delay(Timeout.Infinite, ct);
                return 0;
            }
            finally
            {
                Interlocked.Decrement(ref running);
            }
        }, options, cts.Token);

        cts.CancelAfter(200);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => CollectAsync(run).WaitAsync(s_limit));
        Assert.Equal(0, running);
        Assert.InRange(handles.Count, 1, 2);
        Assert.All(handles, h => Assert.Equal(GuestfsState.Closed, h.State));
    }

    [Fact]
    public async Task Run_ConsumerStopsEarly_RemainingImagesAreNotStarted()
    {
        int started = 0;
        await foreach (FleetResult<int> r in FleetRunner.RunAsync(Enumerable.Range(0, 50).Select(i => "img" + i), async (g, image, ct) =>
        {
            Interlocked.Increment(ref started);
            await Task.Delay(20, ct);
            return 0;
        }, Unlaunched(2)))
        {
            break;
        }

        int after = Volatile.Read(ref started);
        await Task.Delay(200);
        Assert.Equal(after, Volatile.Read(ref started));
        Assert.InRange(after, 1, 4);
    }

    [Fact]
    public async Task Run_DefaultOpen_MissingImage_TypedErrorForThatImageOnly()
    {
        string missing = Path.Combine(Path.GetTempPath(), "gfs-fleet-missing-" + Guid.NewGuid().ToString("N") + ".img");
        var options = new FleetOptions
        {
            MaxParallelism = 1,
            HandleOptions = new GuestfsOptions { ReadEnvironment = false, DiagnosticWriter = TextWriter.Null },
            UseAppliancePool = false,
        };
        FleetResult<int> result = Assert.Single(await CollectAsync(FleetRunner.RunAsync([missing], (g, image, ct) => Task.FromResult(1), options)).WaitAsync(s_limit));
        Assert.False(result.Succeeded);
        Assert.Contains(missing, result.Error!.Message);
    }

    [Fact]
    public async Task Run_DefaultOpen_LaunchesFromAPoolSizedToTheParallelism_AndDisposesItAfter()
    {
        await using FakeDaemon daemon = FakeDaemon.Start();
        var prepared = new ConcurrentQueue<ScriptedBackend>();
        AppliancePoolOptions? asked = null;
        AppliancePool? made = null;
        var options = new FleetOptions
        {
            MaxParallelism = 2,
            HandleOptions = new GuestfsOptions
            {
                ReadEnvironment = false, Backend = "direct", DiagnosticWriter = TextWriter.Null,
                BackendFactory = _ => throw new InvalidOperationException("the pool's appliance should have been used"),
            },
            PoolFactory = poolOptions =>
            {
                asked = poolOptions;
                made = new AppliancePool(poolOptions, null, _ =>
                {
                    var backend = new ScriptedBackend(daemon.SocketPath);
                    prepared.Enqueue(backend);
                    return Task.FromResult<IGuestfsBackend>(backend);
                }, _ => 0);
                made.WaitUntilFilledAsync().Wait(s_limit); // so that the launch finds one ready
                return made;
            },
        };

        // A list read lazily: the runner cannot count it, so the pool is sized to the parallelism.
        Task<List<FleetResult<bool>>> run = CollectAsync(FleetRunner.RunAsync(Lazily("/dev/null"), async (g, image, ct) =>
        {
            await g.SetAutosyncAsync(false, ct);
            return true;
        }, options));
        await daemon.AcceptAsync().WaitAsync(s_limit);
        await daemon.SendWordAsync(ProtocolConstants.LaunchFlag);
        FleetResult<bool> result = Assert.Single(await run.WaitAsync(s_limit));

        Assert.True(result.Succeeded, result.Error?.ToString());
        Assert.Equal(2, asked!.Size);
        Assert.NotNull(asked.MaxMemoryBytes);
        ScriptedBackend used = Assert.Single(prepared, b => b.Parameters is not null);
        Assert.Equal("/dev/null", Assert.Single(used.Parameters!.Drives).Filename);
        Assert.Throws<ObjectDisposedException>(() => { _ = made!.WaitUntilFilledAsync(); }); // the run's own pool ends with the run
        Assert.All(prepared.Where(b => b != used), b => Assert.True(b.Killed));
    }

    [Theory]
    [InlineData(1, 0)]
    [InlineData(2, 0)]
    [InlineData(3, 1)]
    [InlineData(9, 2)]
    public async Task Run_KnownImageCount_PoolHoldsOnlyTheImagesBeyondTheParallelism(int images, int expectedSize)
    {
        var sizes = new ConcurrentQueue<int>();
        var options = new FleetOptions
        {
            MaxParallelism = 2,
            HandleOptions = new GuestfsOptions { ReadEnvironment = false, DiagnosticWriter = TextWriter.Null },
            PoolFactory = poolOptions =>
            {
                sizes.Enqueue(poolOptions.Size);
                throw new ArgumentException("no pool here"); // the handles launch without one (and fail: no such file)
            },
        };
        string[] paths = Enumerable.Range(0, images).Select(i => $"/nonexistent/fleet-{i}.img").ToArray();

        List<FleetResult<int>> results = await CollectAsync(FleetRunner.RunAsync(paths, (g, i, ct) => Task.FromResult(0), options)).WaitAsync(s_limit);

        Assert.Equal(images, results.Count);
        int[] expected = expectedSize == 0 ? [] : [expectedSize];
        Assert.Equal(expected, sizes.ToArray());
    }

    [Fact]
    public async Task Run_LastImageHandedOut_RunPoolPreparesNoMore()
    {
        await using FakeDaemon daemon = FakeDaemon.Start();
        var prepared = new ConcurrentQueue<ScriptedBackend>();
        AppliancePool? made = null;
        var options = new FleetOptions
        {
            MaxParallelism = 1,
            HandleOptions = new GuestfsOptions
            {
                ReadEnvironment = false, Backend = "direct", DiagnosticWriter = TextWriter.Null,
                BackendFactory = _ => throw new InvalidOperationException("the pool's appliance should have been used"),
            },
            PoolFactory = poolOptions =>
            {
                made = new AppliancePool(poolOptions, null, _ =>
                {
                    var backend = new ScriptedBackend(daemon.SocketPath);
                    prepared.Enqueue(backend);
                    return Task.FromResult<IGuestfsBackend>(backend);
                }, _ => 0);
                made.WaitUntilFilledAsync().Wait(s_limit);
                return made;
            },
        };

        Task<List<FleetResult<bool>>> run = CollectAsync(FleetRunner.RunAsync(Lazily("/dev/null", "/dev/zero"), async (g, image, ct) =>
        {
            await g.SetAutosyncAsync(false, ct);
            await made!.WaitUntilFilledAsync(ct); // the replacement is ready before the next image launches
            return true;
        }, options));
        for (int i = 0; i < 2; i++)
        {
            await daemon.AcceptAsync().WaitAsync(s_limit);
            await daemon.SendWordAsync(ProtocolConstants.LaunchFlag);
        }

        List<FleetResult<bool>> results = await run.WaitAsync(s_limit);

        Assert.All(results, r => Assert.True(r.Succeeded, r.Error?.ToString()));
        Assert.Equal(2, results.Count);
        Assert.Equal(2, prepared.Count(b => b.Parameters is not null));
        Assert.Equal(2, prepared.Count); // a third would be an appliance for an image that never comes
    }

    [Fact]
    public async Task Run_GivenPool_HandlesLaunchFromIt_AndItStaysOpen()
    {
        await using FakeDaemon daemon = FakeDaemon.Start();
        var prepared = new ConcurrentQueue<ScriptedBackend>();
        await using var pool = new AppliancePool(new AppliancePoolOptions { Size = 1 }, null, _ =>
        {
            var backend = new ScriptedBackend(daemon.SocketPath);
            prepared.Enqueue(backend);
            return Task.FromResult<IGuestfsBackend>(backend);
        }, _ => 0);
        await pool.WaitUntilFilledAsync().WaitAsync(s_limit);
        var options = new FleetOptions
        {
            MaxParallelism = 1,
            AppliancePool = pool,
            PoolFactory = _ => throw new InvalidOperationException("the given pool should have been used"),
            HandleOptions = new GuestfsOptions
            {
                ReadEnvironment = false, Backend = "direct", DiagnosticWriter = TextWriter.Null,
                BackendFactory = _ => throw new InvalidOperationException("the pool's appliance should have been used"),
            },
        };

        Task<List<FleetResult<bool>>> run = CollectAsync(FleetRunner.RunAsync(["/dev/null"], async (g, image, ct) =>
        {
            await g.SetAutosyncAsync(false, ct);
            return true;
        }, options));
        await daemon.AcceptAsync().WaitAsync(s_limit);
        await daemon.SendWordAsync(ProtocolConstants.LaunchFlag);
        FleetResult<bool> result = Assert.Single(await run.WaitAsync(s_limit));

        Assert.True(result.Succeeded, result.Error?.ToString());
        Assert.Single(prepared, b => b.Parameters is not null);
        await pool.WaitUntilFilledAsync().WaitAsync(s_limit); // still open, and refilled
        Assert.Equal(1, pool.ReadyCount);
    }

    [Fact]
    public async Task Run_PoolOff_OrOwnOpen_NoPoolIsMade()
    {
        int made = 0;
        AppliancePool Factory(AppliancePoolOptions o)
        {
            Interlocked.Increment(ref made);
            throw new ArgumentException("no pool here");
        }

        var off = new FleetOptions
        {
            MaxParallelism = 1, UseAppliancePool = false, PoolFactory = Factory,
            HandleOptions = new GuestfsOptions { ReadEnvironment = false, DiagnosticWriter = TextWriter.Null },
        };
        await CollectAsync(FleetRunner.RunAsync(["/nonexistent/a.img"], (g, i, ct) => Task.FromResult(0), off)).WaitAsync(s_limit);
        FleetOptions unlaunched = Unlaunched(1);
        await CollectAsync(FleetRunner.RunAsync(["a"], (g, i, ct) => Task.FromResult(0), new FleetOptions
        {
            MaxParallelism = 1, OpenAsync = unlaunched.OpenAsync, PoolFactory = Factory,
        })).WaitAsync(s_limit);
        Assert.Equal(0, made);

        // A pool that cannot be made (another backend) leaves the handles to launch as they would without one.
        var refused = new FleetOptions
        {
            MaxParallelism = 1, PoolFactory = Factory,
            HandleOptions = new GuestfsOptions { ReadEnvironment = false, DiagnosticWriter = TextWriter.Null },
        };
        FleetResult<int> result = Assert.Single(await CollectAsync(FleetRunner.RunAsync(Lazily("/nonexistent/b.img"), (g, i, ct) => Task.FromResult(0), refused)).WaitAsync(s_limit));
        Assert.Equal(1, made);
        Assert.Contains("/nonexistent/b.img", result.Error!.Message);
    }

    [Fact]
    public void DefaultParallelism_BoundedByProcessorsAndMemory_AtLeastOne()
    {
        Assert.InRange(FleetRunner.DefaultParallelism(), 1, Environment.ProcessorCount);
        Assert.Equal(1, FleetRunner.DefaultParallelism(new GuestfsOptions { ReadEnvironment = false, Memsize = int.MaxValue }));
    }

    [Fact]
    public async Task Run_BadArguments_RejectedBeforeAnyImage()
    {
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => CollectAsync(FleetRunner.RunAsync(["a"], (g, i, ct) => Task.FromResult(0), new FleetOptions { MaxParallelism = -1 })));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => CollectAsync(FleetRunner.RunAsync(["a"], (g, i, ct) => Task.FromResult(0), new FleetOptions { ImageTimeout = TimeSpan.Zero })));
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while (value > (seen = Volatile.Read(ref target)) && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }
}

using System;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Options;
using Orleans.Runtime;

namespace Guestfs.Fleet.Orleans;

/// <summary>
/// A silo's side of the fleet: runs the jobs whose grains live on this silo, a bounded number at a time, each on its
/// own appliance from the silo's warm pool, through <see cref="FleetRunner"/> (typed errors, time limit).
/// </summary>
public sealed class FleetWorker : IAsyncDisposable
{
    private readonly FleetWorkerOptions _options;
    private readonly string _silo;
    private readonly SemaphoreSlim _slots;
    private readonly int _parallelism;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lazy<AppliancePool?> _pool;

    /// <summary>Creates the worker (one per silo, made by the silo's services).</summary>
    /// <param name="options">Its settings.</param>
    /// <param name="silo">The silo it runs on.</param>
    public FleetWorker(IOptions<FleetWorkerOptions> options, ILocalSiloDetails silo)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(silo);
        _options = options.Value;
        _silo = silo.SiloAddress.ToString();
        _parallelism = _options.MaxParallelism > 0 ? _options.MaxParallelism : FleetRunner.DefaultParallelism(_options.HandleOptions);
        _slots = new SemaphoreSlim(_parallelism);
        _pool = new Lazy<AppliancePool?>(CreatePool, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>Runs one job on this silo; a failing action is a result with its error.</summary>
    /// <param name="job">The job.</param>
    /// <param name="attempt">The client's attempt number, reported back.</param>
    /// <returns>The result.</returns>
    internal async Task<FleetJobResult> RunAsync(FleetJob job, int attempt)
    {
        var watch = Stopwatch.StartNew();
        if (!_options.Actions.TryGetValue(job.Action, out FleetAction? action))
        {
            return Failed(job, attempt, new ArgumentException($"no action '{job.Action}' on this silo (it has: {string.Join(", ", _options.Actions.Keys)})"), watch.Elapsed);
        }

        await _slots.WaitAsync(_stopping.Token).ConfigureAwait(false);
        try
        {
            var options = new FleetOptions
            {
                MaxParallelism = 1,
                ImageTimeout = _options.ImageTimeout,
                HandleOptions = _options.HandleOptions,
                OpenAsync = _options.OpenAsync,
                AppliancePool = _options.OpenAsync is null ? _pool.Value : null,
                UseAppliancePool = false,
            };
            await foreach (FleetResult<string> result in FleetRunner.RunAsync([job.Image], (g, _, ct) => action(g, job, ct), options, _stopping.Token).ConfigureAwait(false))
            {
                return result.Succeeded
                    ? new FleetJobResult(job.Id, job.Image, result.Value, null, null, _silo, attempt, result.Elapsed.TotalSeconds)
                    : Failed(job, attempt, result.Error!, result.Elapsed);
            }

            throw new InvalidOperationException("the runner gave no result for the job");
        }
        finally
        {
            _slots.Release();
        }
    }

    /// <summary>Stops the jobs under way and the silo's pool.</summary>
    /// <returns>A task that completes when done.</returns>
    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        if (_pool.IsValueCreated && _pool.Value is { } pool)
        {
            await pool.DisposeAsync().ConfigureAwait(false);
        }
    }

    private FleetJobResult Failed(FleetJob job, int attempt, Exception error, TimeSpan elapsed) =>
        new(job.Id, job.Image, null, error.GetType().Name, error.Message, _silo, attempt, elapsed.TotalSeconds);

    private AppliancePool? CreatePool()
    {
        if (!_options.UseAppliancePool)
        {
            return null;
        }

        try
        {
            return new AppliancePool(new AppliancePoolOptions { Size = Math.Min(_parallelism, 16), Appliance = _options.HandleOptions });
        }
        catch (ArgumentException)
        {
            return null; // not the direct backend: jobs launch without a pool
        }
    }
}

using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;
using Orleans;
using Orleans.Runtime;
using Orleans.Runtime.Messaging;

namespace Guestfs.Fleet.Orleans;

/// <summary>
/// Submits jobs to a cluster of fleet workers and streams their results as they finish. Each job is a call to the
/// grain of its id, placed on a silo by Orleans; when the call is lost with its silo (the silo died, its connection
/// failed, the call timed out), the job is sent again and Orleans places it on a live silo. Each job id is reported
/// exactly once: a job listed twice, or a run that a retry finds already done, gives one result.
/// </summary>
/// <remarks>
/// A job may run more than once when its silo dies mid-job (the new silo starts it over), so actions should not change
/// images, or do so idempotently. Give the cluster's response timeout (<c>SiloMessagingOptions.ResponseTimeout</c> and
/// <c>ClientMessagingOptions.ResponseTimeout</c>) a value above the longest job: a call over it is taken as lost.
/// </remarks>
public sealed class FleetClient
{
    private readonly IGrainFactory _grains;
    private readonly FleetClientOptions _options;

    /// <summary>Creates the client over a connected cluster client (or a silo's grain factory).</summary>
    /// <param name="grains">The grain factory.</param>
    /// <param name="options">Its settings; default <see cref="FleetClientOptions"/>.</param>
    public FleetClient(IGrainFactory grains, FleetClientOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(grains);
        _grains = grains;
        _options = options ?? new FleetClientOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.MaxJobsInFlight, 1, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.MaxAttempts, 1, nameof(options));
    }

    /// <summary>Runs the jobs; results come in the order they finish, one per job id.</summary>
    /// <param name="jobs">The jobs (read lazily, once).</param>
    /// <param name="cancellationToken">Stops submitting and waiting (jobs already on silos run to their end there).</param>
    /// <returns>The results.</returns>
    public async IAsyncEnumerable<FleetJobResult> RunAsync(IEnumerable<FleetJob> jobs, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(jobs);
        Channel<FleetJobResult> results = Channel.CreateUnbounded<FleetJobResult>(new UnboundedChannelOptions { SingleReader = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var submitted = new HashSet<string>(StringComparer.Ordinal);
        Task producer = Task.Run(
            async () =>
            {
                try
                {
                    var parallel = new ParallelOptions { MaxDegreeOfParallelism = _options.MaxJobsInFlight, CancellationToken = stop.Token };
                    await Parallel.ForEachAsync(Distinct(jobs, submitted), parallel, async (job, token) =>
                    {
                        results.Writer.TryWrite(await RunOneAsync(job, token).ConfigureAwait(false));
                    }).ConfigureAwait(false);
                    results.Writer.TryComplete();
                }
                catch (Exception e)
                {
                    results.Writer.TryComplete(e);
                }
            },
            CancellationToken.None);

        try
        {
            await foreach (FleetJobResult result in results.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                yield return result;
            }
        }
        finally
        {
            stop.Cancel();
            await producer.ConfigureAwait(false);
        }
    }

    /// <summary>Whether a failed call means the job's silo or its connection went away (so the job goes again).</summary>
    /// <param name="e">The call's exception.</param>
    /// <returns>The answer.</returns>
    internal static bool IsLost(Exception e) =>
        e is SiloUnavailableException or OrleansMessageRejectionException or ConnectionFailedException or GatewayTooBusyException or TimeoutException;

    private static IEnumerable<FleetJob> Distinct(IEnumerable<FleetJob> jobs, HashSet<string> seen)
    {
        foreach (FleetJob job in jobs)
        {
            ArgumentNullException.ThrowIfNull(job);
            ArgumentException.ThrowIfNullOrEmpty(job.Id);
            if (seen.Add(job.Id))
            {
                yield return job;
            }
        }
    }

    private async Task<FleetJobResult> RunOneAsync(FleetJob job, CancellationToken cancellationToken)
    {
        IFleetJobGrain grain = _grains.GetGrain<IFleetJobGrain>(job.Id);
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                return await grain.RunAsync(job, attempt).WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (IsLost(e) && !cancellationToken.IsCancellationRequested)
            {
                if (attempt >= _options.MaxAttempts)
                {
                    return new FleetJobResult(job.Id, job.Image, null, e.GetType().Name, $"lost {attempt} times with its silo; last: {e.Message}", string.Empty, attempt, 0);
                }

                await Task.Delay(_options.RetryDelay, cancellationToken).ConfigureAwait(false);
            }
        }
    }
}

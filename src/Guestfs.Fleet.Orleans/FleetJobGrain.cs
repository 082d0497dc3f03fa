using System;
using System.Threading.Tasks;
using Orleans;
using Orleans.Concurrency;
using Orleans.Placement;

namespace Guestfs.Fleet.Orleans;

/// <summary>
/// The job's activation: runs the action once through the silo's <see cref="FleetWorker"/> and keeps the result, so
/// a repeated call (a client's retry reaching a live activation) gets it without a second run.
/// </summary>
[Reentrant]
[ActivationCountBasedPlacement] // jobs spread over the silos by how many each runs
internal sealed class FleetJobGrain : Grain, IFleetJobGrain
{
    private readonly FleetWorker _worker;
    private Task<FleetJobResult>? _run;

    public FleetJobGrain(FleetWorker worker)
    {
        _worker = worker;
    }

    public Task<FleetJobResult> RunAsync(FleetJob job, int attempt)
    {
        ArgumentNullException.ThrowIfNull(job);
        if (job.Id != this.GetPrimaryKeyString())
        {
            throw new ArgumentException($"job '{job.Id}' sent to the grain of job '{this.GetPrimaryKeyString()}'", nameof(job));
        }

        // Reentrant, but each turn runs alone: the first call starts the run, later ones share it.
        _run ??= _worker.RunAsync(job, attempt);
        return _run;
    }
}

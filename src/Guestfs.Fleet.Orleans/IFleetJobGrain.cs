using System.Threading.Tasks;
using Orleans;

namespace Guestfs.Fleet.Orleans;

/// <summary>
/// A job, keyed by its id: Orleans places its activation on a silo, where the action runs on that silo's appliances.
/// Calling it again with the same job returns the same result (the action is not run twice on a live activation).
/// A call lasts as long as the job: set the cluster's response timeout above the longest job.
/// </summary>
public interface IFleetJobGrain : IGrainWithStringKey
{
    /// <summary>Runs the job (or joins the run under way, or returns the result already reached).</summary>
    /// <param name="job">The job; its <see cref="FleetJob.Id"/> is the grain's key.</param>
    /// <param name="attempt">Which attempt of the client this is (1 first; reported back in the result).</param>
    /// <returns>The result; a failing action is a result with an error, not an exception.</returns>
    Task<FleetJobResult> RunAsync(FleetJob job, int attempt);
}

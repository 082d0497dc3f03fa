using System.Threading;
using System.Threading.Tasks;

namespace Guestfs.Fleet.Orleans;

/// <summary>What a job does with its image's launched handle; the returned text is the job's result.</summary>
/// <param name="handle">The handle, with the job's image added and launched (closed by the worker afterwards).</param>
/// <param name="job">The job.</param>
/// <param name="cancellationToken">Ends with the image's time limit and the silo's shutdown.</param>
/// <returns>The result (JSON for the built-in actions).</returns>
public delegate Task<string> FleetAction(GuestfsHandle handle, FleetJob job, CancellationToken cancellationToken);

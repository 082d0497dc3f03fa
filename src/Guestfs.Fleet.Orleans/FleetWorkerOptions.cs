using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Guestfs.Fleet.Orleans;

/// <summary>How a silo's <see cref="FleetWorker"/> runs jobs.</summary>
public sealed class FleetWorkerOptions
{
    /// <summary>Jobs run at once on this silo, each on its own appliance; 0 (the default): <see cref="FleetRunner.DefaultParallelism"/>.</summary>
    public int MaxParallelism { get; set; }

    /// <summary>How long one job may take on its appliance (a job over it ends with a <see cref="TimeoutException"/>); null: no limit.</summary>
    public TimeSpan? ImageTimeout { get; set; }

    /// <summary>Settings of each job's handle (default: the environment's, as a new handle).</summary>
    public GuestfsOptions? HandleOptions { get; set; }

    /// <summary>
    /// Whether the silo keeps a warm <see cref="AppliancePool"/> (default true): as many restored, paused appliances as
    /// <see cref="MaxParallelism"/>, made when the first job comes and kept for the silo's life. Each job still gets
    /// its own appliance.
    /// </summary>
    public bool UseAppliancePool { get; set; } = true;

    /// <summary>The actions jobs may name, by name; <c>inspect</c> (<see cref="FleetActions.InspectAsync"/>) is there to begin with.</summary>
    public IDictionary<string, FleetAction> Actions { get; } = new Dictionary<string, FleetAction>(StringComparer.Ordinal)
    {
        ["inspect"] = FleetActions.InspectAsync,
    };

    /// <summary>Opens a job's handle instead of the default (see <see cref="FleetOptions.OpenAsync"/>; tests).</summary>
    public Func<string, CancellationToken, Task<GuestfsHandle>>? OpenAsync { get; set; }
}

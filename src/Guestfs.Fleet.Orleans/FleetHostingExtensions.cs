using System;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Hosting;

namespace Guestfs.Fleet.Orleans;

/// <summary>Makes a silo a fleet worker.</summary>
public static class FleetHostingExtensions
{
    /// <summary>Adds the <see cref="FleetWorker"/> (and so the job grains' work) to the silo.</summary>
    /// <param name="silo">The silo.</param>
    /// <param name="configure">Sets the worker's options (parallelism, time limit, handle settings, actions).</param>
    /// <returns>The silo, for chaining.</returns>
    public static ISiloBuilder AddGuestfsFleetWorker(this ISiloBuilder silo, Action<FleetWorkerOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(silo);
        silo.Services.AddOptions<FleetWorkerOptions>().Configure(o => configure?.Invoke(o));
        silo.Services.AddSingleton<FleetWorker>();
        return silo;
    }
}

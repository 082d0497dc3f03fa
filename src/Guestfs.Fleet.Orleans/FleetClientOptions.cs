using System;

namespace Guestfs.Fleet.Orleans;

/// <summary>How a <see cref="FleetClient"/> submits jobs.</summary>
public sealed class FleetClientOptions
{
    /// <summary>Jobs submitted and not yet finished at once, across the cluster (default 64); the silos bound their own share.</summary>
    public int MaxJobsInFlight { get; init; } = 64;

    /// <summary>How many times a job is sent before its loss is reported as its result (default 5).</summary>
    public int MaxAttempts { get; init; } = 5;

    /// <summary>The wait before a job lost with its silo is sent again (default 1 s), while the cluster notices the loss.</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromSeconds(1);
}

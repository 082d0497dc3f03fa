using System;

namespace Guestfs;

/// <summary>Settings of an <see cref="AppliancePool"/>.</summary>
public sealed class AppliancePoolOptions
{
    /// <summary>How many appliances the pool keeps restored and paused (default 1, at most 16).</summary>
    public int Size { get; init; } = 1;

    /// <summary>
    /// How long a ready appliance waits unused before the pool stops it (default 5 minutes). The pool then stays
    /// empty until a launch asks it for an appliance, so an idle pool costs no memory.
    /// </summary>
    public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// The most memory, in bytes, the pool's paused appliances may hold together (their qemu processes' resident
    /// memory); <see langword="null"/> for no bound beyond <see cref="Size"/>. A pool that reaches it keeps fewer
    /// appliances than <see cref="Size"/>.
    /// </summary>
    public long? MaxMemoryBytes { get; init; }

    /// <summary>
    /// The settings the appliances are started with (memory size, backend settings, appliance path, …; drives are
    /// not part of them). A handle takes an appliance from the pool only when its own settings match these;
    /// <see langword="null"/> for the defaults and the environment, as a handle created without options.
    /// </summary>
    public GuestfsOptions? Appliance { get; init; }
}

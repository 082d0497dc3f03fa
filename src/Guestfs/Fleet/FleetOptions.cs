using System;
using System.Threading;
using System.Threading.Tasks;

namespace Guestfs.Fleet;

/// <summary>How <see cref="FleetRunner"/> works through a set of disk images.</summary>
public sealed class FleetOptions
{
    /// <summary>
    /// How many images are worked on at once, each on its own appliance; 0 (the default) takes
    /// <see cref="FleetRunner.DefaultParallelism"/>.
    /// </summary>
    public int MaxParallelism { get; init; }

    /// <summary>
    /// How long one image may take, from opening its handle to the end of the caller's function; an image over it
    /// ends with a <see cref="TimeoutException"/> in its result and the others go on. Null (the default): no limit.
    /// </summary>
    public TimeSpan? ImageTimeout { get; init; }

    /// <summary>Settings of each image's handle (default: read from the environment, as a new handle does).</summary>
    public GuestfsOptions? HandleOptions { get; init; }

    /// <summary>Whether images are added read-only (default true); false lets the function change them.</summary>
    public bool ReadOnly { get; init; } = true;

    /// <summary>The images' format (<c>raw</c>, <c>qcow2</c>); null lets the library probe each local image.</summary>
    public string? Format { get; init; }

    /// <summary>
    /// Opens one image's handle instead of the default (a new handle with <see cref="HandleOptions"/>, the image added
    /// with <see cref="ReadOnly"/> and <see cref="Format"/>, launched). The runner disposes the handle it returns.
    /// </summary>
    public Func<string, CancellationToken, Task<GuestfsHandle>>? OpenAsync { get; init; }

    /// <summary>
    /// Whether the runner launches from a warm <see cref="Guestfs.AppliancePool"/> (default true). When the runner
    /// opens the handles itself (no <see cref="OpenAsync"/>) and neither <see cref="AppliancePool"/> nor
    /// <see cref="HandleOptions"/> names a pool, it makes one for the run with the handles' settings (direct backend
    /// only): as many appliances as the parallelism (at most 16) or, when the number of images is known up front, as
    /// the images beyond the parallelism (no pool when there are none: the first images launch while a pool would
    /// still be filling), bounded to the memory left once the running appliances are counted (no pool when that is
    /// less than one appliance); it stops preparing once the last image is handed out and is disposed when the run
    /// ends. Either way
    /// each image gets its own appliance, which no other image ever sees.
    /// </summary>
    public bool UseAppliancePool { get; init; } = true;

    /// <summary>
    /// A pool the handles the runner opens launch from (for example one kept across runs by a long-lived worker);
    /// the runner leaves it open. Null (the default): see <see cref="UseAppliancePool"/>.
    /// </summary>
    public AppliancePool? AppliancePool { get; init; }

    /// <summary>Makes the run's pool instead of <see cref="Guestfs.AppliancePool(AppliancePoolOptions)"/> (tests).</summary>
    internal Func<AppliancePoolOptions, AppliancePool>? PoolFactory { get; init; }
}

using Orleans;

namespace Guestfs.Fleet.Orleans;

/// <summary>
/// One image to work on with one action. <see cref="Id"/> names the job: submitting the same id again (a retry, a
/// client that restarted) reaches the same job and reports it once.
/// </summary>
/// <param name="Id">The job's id, unique within a run (for example the image name).</param>
/// <param name="Image">The image path or drive URI, as the silos see it.</param>
/// <param name="Action">The name of an action registered on the silos (<c>inspect</c>, or one the host adds).</param>
/// <param name="Argument">The action's argument (a script, for an action that runs one), or null.</param>
[GenerateSerializer, Immutable]
public sealed record FleetJob(
    [property: Id(0)] string Id,
    [property: Id(1)] string Image,
    [property: Id(2)] string Action,
    [property: Id(3)] string? Argument = null);

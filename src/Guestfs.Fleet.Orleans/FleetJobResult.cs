using Orleans;

namespace Guestfs.Fleet.Orleans;

/// <summary>What one job came to: the action's result, or its error (typed by name), and where and how it ran.</summary>
/// <param name="JobId">The job's id.</param>
/// <param name="Image">The image.</param>
/// <param name="Result">The action's result, or null when it failed.</param>
/// <param name="ErrorType">The failure's exception type name (<c>GuestfsLaunchException</c>, <c>TimeoutException</c>, …), or null.</param>
/// <param name="ErrorMessage">The failure's message, or null.</param>
/// <param name="Silo">The silo that ran the job to its end.</param>
/// <param name="Attempts">How many silos were asked to run it (more than one when a silo died with the job).</param>
/// <param name="ElapsedSeconds">The time the job took on its last silo.</param>
[GenerateSerializer, Immutable]
public sealed record FleetJobResult(
    [property: Id(0)] string JobId,
    [property: Id(1)] string Image,
    [property: Id(2)] string? Result,
    [property: Id(3)] string? ErrorType,
    [property: Id(4)] string? ErrorMessage,
    [property: Id(5)] string Silo,
    [property: Id(6)] int Attempts,
    [property: Id(7)] double ElapsedSeconds)
{
    /// <summary>Whether the action ran to its end without an error.</summary>
    public bool Succeeded => ErrorType is null;
}

namespace Gfish.Execution;

/// <summary>Creates handles: one at start-up and one for each <c>reopen</c>.</summary>
internal interface ISessionFactory
{
    /// <summary>Creates a new, unlaunched handle.</summary>
    /// <returns>The session.</returns>
    IGuestfsSession Create();
}

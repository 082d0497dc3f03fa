using System;
using Guestfs.Backends.Unix;

namespace Guestfs.Backends;

/// <summary>Turns the <c>backend</c> setting into a backend instance (one per launch).</summary>
internal static class BackendFactory
{
    /// <summary>The default backend.</summary>
    public const string DefaultBackend = "direct";

    /// <summary>Checks a backend string without creating anything.</summary>
    /// <param name="backend">The setting.</param>
    /// <returns>Whether it names a known backend.</returns>
    public static bool IsKnown(string backend) =>
        backend is "direct" or "appliance" || (backend.StartsWith("unix:", StringComparison.Ordinal) && backend.Length > 5);

    /// <summary>Creates the backend.</summary>
    /// <param name="backend">The setting: <c>direct</c> (alias <c>appliance</c>) or <c>unix:PATH</c>.</param>
    /// <returns>The backend.</returns>
    public static IGuestfsBackend Create(string backend)
    {
        if (backend.StartsWith("unix:", StringComparison.Ordinal))
        {
            return new UnixBackend(backend.Substring(5));
        }

        return backend switch
        {
            "direct" or "appliance" => new Direct.DirectBackend(),
            _ => throw new GuestfsLaunchException($"launch: unknown backend '{backend}'; use 'direct' or 'unix:PATH'"),
        };
    }
}

using System;
using System.Collections.Generic;
using System.IO;
using Guestfs.Backends;
using Microsoft.Extensions.Logging;

namespace Guestfs;

/// <summary>
/// Settings for a new <see cref="GuestfsHandle"/>. Unset properties come from the environment (as libguestfs's
/// <c>guestfs_create</c> reads it) unless <see cref="ReadEnvironment"/> is false, then from the defaults.
/// </summary>
/// <remarks>
/// Environment variables: <c>LIBGUESTFS_BACKEND</c> (or the older <c>LIBGUESTFS_ATTACH_METHOD</c>),
/// <c>LIBGUESTFS_BACKEND_SETTINGS</c> (colon-separated), <c>LIBGUESTFS_PATH</c>, <c>LIBGUESTFS_MEMSIZE</c>,
/// <c>LIBGUESTFS_HV</c> (or <c>LIBGUESTFS_QEMU</c>), <c>LIBGUESTFS_APPEND</c>, <c>LIBGUESTFS_DEBUG</c> (verbose),
/// <c>LIBGUESTFS_TRACE</c> (trace; booleans as <c>1/yes/true/on</c>), <c>LIBGUESTFS_TMPDIR</c>/<c>TMPDIR</c>,
/// <c>LIBGUESTFS_CACHEDIR</c>, <c>XDG_RUNTIME_DIR</c>. <c>GuestfsHandle.ParseEnvironmentAsync</c> reads them again.
/// </remarks>
public sealed class GuestfsOptions
{
    /// <summary>Where the handle logs (categories <c>Guestfs.Connection</c>, <c>Guestfs.Protocol</c>, <c>Guestfs.Appliance</c>).</summary>
    public ILoggerFactory? LoggerFactory { get; init; }

    /// <summary>Whether unset settings are read from the <c>LIBGUESTFS_*</c> environment variables (default true).</summary>
    public bool ReadEnvironment { get; init; } = true;

    /// <summary>The backend: <c>direct</c> (default) or <c>unix:PATH</c>.</summary>
    public string? Backend { get; init; }

    /// <summary>Backend settings such as <c>force_tcg</c>.</summary>
    /// <remarks>
    /// The <c>direct</c> backend reads <c>force_tcg</c>, <c>force_kvm</c>, <c>kvm_probe_timeout=SECONDS</c>, <c>machine=TYPE</c>,
    /// <c>pvh=0</c>, <c>qboot=0</c>, <c>snapshot=0|1</c>, <c>snapshot_max_uses=N</c> and <c>snapshot_max_age=SECONDS</c>. Snapshot
    /// launch is on by default: a launch restores a saved, booted appliance instead of booting it (the first launch
    /// with given settings saves it, and a state restored <c>snapshot_max_uses</c> times, default 100, or older than
    /// <c>snapshot_max_age</c>, default one day, is saved again). <c>snapshot=0</c>, or the environment variable
    /// <c>GUESTFS_SNAPSHOT=0</c>, turns it off; <c>appliance/README.md</c> describes it. Every backend honours
    /// <c>shutdown_timeout=SECONDS</c> (see <see cref="ShutdownTimeout"/>).
    /// </remarks>
    public IReadOnlyList<string>? BackendSettings { get; init; }

    /// <summary>The appliance search path.</summary>
    public string? Path { get; init; }

    /// <summary>Appliance memory in MiB.</summary>
    public int? Memsize { get; init; }

    /// <summary>Verbose (debug) messages.</summary>
    public bool? Verbose { get; init; }

    /// <summary>Trace every call (libguestfs trace lines).</summary>
    public bool? Trace { get; init; }

    /// <summary>
    /// Where trace, debug and appliance lines are printed when no callback is registered for their event
    /// (libguestfs prints them on stderr); default <see cref="Console.Error"/>.
    /// </summary>
    public TextWriter? DiagnosticWriter { get; init; }

    /// <summary>
    /// How long <see cref="GuestfsHandle.ShutdownAsync"/> and <see cref="GuestfsHandle.DisposeAsync"/> wait for the
    /// final sync and for the appliance to exit before they kill it (with a <c>warning</c> event saying so). Unset:
    /// the backend setting <c>shutdown_timeout=SECONDS</c>, else 30 seconds.
    /// </summary>
    public TimeSpan? ShutdownTimeout { get; init; }

    /// <summary>
    /// A pool of restored, paused appliances to launch from (see <see cref="Guestfs.AppliancePool"/>): a launch takes
    /// one when the pool has one ready for this handle's settings, else boots as usual. The pool is not disposed with
    /// the handle.
    /// </summary>
    public AppliancePool? AppliancePool { get; init; }

    /// <summary>Reads an environment variable (tests replace it).</summary>
    internal Func<string, string?>? EnvironmentReader { get; init; }

    /// <summary>Creates the backend for a backend string (tests replace it).</summary>
    internal Func<string, IGuestfsBackend>? BackendFactory { get; init; }

    /// <summary>A copy of these settings with <paramref name="pool"/> as the pool (every other setting as it is).</summary>
    /// <param name="pool">The pool.</param>
    /// <returns>The copy.</returns>
    internal GuestfsOptions WithAppliancePool(AppliancePool pool) => new()
    {
        LoggerFactory = LoggerFactory,
        ReadEnvironment = ReadEnvironment,
        Backend = Backend,
        BackendSettings = BackendSettings,
        Path = Path,
        Memsize = Memsize,
        Verbose = Verbose,
        Trace = Trace,
        DiagnosticWriter = DiagnosticWriter,
        ShutdownTimeout = ShutdownTimeout,
        AppliancePool = pool,
        EnvironmentReader = EnvironmentReader,
        BackendFactory = BackendFactory,
    };
}

using System;
using System.Collections.Generic;

namespace Guestfs.Backends;

/// <summary>Everything a backend needs to start an appliance, copied from the handle's settings at launch.</summary>
internal sealed record LaunchParameters
{
    /// <summary>The user's drives, in the order added (the first is <c>/dev/sda</c> in the appliance).</summary>
    public required IReadOnlyList<DriveSpec> Drives { get; init; }

    /// <summary>Appliance memory in MiB.</summary>
    public int MemsizeMb { get; init; } = 1280;

    /// <summary>Number of virtual CPUs.</summary>
    public int Smp { get; init; } = 1;

    /// <summary>Extra kernel command-line text, or <see langword="null"/>.</summary>
    public string? Append { get; init; }

    /// <summary>Whether verbose (debug) output is wanted from the appliance.</summary>
    public bool Verbose { get; init; }

    /// <summary>Whether the appliance gets a network device (off by default).</summary>
    public bool Network { get; init; }

    /// <summary>Whether SELinux is enabled in the appliance.</summary>
    public bool Selinux { get; init; }

    /// <summary>Backend settings (<c>force_tcg</c>, <c>force_kvm</c>, …): name → value (empty when none).</summary>
    public IReadOnlyDictionary<string, string> BackendSettings { get; init; } = new Dictionary<string, string>();

    /// <summary>Colon-separated search path for the appliance (kernel, initrd, root or a fixed appliance).</summary>
    public string? Path { get; init; }

    /// <summary>The hypervisor binary to run, or <see langword="null"/> for the default.</summary>
    public string? Hypervisor { get; init; }

    /// <summary>Directory for temporary files, or <see langword="null"/> for the default.</summary>
    public string? TempDirectory { get; init; }

    /// <summary>Directory for the appliance cache, or <see langword="null"/> for the default.</summary>
    public string? CacheDirectory { get; init; }

    /// <summary>How long the launch may take before it fails with the tail of the console.</summary>
    public TimeSpan LaunchTimeout { get; init; } = TimeSpan.FromMinutes(10);
}

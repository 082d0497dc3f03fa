namespace Guestfs.ApplianceTests;

/// <summary>Where <see cref="LaunchOnceProgram"/>'s <c>stop-at</c> mode stops, to be killed there.</summary>
public enum KillMoment
{
    /// <summary>A normal boot: the guest kernel writes to the console, the daemon is not ready yet.</summary>
    Boot,

    /// <summary>The snapshot save run: the appliance is stopped (paused) and its state about to be written.</summary>
    Save,

    /// <summary>A snapshot restore: the state is loaded, the drives plugged, the paused machine not yet resumed.</summary>
    Restore,

    /// <summary>Launched, one call made, idle between calls.</summary>
    Idle,

    /// <summary>In the middle of downloading the disk.</summary>
    Download,
}

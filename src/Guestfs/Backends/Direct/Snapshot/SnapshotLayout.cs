namespace Guestfs.Backends.Direct;

/// <summary>How a snapshot launch changes the qemu command line (see <see cref="QemuCommandLine.Build"/>).</summary>
/// <param name="RootOverlay">The qcow2 overlay over the appliance root the guest uses instead of the raw root.</param>
/// <param name="RootWritable">Whether qemu writes the overlay itself (saving) or a throwaway layer above it (restoring).</param>
/// <param name="TriggerSocket">The unix socket of the <c>org.guestfs.snapshot.0</c> port (we listen on it).</param>
/// <param name="QmpSocket">The unix socket of the QMP monitor (we listen on it).</param>
/// <param name="Incoming">Whether qemu waits for an incoming migration (<c>-incoming defer</c>).</param>
/// <param name="RamFile">
/// The file backing the guest's memory. The save run maps it shared, so the memory it leaves behind is the saved
/// memory, and the migration stream carries only device state (<c>x-ignore-shared</c>). A restore maps it
/// private: pages are read on first touch and copied on first write, and the file never changes.
/// </param>
internal sealed record SnapshotLayout(string RootOverlay, bool RootWritable, string TriggerSocket, string QmpSocket, bool Incoming, string RamFile)
{
    /// <summary>The qemu object id of the memory backend.</summary>
    public const string RamObjectId = "guestfs-ram";

    /// <summary>Whether qemu maps <see cref="RamFile"/> shared (the save run) rather than private (a restore).</summary>
    public bool RamShared => !Incoming;
}

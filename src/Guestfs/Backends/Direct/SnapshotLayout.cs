namespace Guestfs.Backends.Direct;

/// <summary>How a snapshot launch changes the qemu command line (see <see cref="QemuCommandLine.Build"/>).</summary>
/// <param name="RootOverlay">The qcow2 overlay over the appliance root the guest uses instead of the raw root.</param>
/// <param name="RootWritable">Whether qemu writes the overlay itself (saving) or a throwaway layer above it (restoring).</param>
/// <param name="TriggerSocket">The unix socket of the <c>org.guestfs.snapshot.0</c> port (we listen on it).</param>
/// <param name="QmpSocket">The unix socket of the QMP monitor (we listen on it).</param>
/// <param name="Incoming">Whether qemu waits for an incoming migration (<c>-incoming defer</c>).</param>
internal sealed record SnapshotLayout(string RootOverlay, bool RootWritable, string TriggerSocket, string QmpSocket, bool Incoming);

namespace Guestfs.Backends.Direct;

/// <summary>Whether KVM works with a given qemu, and if not, why.</summary>
/// <param name="Usable">Whether a test guest ran under KVM.</param>
/// <param name="Reason">Why not (empty when usable).</param>
internal sealed record KvmProbeResult(bool Usable, string Reason);

using System;

namespace Guestfs;

/// <summary>
/// KVM was required (backend setting <c>force_kvm</c>) but is not usable on this machine. Without
/// <c>force_kvm</c> the direct backend falls back to TCG software emulation instead, with a warning.
/// </summary>
public sealed class KvmUnavailableException : GuestfsLaunchException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="reason">What the KVM probe saw.</param>
    public KvmUnavailableException(string reason)
        : base($"launch: KVM is not usable here ({reason}). Remove the 'force_kvm' backend setting to run under TCG " +
               "(software emulation, slower), or fix /dev/kvm (permissions, the kvm module, nested virtualisation).")
    {
        Reason = reason;
    }

    /// <summary>What the probe saw (qemu's error, or that the test guest made no progress).</summary>
    public string Reason { get; }
}

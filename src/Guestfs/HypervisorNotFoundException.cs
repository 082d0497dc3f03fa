using System;

namespace Guestfs;

/// <summary>The hypervisor (qemu) could not be started: it is not installed, or the configured path is wrong.</summary>
public sealed class HypervisorNotFoundException : GuestfsLaunchException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="hypervisor">The program that was tried.</param>
    /// <param name="innerException">Why starting it failed.</param>
    public HypervisorNotFoundException(string hypervisor, Exception? innerException = null)
        : base($"launch: cannot run the hypervisor '{hypervisor}'. Install qemu (Debian: apt-get install qemu-system-x86) " +
               "or point the 'hv' setting (LIBGUESTFS_HV) at a qemu-system binary.", innerException)
    {
        Hypervisor = hypervisor;
    }

    /// <summary>The program that was tried.</summary>
    public string Hypervisor { get; }
}

using System;

namespace Guestfs;

/// <summary>The libguestfs events, with the bit values of libguestfs 1.48 (<c>GUESTFS_EVENT_*</c>).</summary>
[Flags]
public enum GuestfsEvents : ulong
{
    /// <summary>No event.</summary>
    None = 0,

    /// <summary><c>close</c>: the handle is being closed.</summary>
    Close = 0x1,

    /// <summary><c>subprocess_quit</c>: the appliance went away (shutdown, kill, or death).</summary>
    SubprocessQuit = 0x2,

    /// <summary><c>launch_done</c>: the daemon said it is ready.</summary>
    LaunchDone = 0x4,

    /// <summary><c>progress</c>: a progress message; the array holds proc, serial, position, total.</summary>
    Progress = 0x8,

    /// <summary><c>appliance</c>: console output of the appliance.</summary>
    Appliance = 0x10,

    /// <summary><c>library</c>: a debug message of the library.</summary>
    Library = 0x20,

    /// <summary><c>trace</c>: a trace line (call with arguments, or its result).</summary>
    Trace = 0x40,

    /// <summary><c>enter</c>: an action was entered; the buffer holds its name.</summary>
    Enter = 0x80,

    /// <summary><c>libvirt_auth</c>: libvirt authentication is needed (never raised: no libvirt backend).</summary>
    LibvirtAuth = 0x100,

    /// <summary><c>warning</c>: a warning of the library.</summary>
    Warning = 0x200,

    /// <summary>All events (<c>GUESTFS_EVENT_ALL</c>).</summary>
    All = 0x3ff,
}

namespace Guestfs;

/// <summary>The states of a handle, with the numbers <c>get_state</c> returns in libguestfs.</summary>
public enum GuestfsState
{
    /// <summary>Configuring: drives and settings may be changed; no appliance is running.</summary>
    Config = 0,

    /// <summary>The appliance is starting.</summary>
    Launching = 1,

    /// <summary>The appliance is running and accepts actions.</summary>
    Ready = 2,

    /// <summary>An action is in flight (reported by <c>get_state</c> only while a call runs).</summary>
    Busy = 3,

    /// <summary>The handle has been disposed.</summary>
    Closed = -1,
}

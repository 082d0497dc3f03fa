namespace Guestfs;

/// <summary>A callback registered with <see cref="GuestfsHandle.SetEventCallback"/>.</summary>
/// <param name="handle">The handle that raised the event.</param>
/// <param name="eventHandle">The number <see cref="GuestfsHandle.SetEventCallback"/> returned for this registration.</param>
/// <param name="args">The event.</param>
public delegate void GuestfsEventCallback(GuestfsHandle handle, int eventHandle, GuestfsEventArgs args);

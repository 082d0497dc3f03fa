using System;
using Guestfs;

namespace Gfish.Execution;

/// <summary>A session whose handle raises libguestfs events (<c>event</c>, <c>delete-event</c>).</summary>
internal interface ISessionEvents
{
    /// <summary>Registers a callback (libguestfs's <c>set_event_callback</c>).</summary>
    /// <param name="events">The events wanted.</param>
    /// <param name="callback">Called with each event, on the thread that observed it.</param>
    /// <returns>The event handle number.</returns>
    int SetEventCallback(GuestfsEvents events, Action<GuestfsEventArgs> callback);

    /// <summary>Removes a callback (libguestfs's <c>delete_event_callback</c>).</summary>
    /// <param name="eventHandle">The number <see cref="SetEventCallback"/> returned.</param>
    void DeleteEventCallback(int eventHandle);
}

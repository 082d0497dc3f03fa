using System;
using System.Collections.Generic;

namespace Guestfs;

/// <summary>One event, as libguestfs passes it to callbacks: the event, a text buffer and an array of numbers.</summary>
public sealed class GuestfsEventArgs : EventArgs
{
    /// <summary>Creates the event arguments.</summary>
    /// <param name="event">The single event bit that fired.</param>
    /// <param name="buffer">The text of the event (trace line, console output, message), or empty.</param>
    /// <param name="array">The numbers of the event (for progress: proc, serial, position, total), or empty.</param>
    public GuestfsEventArgs(GuestfsEvents @event, string buffer, IReadOnlyList<ulong> array)
    {
        Event = @event;
        Buffer = buffer;
        Array = array;
    }

    /// <summary>The event that fired (one bit).</summary>
    public GuestfsEvents Event { get; }

    /// <summary>The text of the event, or empty.</summary>
    public string Buffer { get; }

    /// <summary>The numbers of the event, or empty.</summary>
    public IReadOnlyList<ulong> Array { get; }
}

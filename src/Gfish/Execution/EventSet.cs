using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using Guestfs;

namespace Gfish.Execution;

/// <summary>Event sets as guestfish writes them: <c>*</c> or names separated by commas (<c>close,launch_done</c>).</summary>
internal static class EventSet
{
    /// <summary>The event names in libguestfs's order (bit 0 first).</summary>
    private static readonly (string Name, GuestfsEvents Event)[] s_events =
    [
        ("close", GuestfsEvents.Close),
        ("subprocess_quit", GuestfsEvents.SubprocessQuit),
        ("launch_done", GuestfsEvents.LaunchDone),
        ("progress", GuestfsEvents.Progress),
        ("appliance", GuestfsEvents.Appliance),
        ("library", GuestfsEvents.Library),
        ("trace", GuestfsEvents.Trace),
        ("enter", GuestfsEvents.Enter),
        ("libvirt_auth", GuestfsEvents.LibvirtAuth),
        ("warning", GuestfsEvents.Warning),
    ];

    /// <summary>
    /// Parses an event set as guestfish does: each comma-separated part selects the first event (in libguestfs's
    /// order) whose name starts with it, so <c>launch</c> means <c>launch_done</c>.
    /// </summary>
    /// <param name="text">The set.</param>
    /// <param name="events">The events.</param>
    /// <param name="unknown">When parsing fails, the rest of the text from the part that names no event.</param>
    /// <returns>Whether every part named an event.</returns>
    public static bool TryParse(string text, out GuestfsEvents events, out string? unknown)
    {
        unknown = null;
        if (text == "*")
        {
            events = GuestfsEvents.All;
            return true;
        }

        events = GuestfsEvents.None;
        var position = 0;
        while (position < text.Length)
        {
            var end = text.IndexOf(',', position);
            var part = text[position..(end < 0 ? text.Length : end)];
            var match = s_events.FirstOrDefault(e => e.Name.StartsWith(part, StringComparison.Ordinal));
            if (match.Name is null)
            {
                unknown = text[position..];
                return false;
            }

            events |= match.Event;
            position = end < 0 ? text.Length : end + 1;
        }

        return true;
    }

    /// <summary>The names of the events, sorted and separated by commas (libguestfs's <c>event_to_string</c>).</summary>
    /// <param name="events">The events.</param>
    /// <returns>The text.</returns>
    public static string ToText(GuestfsEvents events) =>
        string.Join(',', s_events.Where(e => (events & e.Event) != 0).Select(e => e.Name).Order(StringComparer.Ordinal));

    /// <summary>An event set as <c>list-events</c> prints it: <c>*</c> for every event, else the names.</summary>
    /// <param name="events">The events.</param>
    /// <returns>The text.</returns>
    public static string ToListText(GuestfsEvents events) => events == GuestfsEvents.All ? "*" : ToText(events);
}

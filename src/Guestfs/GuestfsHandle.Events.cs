using System;
using System.Collections.Generic;
using Guestfs.Diagnostics;

namespace Guestfs;

/// <content>Events: libguestfs-style callbacks with a bitmask, .NET events, trace and debug lines.</content>
public sealed partial class GuestfsHandle
{
    private readonly List<EventRegistration> _callbacks = new();
    private int _nextEventHandle;

    /// <summary>Raised for every event (all bits), after the registered callbacks.</summary>
    public event EventHandler<GuestfsEventArgs>? EventRaised;

    /// <summary>Raised for each progress message of the call in flight.</summary>
    public event EventHandler<GuestfsProgress>? ProgressReported;

    /// <summary>
    /// Registers a callback for the events in <paramref name="events"/> (libguestfs's <c>set_event_callback</c>).
    /// Callbacks run on the thread that observed the event and must not call back into the handle.
    /// </summary>
    /// <param name="callback">The callback.</param>
    /// <param name="events">The events wanted (a bitmask).</param>
    /// <returns>A number that <see cref="DeleteEventCallback"/> accepts.</returns>
    public int SetEventCallback(GuestfsEventCallback callback, GuestfsEvents events)
    {
        ArgumentNullException.ThrowIfNull(callback);
        if ((events & ~GuestfsEvents.All) != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(events), events, "events contains bits that name no event");
        }

        lock (_callbacks)
        {
            int id = _nextEventHandle++;
            _callbacks.Add(new EventRegistration(id, events, callback));
            return id;
        }
    }

    /// <summary>
    /// Removes a callback registered with <see cref="SetEventCallback"/>; unknown numbers are ignored. As in libguestfs,
    /// the number of the most recently registered callback is handed out again by the next registration.
    /// </summary>
    /// <param name="eventHandle">The number <see cref="SetEventCallback"/> returned.</param>
    public void DeleteEventCallback(int eventHandle)
    {
        lock (_callbacks)
        {
            _callbacks.RemoveAll(r => r.Id == eventHandle);
            if (eventHandle == _nextEventHandle - 1)
            {
                _nextEventHandle--;
            }
        }
    }

    /// <summary>Raises one event to the callbacks whose mask includes it, then to <see cref="EventRaised"/>.</summary>
    /// <returns>Whether any callback was registered for the event.</returns>
    private bool RaiseEvent(GuestfsEvents ev, string buffer, IReadOnlyList<ulong>? array)
    {
        EventRegistration[] matching;
        lock (_callbacks)
        {
            matching = _callbacks.Count == 0 ? Array.Empty<EventRegistration>() : _callbacks.FindAll(r => (r.Events & ev) != 0).ToArray();
        }

        EventHandler<GuestfsEventArgs>? handlers = EventRaised;
        EventHandler<GuestfsProgress>? progressHandlers = ev == GuestfsEvents.Progress ? ProgressReported : null;
        if (matching.Length == 0 && handlers is null && progressHandlers is null)
        {
            return false;
        }

        var args = new GuestfsEventArgs(ev, buffer, array ?? Array.Empty<ulong>());
        foreach (EventRegistration registration in matching)
        {
            try
            {
                registration.Callback(this, registration.Id, args);
            }
            catch (Exception e)
            {
                ConnectionLog.CallbackFailed(_connectionLog, ev, e);
            }
        }

        try
        {
            handlers?.Invoke(this, args);
            if (progressHandlers is not null && array is { Count: 4 })
            {
                progressHandlers(this, new GuestfsProgress((int)array[0], (uint)array[1], array[2], array[3]));
            }
        }
        catch (Exception e)
        {
            ConnectionLog.CallbackFailed(_connectionLog, ev, e);
        }

        return matching.Length > 0 || handlers is not null;
    }

    /// <summary>A trace line: the trace event, or (when nobody listens) <c>libguestfs: trace: …</c> on stderr.</summary>
    private void TraceLine(string line)
    {
        if (!RaiseEvent(GuestfsEvents.Trace, line, null))
        {
            WriteDiagnostic("libguestfs: trace: " + line);
        }
    }

    /// <summary>A debug message of the library: logged, raised as the library event, and printed when verbose.</summary>
    private void DebugMessage(string message)
    {
        ConnectionLog.LibraryDebug(_connectionLog, message);
        if (!_verbose)
        {
            return;
        }

        if (!RaiseEvent(GuestfsEvents.Library, message, null))
        {
            WriteDiagnostic("libguestfs: " + message);
        }
    }

    private void WarningMessage(string message)
    {
        ConnectionLog.Warning(_connectionLog, message);
        if (!RaiseEvent(GuestfsEvents.Warning, message, null))
        {
            WriteDiagnostic("libguestfs: warning: " + message);
        }
    }

    private void ApplianceOutput(string text)
    {
        ApplianceLog.Output(_applianceLog, text);
        if (!RaiseEvent(GuestfsEvents.Appliance, text, null) && _verbose)
        {
            WriteDiagnostic(text.TrimEnd('\n'));
        }
    }

    private void WriteDiagnostic(string line)
    {
        lock (_diagnosticWriter)
        {
            _diagnosticWriter.WriteLine(line);
            _diagnosticWriter.Flush();
        }
    }

    private sealed record EventRegistration(int Id, GuestfsEvents Events, GuestfsEventCallback Callback);
}

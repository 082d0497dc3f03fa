using System.Diagnostics;
using System.Globalization;

namespace Guestfs.Backends.Direct;

/// <summary>Times the steps of one launch and reports each, with its duration, as a debug message.</summary>
internal sealed class LaunchPhases
{
    private readonly IBackendEventSink _sink;
    private readonly Stopwatch _total = Stopwatch.StartNew();
    private readonly Stopwatch _phase = Stopwatch.StartNew();

    /// <summary>Starts timing.</summary>
    /// <param name="sink">Where the messages go.</param>
    public LaunchPhases(IBackendEventSink sink)
    {
        _sink = sink;
    }

    /// <summary>The name of the step in progress (for error messages).</summary>
    public string Current { get; private set; } = "start";

    /// <summary>Ends the current step (reporting it) and starts the next.</summary>
    /// <param name="next">The next step's name.</param>
    public void Next(string next)
    {
        Report();
        Current = next;
        _phase.Restart();
    }

    /// <summary>Ends the last step and reports the total.</summary>
    public void Finish()
    {
        Report();
        _sink.OnDebug(string.Create(CultureInfo.InvariantCulture, $"launch: total {_total.Elapsed.TotalSeconds:0.000} s"));
        Current = "done";
    }

    private void Report()
    {
        if (Current != "start")
        {
            _sink.OnDebug(string.Create(
                CultureInfo.InvariantCulture,
                $"launch: {Current}: {_phase.Elapsed.TotalSeconds:0.000} s (at {_total.Elapsed.TotalSeconds:0.000} s)"));
        }
    }
}

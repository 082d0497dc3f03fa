using System;
using System.Diagnostics;
using System.Text;
using Guestfs.Backends;

namespace Guestfs.TestTool;

/// <summary>Prints what the backend reports, with the time since the tool started.</summary>
internal sealed class ConsoleSink : IBackendEventSink
{
    private readonly Stopwatch _clock;
    private readonly bool _showConsole;
    private readonly StringBuilder _console = new();

    public ConsoleSink(Stopwatch clock, bool showConsole)
    {
        _clock = clock;
        _showConsole = showConsole;
    }

    public string ConsoleText
    {
        get
        {
            lock (_console)
            {
                return _console.ToString();
            }
        }
    }

    public void OnApplianceOutput(string text)
    {
        lock (_console)
        {
            _console.Append(text);
        }

        if (_showConsole)
        {
            Console.Write(text);
        }
    }

    public void OnDebug(string message) => Console.WriteLine($"[{_clock.Elapsed.TotalSeconds,8:0.000}] {message}");

    public void OnWarning(string message) => Console.WriteLine($"[{_clock.Elapsed.TotalSeconds,8:0.000}] WARNING: {message}");
}

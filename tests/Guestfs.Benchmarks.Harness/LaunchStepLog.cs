using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;

namespace Guestfs.Benchmarks.Harness;

/// <summary>
/// A logger factory that keeps, from the library's debug log, the time each snapshot or pool launch's appliance
/// spent probing its disks (<c>launch: snapshot: … appliance steps: disks 0.26 s, …</c>), without making the
/// launches verbose (a verbose appliance prints, which slows the steps it reports).
/// </summary>
/// <remarks>With an echo writer, every debug line also goes there, stamped with the time since <see cref="Mark"/>
/// (the host's side of a launch, step by step).</remarks>
internal sealed partial class LaunchStepLog(TextWriter? echo = null) : ILoggerFactory, ILogger
{
    private readonly List<double> _disks = [];
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    /// <summary>Restarts the echo's clock and writes <paramref name="what"/> at 0.</summary>
    /// <param name="what">What starts now.</param>
    public void Mark(string what)
    {
        if (echo is not null)
        {
            lock (_disks)
            {
                _clock.Restart();
                echo.WriteLine($"[ 0.000] {what}");
            }
        }
    }

    /// <summary>The disk-probe step of each launch that reported its steps, in order.</summary>
    public List<double> DiskProbeSeconds
    {
        get
        {
            lock (_disks)
            {
                return [.. _disks];
            }
        }
    }

    public ILogger CreateLogger(string categoryName) => this;

    public void AddProvider(ILoggerProvider provider)
    {
    }

    public void Dispose()
    {
    }

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Debug;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        string message = formatter(state, exception);
        if (echo is not null)
        {
            lock (_disks)
            {
                echo.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[{_clock.Elapsed.TotalSeconds,6:0.000}] {message}"));
            }
        }

        Match m = DisksStep().Match(message);
        if (m.Success)
        {
            lock (_disks)
            {
                _disks.Add(double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture));
            }
        }
    }

    [GeneratedRegex(@"appliance steps: disks ([0-9.]+) s")]
    private static partial Regex DisksStep();
}

using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;

namespace Guestfs.Benchmarks.Harness;

/// <summary>
/// A logger factory that keeps, from the library's debug log, the time each snapshot or pool launch's appliance
/// spent probing its disks (<c>launch: snapshot: … appliance steps: disks 0.26 s, …</c>), without making the
/// launches verbose (a verbose appliance prints, which slows the steps it reports).
/// </summary>
internal sealed partial class LaunchStepLog : ILoggerFactory, ILogger
{
    private readonly List<double> _disks = [];

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
        Match m = DisksStep().Match(formatter(state, exception));
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

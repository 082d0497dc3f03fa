using System;
using System.Collections.Concurrent;

namespace Guestfs.ApplianceTests;

/// <summary>Records progress reports synchronously (<see cref="Progress{T}"/> would post them to the thread pool).</summary>
internal sealed class RecordingProgress : IProgress<GuestfsProgress>
{
    public ConcurrentQueue<GuestfsProgress> Reports { get; } = new();

    public void Report(GuestfsProgress value) => Reports.Enqueue(value);
}

using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Guestfs.Backends;
using Guestfs.Backends.Unix;

namespace Guestfs.Tests.Engine;

/// <summary>
/// A backend for handle tests: connects to the fake daemon (or hands out a given in-memory channel), reports
/// console output, and records what the handle asks of it; its exit and a hung shutdown are scripted.
/// </summary>
internal sealed class ScriptedBackend : IGuestfsBackend
{
    private readonly UnixBackend? _inner;
    private readonly Stream? _channel;
    private readonly TaskCompletionSource<string> _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _killed;

    /// <summary>A backend whose appliance is the fake daemon on <paramref name="socketPath"/>.</summary>
    public ScriptedBackend(string socketPath) => _inner = new UnixBackend(socketPath);

    /// <summary>A backend whose daemon channel is <paramref name="channel"/>.</summary>
    public ScriptedBackend(Stream channel) => _channel = channel;

    public LaunchParameters? Parameters { get; private set; }

    /// <summary>Whether the kill path ran.</summary>
    public bool Killed => Volatile.Read(ref _killed) != 0;

    /// <summary>Whether <see cref="ShutdownAsync"/> ignores its token and never completes (a hypervisor that does not exit).</summary>
    public bool HangOnShutdown { get; init; }

    /// <summary>Whether the handle asked for an orderly shutdown.</summary>
    public bool ShutdownRequested { get; private set; }

    public string Name => "scripted";

    public int? ProcessId => 4242;

    public Task<string> Exited => _exited.Task;

    public void Exit(string why) => _exited.TrySetResult(why);

    public async Task<LaunchedChannel> LaunchAsync(LaunchParameters parameters, IBackendEventSink sink, CancellationToken cancellationToken)
    {
        Parameters = parameters;
        sink.OnApplianceOutput("Linux version 6.1 (console)\n");
        return _inner is not null ? await _inner.LaunchAsync(parameters, sink, cancellationToken) : new LaunchedChannel(_channel!, LaunchFlagRead: false);
    }

    public Task ShutdownAsync(CancellationToken cancellationToken)
    {
        ShutdownRequested = true;
        return HangOnShutdown ? new TaskCompletionSource().Task : _inner?.ShutdownAsync(cancellationToken) ?? Task.CompletedTask;
    }

    public void Kill()
    {
        Interlocked.Exchange(ref _killed, 1);
        _inner?.Kill();
        _channel?.Dispose();
    }

    public ValueTask DisposeAsync() => _inner?.DisposeAsync() ?? ValueTask.CompletedTask;
}

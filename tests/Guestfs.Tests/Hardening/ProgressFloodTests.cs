using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Guestfs.Protocol;
using Guestfs.Tests.Engine;
using Microsoft.Extensions.Logging.Abstractions;

namespace Guestfs.Tests.Hardening;

/// <summary>
/// A daemon that sends progress messages without end, faster than they are read: the caller's token is looked at
/// after every message, so cancelling ends the call at once instead of when the flood stops.
/// </summary>
public class ProgressFloodTests
{
    private const long Flood = 2_000_000;
    private static readonly TimeSpan s_limit = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Call_ProgressForever_CancelEndsCallAfterOneMessageAndBreaksConnection()
    {
        var daemon = new EndlessProgressStream(Procedure.Sync, Flood);
        var connection = new GuestfsConnection(daemon, NullLogger.Instance);
        using var cts = new CancellationTokenSource();
        long seen = 0;
        void OnProgress(Progress p)
        {
            seen++;
            cts.Cancel();
        }

        Task call = Task.Run(() => connection.ExecuteAsync<NoReply>(Procedure.Sync, null, 0, null, null, "sync", OnProgress, cts.Token));

        OperationCanceledException e = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call.WaitAsync(s_limit));
        Assert.Equal(cts.Token, e.CancellationToken);
        Assert.Equal(1, seen);
        Assert.True(daemon.MessagesSent < Flood, $"the whole flood of {daemon.MessagesSent} messages was read");

        // Not a transfer: the daemon cannot be interrupted, so the connection is given up (the handle kills the appliance).
        Assert.True(connection.IsBroken);
        Assert.Contains("cancelled", connection.BrokenReason, StringComparison.Ordinal);
        connection.Abort("done");
    }

    [Fact]
    public async Task Upload_ProgressForever_CancelSendsCancelChunkAndGraceBoundsTheWait()
    {
        // No end to the flood: after the cancel chunk the client reads progress until the grace period runs out, and
        // on a loaded machine the grace timer can fire late enough for a bounded flood to run dry first (a lost
        // connection instead of the cancellation). A client that never looks at its token hangs here (s_limit).
        var daemon = new EndlessProgressStream(Procedure.Upload, long.MaxValue);
        var connection = new GuestfsConnection(daemon, NullLogger.Instance) { CancelGracePeriod = TimeSpan.FromMilliseconds(300) };
        using var cts = new CancellationTokenSource();
        var source = new MemoryStream(new byte[16 * 1024 * 1024]);
        void OnProgress(Progress p) => cts.Cancel();

        Task call = Task.Run(() => connection.ExecuteAsync<NoReply>(Procedure.Upload, null, 0, source, null, "upload", OnProgress, cts.Token));

        OperationCanceledException e = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call.WaitAsync(s_limit));
        Assert.Equal(cts.Token, e.CancellationToken);

        // The daemon never sent the error reply that ends a cancelled upload: past the grace period the connection is broken.
        Assert.True(connection.IsBroken);
        connection.Abort("done");
    }

    [Fact]
    public async Task Handle_ProgressForever_CancelEndsCallKillsApplianceAndReturnsToConfig()
    {
        var daemon = new EndlessProgressStream(Procedure.Sync, Flood, launchFlag: true);
        var backend = new ScriptedBackend(daemon);
        await using var g = new GuestfsHandle(new GuestfsOptions
        {
            ReadEnvironment = false, Backend = "direct", DiagnosticWriter = TextWriter.Null, BackendFactory = _ => backend,
        });
        await g.SetAutosyncAsync(false);
        await g.AddDriveAsync("/dev/null");
        await g.LaunchAsync();
        using var cts = new CancellationTokenSource();
        var progress = new SynchronousProgress(_ => cts.Cancel());

        Task call = Task.Run(() => g.CallAsync(Procedure.Sync, null, 0, new CallTransfer(Progress: progress), cts.Token));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call.WaitAsync(s_limit));
        Assert.True(daemon.MessagesSent < Flood, $"the whole flood of {daemon.MessagesSent} messages was read");
        Assert.Equal(GuestfsState.Config, g.State);
        Assert.True(backend.Killed);
    }

    private sealed class SynchronousProgress(Action<GuestfsProgress> report) : IProgress<GuestfsProgress>
    {
        public void Report(GuestfsProgress value) => report(value);
    }
}

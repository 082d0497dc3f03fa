using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Guestfs.Backends;
using Guestfs.Backends.Unix;
using Guestfs.Protocol;
using Microsoft.Extensions.Logging;

namespace Guestfs.Tests.Engine;

public class BackendAndDiagnosticsTests
{
    [Fact]
    public async Task ApplianceExitsWhileIdle_HandleBreaksToConfigAndRaisesSubprocessQuit()
    {
        await using FakeDaemon daemon = FakeDaemon.Start();
        var backend = new ScriptedBackend(daemon.SocketPath);
        var quits = 0;
        var appliance = new List<string>();
        await using var g = new GuestfsHandle(new GuestfsOptions
        {
            ReadEnvironment = false, Backend = "direct", DiagnosticWriter = TextWriter.Null, BackendFactory = name => backend,
        });
        g.SetEventCallback((_, _, e) => Interlocked.Increment(ref quits), GuestfsEvents.SubprocessQuit);
        g.SetEventCallback((_, _, e) => appliance.Add(e.Buffer), GuestfsEvents.Appliance);
        await g.AddDriveAsync("/dev/null");
        Task launch = g.LaunchAsync();
        await daemon.AcceptAsync();
        await daemon.SendWordAsync(ProtocolConstants.LaunchFlag);
        await launch;
        Assert.Equal(new[] { "Linux version 6.1 (console)\n" }, appliance);
        Assert.Equal(4242, await g.GetPidAsync());
        Assert.Equal(1280, backend.Parameters!.MemsizeMb);
        Assert.Equal("/dev/null", Assert.Single(backend.Parameters.Drives).Filename);

        backend.Exit("qemu exited with status 1");
        for (int i = 0; i < 100 && g.State != GuestfsState.Config; i++)
        {
            await Task.Delay(20);
        }

        Assert.Equal(GuestfsState.Config, g.State);
        Assert.Equal(1, quits);
        Assert.True(backend.Killed);
        InvalidOperationException e = await Assert.ThrowsAsync<InvalidOperationException>(() => g.CallAsync(Procedure.Sync, null, 0, default, default));
        Assert.Contains("qemu exited with status 1", e.Message);
    }

    [Fact]
    public async Task Logging_CategoriesAndMessages()
    {
        await using FakeDaemon daemon = FakeDaemon.Start();
        var logs = new CapturingLoggerFactory();
        GuestfsOptions options = new() { ReadEnvironment = false, Backend = daemon.Backend, DiagnosticWriter = TextWriter.Null, LoggerFactory = logs };
        await using GuestfsHandle g = await daemon.LaunchHandleAsync(options);
        Task call = g.CallAsync(Procedure.Sync, null, 0, default, default);
        await daemon.SendReplyAsync(await daemon.ReadCallAsync());
        await call;
        Assert.Contains(logs.Entries, e => e.Category == "Guestfs.Connection" && e.Message.StartsWith("The appliance is ready", StringComparison.Ordinal));
        Assert.Contains(logs.Entries, e => e.Category == "Guestfs.Protocol" && e.Message.StartsWith("Sent call sync serial 123400", StringComparison.Ordinal));
        Assert.Contains(logs.Entries, e => e.Category == "Guestfs.Protocol" && e.Message.StartsWith("Received reply for sync", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ActivitySource_OneClientActivityPerCall_WithProcedureSerialAndBytes()
    {
        var activities = new ConcurrentBag<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name == "Guestfs",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activities.Add,
        };
        ActivitySource.AddActivityListener(listener);
        await using FakeDaemon daemon = FakeDaemon.Start();
        await using GuestfsHandle g = await daemon.LaunchHandleAsync();
        Task call = g.CallAsync(Procedure.Touch, new StringArgs("/marker-for-activity"), 0, new CallTransfer(ActionName: "activity_probe"), default);
        await daemon.SendReplyAsync(await daemon.ReadCallAsync());
        await call;

        Activity a = Assert.Single(activities, x => x.OperationName == "activity_probe");
        Assert.Equal(GuestfsConnection.FirstSerial, (uint)a.GetTagItem("guestfs.serial")!);
        Assert.Equal("activity_probe", a.GetTagItem("guestfs.procedure"));
        Assert.True((long)a.GetTagItem("guestfs.bytes_sent")! > 36);
        Assert.Equal(ActivityKind.Client, a.Kind);
        Assert.Equal(3, a.GetTagItem("guestfs.procedure_number"));
        Assert.True((long)a.GetTagItem("guestfs.bytes_received")! >= 36);
    }

    [Fact]
    public async Task UnixBackend_KillCompletesExited()
    {
        var backend = new UnixBackend("/nonexistent");
        backend.Kill();
        Assert.Equal("killed", await backend.Exited);
        Assert.Null(backend.ProcessId);
    }

    private sealed class CapturingLoggerFactory : ILoggerFactory
    {
        public ConcurrentQueue<(string Category, LogLevel Level, string Message)> Entries { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

        public void AddProvider(ILoggerProvider provider) { }

        public void Dispose() { }

        private sealed class Logger(CapturingLoggerFactory owner, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                owner.Entries.Enqueue((category, logLevel, formatter(state, exception)));
        }
    }
}

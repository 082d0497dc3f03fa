using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Guestfs.Backends;
using Guestfs.Backends.Direct;

namespace Guestfs.ApplianceTests;

/// <summary>
/// The test assembly's entry point (the test SDK's generated one is turned off). Tests start it as a child process:
/// <list type="bullet">
/// <item><c>launch-once MEMSIZE DISK</c> launches the appliance once with the direct backend and snapshot launch on,
/// checks that the daemon lists the disk, shuts down and prints <c>restored=True|False</c> (launches from several
/// processes at once).</item>
/// <item><c>stop-at MOMENT MEMSIZE DISK</c> launches and stops at <paramref name="args"/>' moment (see
/// <see cref="KillMoment"/>), prints <c>moment MOMENT qemu PID</c> and waits there for ever, so that the test can kill
/// it at exactly that point.</item>
/// </list>
/// </summary>
public static class LaunchOnceProgram
{
    public static async Task<int> Main(string[] args)
    {
        if (args is ["stop-at", string moment, string memsize, string disk])
        {
            await StopAtAsync(Enum.Parse<KillMoment>(moment, ignoreCase: true), int.Parse(memsize, System.Globalization.CultureInfo.InvariantCulture), disk);
            return 1;   // not reached: the test kills this process
        }

        if (args.Length != 3 || args[0] != "launch-once")
        {
            Console.Error.WriteLine("usage: launch-once MEMSIZE DISK | stop-at MOMENT MEMSIZE DISK");
            return 2;
        }

        var sink = new ConsoleEventSink();
        LaunchParameters parameters = ApplianceFixture.TcgParameters([new DriveSpec(args[2]) { Format = "raw" }]) with
        {
            MemsizeMb = int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture),
            BackendSettings = new Dictionary<string, string> { ["force_tcg"] = "1", ["snapshot"] = "1" },
        };
        var backend = new DirectBackend();
        await using (backend)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4));
            DaemonChannel channel = await DaemonChannel.OpenAsync(await backend.LaunchAsync(parameters, sink, timeout.Token), timeout.Token);

            IReadOnlyList<string> devices = DaemonChannel.ReadStringList(await channel.CallAsync(7, null, 0, timeout.Token));
            Console.WriteLine("devices=" + string.Join(' ', devices));
            Console.WriteLine("restored=" + backend.Restored);
            await backend.ShutdownAsync(timeout.Token);
            return devices is ["/dev/sda"] ? 0 : 1;
        }
    }

    private static async Task StopAtAsync(KillMoment moment, int memsize, string disk)
    {
        LaunchParameters parameters = ApplianceFixture.TcgParameters([new DriveSpec(disk) { Format = "raw" }]) with
        {
            MemsizeMb = memsize,
            BackendSettings = new Dictionary<string, string> { ["force_tcg"] = "1", ["snapshot"] = moment == KillMoment.Boot ? "0" : "1" },
            Verbose = moment == KillMoment.Boot,    // the console then shows the guest running before the daemon is up
        };
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(8));
        if (moment == KillMoment.Download)
        {
            var options = new GuestfsOptions { Backend = "direct", BackendSettings = ["force_tcg", "snapshot=1"], Memsize = memsize };
            var g = new GuestfsHandle(options);
            await g.AddDriveAsync(disk, new AddDriveOptions { Format = "raw" }, timeout.Token);
            await g.LaunchAsync(timeout.Token);
            int pid = await g.GetPidAsync(timeout.Token);
            await g.DownloadAsync("/dev/sda", new StallingStream(() => Stop(moment, pid)), cancellationToken: timeout.Token);
            return;
        }

        if (moment == KillMoment.Restore)
        {
            // Make sure a saved state exists, so that the next launch restores it.
            var first = new DirectBackend();
            await using (first)
            {
                await DaemonChannel.OpenAsync(await first.LaunchAsync(parameters, new ConsoleEventSink(), timeout.Token), timeout.Token);
                await first.ShutdownAsync(timeout.Token);
            }
        }

        var backend = new DirectBackend();
        string trigger = moment switch
        {
            KillMoment.Save => "launch: snapshot: the appliance is stopped; saving its state",
            KillMoment.Restore => "launch: snapshot: drives plugged and the trigger sent; the appliance is resumed now",
            _ => "\0",
        };
        var sink = new StoppingSink(trigger, moment == KillMoment.Boot, () => Stop(moment, backend.ProcessId ?? 0));
        DaemonChannel daemon = await DaemonChannel.OpenAsync(await backend.LaunchAsync(parameters, sink, timeout.Token), timeout.Token);
        await daemon.CallAsync(7, null, 0, timeout.Token);
        Stop(moment, backend.ProcessId ?? 0);    // Idle: between calls
    }

    private static void Stop(KillMoment moment, int pid)
    {
        Console.WriteLine($"moment {moment} qemu {pid}");
        Thread.Sleep(Timeout.Infinite);
    }

    /// <summary>
    /// Stops the launch inside the sink when the debug message that marks the moment comes, or at the first console
    /// output (the guest kernel runs, so qemu has opened and locked the disks; the daemon is not ready yet).
    /// </summary>
    private sealed class StoppingSink(string trigger, bool atConsole, Action stop) : IBackendEventSink
    {
        public void OnApplianceOutput(string text)
        {
            if (atConsole && text.Trim().Length > 0)
            {
                stop();
            }
        }

        public void OnDebug(string message)
        {
            Console.WriteLine("debug: " + message);
            if (message.StartsWith(trigger, StringComparison.Ordinal))
            {
                stop();
            }
        }

        public void OnWarning(string message) => Console.WriteLine("warning: " + message);
    }

    /// <summary>A download destination that takes the first chunk and then never returns.</summary>
    private sealed class StallingStream(Action stop) : MemoryStream
    {
        public override void Write(byte[] buffer, int offset, int count) => stop();

        public override void Write(ReadOnlySpan<byte> buffer) => stop();

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            stop();
            return Task.CompletedTask;
        }

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            stop();
            return ValueTask.CompletedTask;
        }
    }
}

using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Guestfs.Backends;
using Guestfs.Backends.Direct;

namespace Guestfs.ApplianceTests;

/// <summary>
/// The test assembly's entry point (the test SDK's generated one is turned off): <c>dotnet Guestfs.ApplianceTests.dll
/// launch-once MEMSIZE DISK</c> launches the appliance once with the direct backend and snapshot launch on, checks
/// that the daemon lists the disk, shuts down and prints <c>restored=True|False</c>. Tests use it to launch from
/// several processes at once.
/// </summary>
public static class LaunchOnceProgram
{
    public static async Task<int> Main(string[] args)
    {
        if (args.Length != 3 || args[0] != "launch-once")
        {
            Console.Error.WriteLine("usage: launch-once MEMSIZE DISK");
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
            Stream stream = await backend.LaunchAsync(parameters, sink, timeout.Token);
            var channel = new DaemonChannel(stream);
            if (await channel.ReadWordAsync(timeout.Token) != DaemonChannel.LaunchFlag)
            {
                Console.WriteLine("no launch flag");
                return 1;
            }

            IReadOnlyList<string> devices = DaemonChannel.ReadStringList(await channel.CallAsync(7, null, 0, timeout.Token));
            Console.WriteLine("devices=" + string.Join(' ', devices));
            Console.WriteLine("restored=" + backend.Restored);
            await backend.ShutdownAsync(timeout.Token);
            return devices is ["/dev/sda"] ? 0 : 1;
        }
    }
}

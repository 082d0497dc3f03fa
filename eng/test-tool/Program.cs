using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Guestfs;
using Guestfs.Backends;
using Guestfs.Backends.Direct;
using Guestfs.TestTool;
using Guestfs.Xdr;

// Launches the appliance with the direct backend on a scratch disk, waits for the daemon, asks it for its
// devices, shuts down, and says what went wrong if anything did. Options:
//   --runs N        launch N times and report the median time to the launch flag
//   --console       print the appliance console as it arrives
//   --verbose       verbose appliance (kernel messages, init timings, daemon debug)
//   --path DIR      a fixed appliance directory (else LIBGUESTFS_PATH, else our cache)
//   --kvm-probe     do not force TCG: probe KVM first (the default is force_tcg, as this host needs)
//   --append TEXT   extra kernel command line
var options = new Queue<string>(args);
int runs = 1;
bool showConsole = false, verbose = false, probeKvm = false;
string? path = null, append = null;
while (options.Count > 0)
{
    string option = options.Dequeue();
    switch (option)
    {
        case "--runs": runs = int.Parse(options.Dequeue(), System.Globalization.CultureInfo.InvariantCulture); break;
        case "--console": showConsole = true; break;
        case "--verbose": verbose = true; break;
        case "--path": path = options.Dequeue(); break;
        case "--append": append = options.Dequeue(); break;
        case "--kvm-probe": probeKvm = true; break;
        default: Console.Error.WriteLine($"test-tool: unknown option {option}"); return 2;
    }
}

var clock = Stopwatch.StartNew();
var sink = new ConsoleSink(clock, showConsole);
string hypervisor = DirectBackend.GetHypervisor(new LaunchParameters { Drives = [] });
Console.WriteLine("==== Guestfs test tool: direct backend ====");
Console.WriteLine($"hypervisor:   {hypervisor} ({await FirstLineAsync(hypervisor, "--version")})");
Console.WriteLine($"supermin:     {await FirstLineAsync("supermin", "--version")}");
Console.WriteLine($"/dev/kvm:     {(File.Exists("/dev/kvm") ? "present" : "absent")}");
Console.WriteLine($"recipe:       {ApplianceLocator.FindRecipe() ?? "(not found; set GUESTFS_APPLIANCE_RECIPE)"}");
Console.WriteLine($"LIBGUESTFS_PATH={Environment.GetEnvironmentVariable("LIBGUESTFS_PATH")}");
if (probeKvm)
{
    var probeClock = Stopwatch.StartNew();
    KvmProbeResult probe = await KvmProbe.ProbeAsync(hypervisor, KvmProbe.DefaultTimeout);
    Console.WriteLine($"KVM probe:    {(probe.Usable ? "usable" : "NOT usable: " + probe.Reason)} ({probeClock.Elapsed.TotalSeconds:0.00} s)");
}

string scratchDirectory = Directory.CreateTempSubdirectory("guestfs-test-tool-").FullName;
var times = new List<double>();
try
{
    string disk = Path.Combine(scratchDirectory, "scratch.img");
    await using (var file = new FileStream(disk, FileMode.Create))
    {
        file.SetLength(64L * 1024 * 1024);
    }

    var settings = new Dictionary<string, string>();
    if (!probeKvm)
    {
        settings["force_tcg"] = "1";
    }

    var parameters = new LaunchParameters
    {
        Drives = [new DriveSpec(disk) { Format = "raw" }],
        Path = path,
        Verbose = verbose,
        Append = append,
        BackendSettings = settings,
        LaunchTimeout = TimeSpan.FromMinutes(5),
    };

    for (int run = 1; run <= runs; run++)
    {
        Console.WriteLine($"---- launch {run} of {runs}");
        var backend = new DirectBackend();
        await using (backend)
        {
            var launchClock = Stopwatch.StartNew();
            LaunchedChannel channel = await backend.LaunchAsync(parameters, sink, CancellationToken.None);
            Stream stream = channel.Stream;
            if (!channel.LaunchFlagRead)
            {
                // A snapshot launch read the flag already.
                var word = new byte[4];
                await stream.ReadExactlyAsync(word);
                uint flag = BinaryPrimitives.ReadUInt32BigEndian(word);
                if (flag != 0xF5F55FF5)
                {
                    Console.WriteLine($"FAILED: the daemon's first word was 0x{flag:x8}, not the launch flag 0xf5f55ff5");
                    return 1;
                }
            }

            double seconds = launchClock.Elapsed.TotalSeconds;

            times.Add(seconds);
            Console.WriteLine($"launch flag received after {seconds:0.000} s ({(backend.UsesKvm ? "KVM" : "TCG")}, kernel {backend.Appliance!.Kernel})");
            IReadOnlyList<string> devices = await ListDevicesAsync(stream);
            Console.WriteLine($"list_devices: {string.Join(' ', devices)}");
            await backend.ShutdownAsync(CancellationToken.None);
            Console.WriteLine($"shut down; qemu: {await backend.Exited}");
        }
    }

    times.Sort();
    Console.WriteLine($"==== TEST PASSED: launch to flag, median of {times.Count}: {times[times.Count / 2]:0.000} s " +
                      $"(all: {string.Join(", ", times.Select(t => t.ToString("0.000", System.Globalization.CultureInfo.InvariantCulture)))})");
    return 0;
}
catch (GuestfsLaunchException e)
{
    Console.WriteLine($"==== TEST FAILED: {e.GetType().Name}");
    Console.WriteLine(e.Message);
    Console.WriteLine(e switch
    {
        KvmUnavailableException => "Diagnosis: KVM does not work here; run without --kvm-probe (TCG).",
        ApplianceNotFoundException => "Diagnosis: no appliance. Run eng/setup.sh (builds it) or pass --path to a fixed appliance.",
        ApplianceBuildException => "Diagnosis: the appliance build failed; run 'bash appliance/build.sh --force' to see supermin's output.",
        HypervisorNotFoundException => "Diagnosis: qemu is missing: apt-get install qemu-system-x86 (or set LIBGUESTFS_HV).",
        HypervisorExitedException => "Diagnosis: qemu stopped early: read qemu's message and the console tail above; try --verbose --console.",
        LaunchTimeoutException => "Diagnosis: the appliance is too slow or stuck: try --verbose --console to see where it stops.",
        UnsafeDriveException => "Diagnosis: a drive was refused before launch.",
        _ => "Diagnosis: see the message above.",
    });
    if (!showConsole && sink.ConsoleText.Length > 0)
    {
        Console.WriteLine("---- appliance console");
        Console.WriteLine(sink.ConsoleText);
    }

    return 1;
}
finally
{
    Directory.Delete(scratchDirectory, recursive: true);
}

static async Task<string> FirstLineAsync(string program, string argument)
{
    try
    {
        ProcessResult result = await ProcessRunner.RunAsync(program, [argument], TimeSpan.FromSeconds(20), null, null, CancellationToken.None);
        return result.StandardOutput.Split('\n')[0].Trim();
    }
    catch (System.ComponentModel.Win32Exception e)
    {
        return "not runnable: " + e.Message;
    }
}

static async Task<IReadOnlyList<string>> ListDevicesAsync(Stream stream)
{
    using var body = new PooledBufferWriter();
    var writer = new XdrWriter(body);
    writer.WriteUInt32(0x2000F5F5);
    writer.WriteUInt32(4);
    writer.WriteInt32(7);          // list_devices
    writer.WriteInt32(0);          // call
    writer.WriteUInt32(0x00123400);
    writer.WriteUInt64(0);
    writer.WriteUInt64(0);
    writer.WriteInt32(0);
    var frame = new byte[4 + body.WrittenCount];
    BinaryPrimitives.WriteUInt32BigEndian(frame, (uint)body.WrittenCount);
    body.WrittenSpan.CopyTo(frame.AsSpan(4));
    await stream.WriteAsync(frame);
    var length = new byte[4];
    await stream.ReadExactlyAsync(length);
    var reply = new byte[BinaryPrimitives.ReadUInt32BigEndian(length)];
    await stream.ReadExactlyAsync(reply);
    return Decode(reply);

    static IReadOnlyList<string> Decode(byte[] reply)
    {
        var reader = new XdrReader(reply);
        for (int i = 0; i < 5; i++)
        {
            reader.ReadUInt32();
        }

        reader.ReadUInt64();
        reader.ReadUInt64();
        if (reader.ReadInt32() != 0)
        {
            return ["(error: " + reader.ReadString() + " " + reader.ReadString() + ")"];
        }

        int count = reader.ReadArrayLength();
        var devices = new List<string>(count);
        for (int i = 0; i < count; i++)
        {
            devices.Add(reader.ReadString());
        }

        return devices;
    }
}

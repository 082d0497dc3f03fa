using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Guestfs.Backends;
using Guestfs.Backends.Direct;
using Xunit.Abstractions;

namespace Guestfs.ApplianceTests;

/// <summary>
/// qemu never outlives the process that started it: a child process (<see cref="LaunchOnceProgram"/> in
/// <c>stop-at</c> mode) stops at a given moment and is SIGKILLed there; within 2 s its qemu is gone and the disk
/// image can be opened read-write again (qemu's image lock is released).
/// </summary>
[Collection(ApplianceCollection.Name)]
[Trait("Category", "Appliance")]
public sealed class OwnerKilledTests
{
    private static readonly TimeSpan s_allowed = TimeSpan.FromSeconds(2);

    private readonly ApplianceFixture _fixture;
    private readonly ITestOutputHelper _output;

    public OwnerKilledTests(ApplianceFixture fixture, ITestOutputHelper output)
    {
        _fixture = fixture;
        _output = output;
    }

    [Theory]
    [InlineData(KillMoment.Boot, 656)]
    [InlineData(KillMoment.Save, 848)]
    [InlineData(KillMoment.Restore, 656)]
    [InlineData(KillMoment.Idle, 656)]
    [InlineData(KillMoment.Download, 656)]
    public async Task OwnerKilled_AtMoment_QemuGoneWithinTwoSecondsAndImageUnlocked(KillMoment moment, int memsize)
    {
        string disk = _fixture.CreateScratchDisk($"owner-killed-{moment}.img", 64);
        if (moment == KillMoment.Save)
        {
            // No state for this memory size (no other test uses it), and no recent failure: the launch saves one.
            LaunchParameters parameters = ApplianceFixture.TcgParameters([]) with
            {
                MemsizeMb = memsize,
                BackendSettings = new Dictionary<string, string> { ["force_tcg"] = "1", ["snapshot"] = "1" },
            };
            ApplianceFiles appliance = await ApplianceLocator.LocateAsync(parameters, new RecordingSink(), default);
            SnapshotLauncher launcher = SnapshotLauncher.Create(appliance, parameters, DirectBackend.GetHypervisor(parameters), kvm: false, new RecordingSink())!;
            if (Directory.Exists(launcher.Directory))
            {
                Directory.Delete(launcher.Directory, recursive: true);
            }

            File.Delete(launcher.FailedSavePath);
        }

        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { typeof(LaunchOnceProgram).Assembly.Location, "stop-at", moment.ToString(), memsize.ToString(System.Globalization.CultureInfo.InvariantCulture), disk },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using Process child = Process.Start(start)!;
        var log = new StringBuilder();
        child.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (log) { log.AppendLine("stderr: " + e.Data); } } };
        child.BeginErrorReadLine();
        int qemu = 0;
        try
        {
            using var reachTimeout = new CancellationTokenSource(TimeSpan.FromMinutes(8));
            while (true)
            {
                string? line = await child.StandardOutput.ReadLineAsync(reachTimeout.Token);
                Assert.True(line is not null, $"the child exited before reaching {moment}:\n{log}");
                lock (log)
                {
                    log.AppendLine(line);
                }

                if (line.StartsWith("moment ", StringComparison.Ordinal))
                {
                    Assert.Equal($"moment {moment} qemu", line[..line.LastIndexOf(' ')]);
                    qemu = int.Parse(line[(line.LastIndexOf(' ') + 1)..], System.Globalization.CultureInfo.InvariantCulture);
                    break;
                }
            }

            Assert.True(ProcessExitTests.IsAlive(qemu), $"qemu {qemu} is not running at {moment}:\n{log}");
            if (moment != KillMoment.Save)
            {
                // The save run has no user disk; everywhere else qemu holds the image's lock (so the check below means something).
                Assert.NotEqual(0, (await OpenReadWriteAsync(disk)).ExitCode);
            }
        }
        catch
        {
            _output.WriteLine(log.ToString());
            child.Kill();
            throw;
        }

        child.Kill();   // SIGKILL: no exit hook runs
        var clock = Stopwatch.StartNew();
        await child.WaitForExitAsync();
        while (ProcessExitTests.IsAlive(qemu) && clock.Elapsed < s_allowed)
        {
            await Task.Delay(20);
        }

        TimeSpan took = clock.Elapsed;
        _output.WriteLine($"{moment}: qemu {qemu} gone {took.TotalSeconds:F2} s after SIGKILL of its owner: {!ProcessExitTests.IsAlive(qemu)}");
        if (ProcessExitTests.IsAlive(qemu))
        {
            Process.GetProcessById(qemu).Kill();
            Assert.Fail($"qemu (pid {qemu}) was still running {s_allowed.TotalSeconds} s after its owner was killed at {moment}");
        }

        // The thread-group leader can be a zombie while qemu's other threads are still exiting and holding its files,
        // so the lock is released a moment after the process counts as gone: within the same 2 s.
        ProcessOutcome open = await OpenReadWriteAsync(disk);
        while (open.ExitCode != 0 && clock.Elapsed < s_allowed)
        {
            await Task.Delay(20);
            open = await OpenReadWriteAsync(disk);
        }

        _output.WriteLine($"{moment}: image writable {clock.Elapsed.TotalSeconds:F2} s after SIGKILL of its owner");
        Assert.True(open.ExitCode == 0, $"the image is still locked {s_allowed.TotalSeconds} s after its owner was killed: " + open.Output);
    }

    /// <summary>Opens the image read-write with <c>qemu-io</c>: fails while a qemu that uses it holds its write lock.</summary>
    private static Task<ProcessOutcome> OpenReadWriteAsync(string disk) =>
        ApplianceFixture.RunAsync("qemu-io", ["-f", "raw", "-c", "read 0 512", disk], TimeSpan.FromMinutes(1));
}

using System;
using System.Diagnostics;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Xunit.Abstractions;

namespace Guestfs.ApplianceTests;

/// <summary>
/// The appliance must not outlive the process that launched it: on SIGTERM the library kills qemu from its
/// process-exit hook; on SIGKILL (no hook runs) the kernel kills qemu (its parent-death signal, see ProcessTether).
/// The launching process is gfish (eng/gfish) reading commands from a pipe that stays open.
/// </summary>
[Collection(ApplianceCollection.Name)]
[Trait("Category", "Appliance")]
public sealed class ProcessExitTests
{
    private readonly ApplianceFixture _fixture;
    private readonly ITestOutputHelper _output;

    public ProcessExitTests(ApplianceFixture fixture, ITestOutputHelper output)
    {
        _fixture = fixture;
        _output = output;
    }

    [Theory]
    [InlineData("TERM", 30)]
    [InlineData("KILL", 2)]
    public async Task LaunchingProcessDies_HypervisorGoesAway(string signal, int secondsAllowed)
    {
        string disk = _fixture.CreateScratchDisk($"exit-{signal}.img", 32);
        var start = new ProcessStartInfo("bash")
        {
            ArgumentList = { Path.Combine(_fixture.RepositoryRoot, "eng", "gfish"), "--format=raw", "-a", disk },
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["LIBGUESTFS_BACKEND"] = "direct";
        start.Environment["LIBGUESTFS_BACKEND_SETTINGS"] = "force_tcg";
        using Process gfish = Process.Start(start)!;
        gfish.ErrorDataReceived += (_, e) => { if (e.Data is not null) { _output.WriteLine("gfish: " + e.Data); } };
        gfish.BeginErrorReadLine();

        int qemu;
        try
        {
            await gfish.StandardInput.WriteLineAsync("run");
            await gfish.StandardInput.WriteLineAsync("get-pid");
            await gfish.StandardInput.FlushAsync();
            using var launchTimeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
            string? line = await gfish.StandardOutput.ReadLineAsync(launchTimeout.Token);
            Assert.True(int.TryParse(line, out qemu), $"expected the hypervisor pid from get-pid, got '{line}'");
            Assert.True(IsAlive(qemu), "qemu is not running after launch");
        }
        catch
        {
            gfish.Kill();
            throw;
        }

        // The pipe stays open: gfish is idle at its prompt, the daemon idle on its channel.
        using (Process kill = Process.Start("kill", new[] { "-" + signal, gfish.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) })!)
        {
            await kill.WaitForExitAsync();
            Assert.Equal(0, kill.ExitCode);
        }

        await gfish.WaitForExitAsync();
        var clock = Stopwatch.StartNew();
        while (IsAlive(qemu) && clock.Elapsed < TimeSpan.FromSeconds(secondsAllowed))
        {
            await Task.Delay(250);
        }

        _output.WriteLine($"SIG{signal}: qemu {qemu} gone after {clock.Elapsed.TotalSeconds:F1} s: {!IsAlive(qemu)}");
        if (IsAlive(qemu))
        {
            Process.GetProcessById(qemu).Kill();
            Assert.Fail($"qemu (pid {qemu}) was still running {secondsAllowed} s after its launching process got SIG{signal}");
        }
    }

    /// <summary>True while the process exists and is not a zombie.</summary>
    internal static bool IsAlive(int pid)
    {
        string stat = $"/proc/{pid}/stat";
        if (!File.Exists(stat))
        {
            return false;
        }

        try
        {
            string text = File.ReadAllText(stat);
            int close = text.LastIndexOf(')');
            return close < 0 || close + 2 >= text.Length || text[close + 2] != 'Z';
        }
        catch (IOException)
        {
            return false;
        }
    }
}

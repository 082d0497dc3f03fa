using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Guestfs.Backends;
using Guestfs.Backends.Direct;

namespace Guestfs.ApplianceTests;

/// <summary>qemu runs under its seccomp sandbox and with a minimal environment, after a normal boot and after a restore.</summary>
[Collection(ApplianceCollection.Name)]
[Trait("Category", "Appliance")]
public sealed class QemuConfinementTests
{
    private const string Secret = "GUESTFS_TEST_SECRET";

    private readonly ApplianceFixture _fixture;

    public QemuConfinementTests(ApplianceFixture fixture)
    {
        _fixture = fixture;
    }

    [Theory]
    [InlineData("0")]
    [InlineData("1")]
    public async Task Launch_Qemu_RunsSandboxedWithoutTheCallersEnvironment(string snapshot)
    {
        (bool supported, string reason) = await QemuSandbox.ProbeAsync("qemu-system-x86_64");
        Assert.True(supported, "this host's qemu should support -sandbox: " + reason);
        string disk = _fixture.CreateScratchDisk($"confined-{snapshot}.img", 16);
        LaunchParameters parameters = ApplianceFixture.TcgParameters([new DriveSpec(disk) { Format = "raw" }]) with
        {
            MemsizeMb = 672,
            BackendSettings = new Dictionary<string, string> { ["force_tcg"] = "1", ["snapshot"] = snapshot },
        };
        Environment.SetEnvironmentVariable(Secret, "do-not-pass-this-on");
        var sink = new RecordingSink();
        var backend = new DirectBackend();
        try
        {
            await using (backend)
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
                DaemonChannel channel = await DaemonChannel.OpenAsync(await backend.LaunchAsync(parameters, sink, timeout.Token), timeout.Token);
                Assert.Equal(["/dev/sda"], DaemonChannel.ReadStringList(await channel.CallAsync(7, null, 0, timeout.Token)));
                if (snapshot == "1")
                {
                    // The first launch of this key saves the state and restores it: both ran under the sandbox.
                    Assert.True(backend.Restored, string.Join("\n", sink.Debug));
                }

                int pid = backend.ProcessId!.Value;
                IReadOnlyList<string> arguments = backend.CommandLine!;
                int at = arguments.ToList().IndexOf("-sandbox");
                Assert.True(at >= 0 && arguments[at + 1] == QemuSandbox.Options, string.Join(' ', arguments));
                Assert.Contains("Seccomp:\t2", await File.ReadAllTextAsync($"/proc/{pid}/status"), StringComparison.Ordinal);

                string[] environment = (await File.ReadAllTextAsync($"/proc/{pid}/environ")).Split('\0', StringSplitOptions.RemoveEmptyEntries);
                Assert.DoesNotContain(environment, v => v.StartsWith(Secret + "=", StringComparison.Ordinal));
                Assert.Contains("TMPDIR=" + backend.TemporaryDirectory, environment);
                Assert.All(environment, v => Assert.Matches("^(PATH|LC_ALL|TMPDIR)=", v));

                await backend.ShutdownAsync(timeout.Token);
            }
        }
        finally
        {
            Environment.SetEnvironmentVariable(Secret, null);
        }
    }
}

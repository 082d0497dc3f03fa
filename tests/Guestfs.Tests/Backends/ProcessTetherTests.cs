using System;
using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Threading.Tasks;
using Guestfs.Backends.Direct;

namespace Guestfs.Tests.Backends;

/// <summary>
/// The tether's pieces without qemu (<c>Guestfs.ApplianceTests/OwnerKilledTests</c> kills real owners): the child is
/// the program itself, our direct child; the guard refuses to start the program when its parent is not the owner.
/// </summary>
public sealed class ProcessTetherTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("guestfs-tether-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task Start_Program_RunsAsOurDirectChildWithItsOwnArguments()
    {
        Assert.True(ProcessTether.IsAvailable, "setpriv (util-linux) is expected on the test hosts");
        using var process = new Process { StartInfo = new ProcessStartInfo("sleep") { ArgumentList = { "30" }, UseShellExecute = false } };
        ProcessTether.Start(process);
        try
        {
            // setpriv and the guard exec in turn: the same process ends up running sleep.
            string[] commandLine = [];
            for (int i = 0; i < 200 && !(commandLine.Length > 0 && commandLine[0].EndsWith("/sleep", StringComparison.Ordinal)); i++)
            {
                await Task.Delay(25);
                commandLine = (await File.ReadAllTextAsync($"/proc/{process.Id}/cmdline")).Split('\0', StringSplitOptions.RemoveEmptyEntries);
            }

            Assert.Equal(2, commandLine.Length);
            Assert.EndsWith("/sleep", commandLine[0], StringComparison.Ordinal);
            Assert.Equal("30", commandLine[1]);
            string stat = await File.ReadAllTextAsync($"/proc/{process.Id}/stat");
            string parent = stat[(stat.LastIndexOf(')') + 4)..].Split(' ')[0];
            Assert.Equal(Environment.ProcessId.ToString(CultureInfo.InvariantCulture), parent);
        }
        finally
        {
            process.Kill();
            await process.WaitForExitAsync();
        }
    }

    [Fact]
    public void Start_MissingProgram_ThrowsWin32ExceptionLikeAnOrdinaryStart()
    {
        using var process = new Process { StartInfo = new ProcessStartInfo("/nonexistent/qemu-system-x86_64") { UseShellExecute = false } };
        Assert.Throws<Win32Exception>(() => ProcessTether.Start(process));
    }

    [Theory]
    [InlineData(false, 125)]
    [InlineData(true, 0)]
    public async Task Guard_ParentIsOrIsNotTheOwner_RunsTheProgramOnlyForTheOwner(bool owner, int expectedStatus)
    {
        // The guard runs after setpriv set the parent-death signal: if the owner died before that, the guard's
        // parent is some other process, and qemu must not start (no signal would ever kill it).
        string marker = Path.Combine(_directory, "ran");
        string ownerPid = owner ? Environment.ProcessId.ToString(CultureInfo.InvariantCulture) : "1";
        using Process guard = Process.Start(new ProcessStartInfo("/bin/sh")
        {
            ArgumentList = { "-c", ProcessTether.GuardScript, "guestfs-tether", ownerPid, "touch", marker },
            UseShellExecute = false,
        })!;
        await guard.WaitForExitAsync();

        Assert.Equal(expectedStatus, guard.ExitCode);
        Assert.Equal(owner, File.Exists(marker));
    }
}

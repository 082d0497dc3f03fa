using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Text.RegularExpressions;
using System.Threading.Tasks;

namespace Gfish.Tests;

/// <summary>
/// <c>--listen</c> / <c>--remote</c>: the same session with stock guestfish and gfish (outputs equal once the process id
/// is replaced), and gfish's control socket: a private 0700 directory that is not in a shared one, and a second user
/// (<c>nobody</c>) refused both by the directory and, when it gets past it, by the peer-credential check.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class RemoteControlTests
{
    private static string Gfish => RepositoryPaths.Gfish;

    private static string GfishDll => Path.Combine(RepositoryPaths.Root, "src", "Gfish", "bin", "Release", "net10.0", "gfish.dll");

    [Fact]
    public async Task ListenRemoteQuit_AsStockGuestfish()
    {
        var stock = await SessionAsync(["guestfish"]);
        var ours = await SessionAsync([Gfish]);
        Assert.Contains("GUESTFISH_PID=<PID>; export GUESTFISH_PID\n", stock, StringComparison.Ordinal);
        Assert.Contains("hello world\n", stock, StringComparison.Ordinal);
        Assert.Equal(stock, ours);
    }

    [Fact]
    public async Task Listen_SocketInAPrivateDirectoryOfTheUser()
    {
        var home = Directory.CreateTempSubdirectory("gfish-remote-");
        try
        {
            var environment = new Dictionary<string, string> { ["HOME"] = home.FullName };
            var pid = await ListenAsync([Gfish], environment);
            try
            {
                var directory = Path.Combine(home.FullName, ".cache", "gfish");
                Assert.True(File.Exists(Path.Combine(directory, $"socket-{pid}")));
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(directory));
                Assert.False(Directory.Exists($"/tmp/.guestfish-0") && File.Exists($"/tmp/.guestfish-0/socket-{pid}"));
            }
            finally
            {
                await RunAsync([Gfish, $"--remote={pid}", "--", "quit"], environment);
            }
        }
        finally
        {
            home.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Remote_FromAnotherUser_IsRefused()
    {
        // The listener runs as nobody, in a home only nobody may enter; root gets past the directory (root ignores
        // permissions), so only the listener's peer-credential check can refuse it. Then nobody itself is let in.
        var home = Directory.CreateTempSubdirectory("gfish-remote-nobody-");
        try
        {
            await RunAsync(["chown", "nobody:nogroup", home.FullName], []);
            var environment = new Dictionary<string, string> { ["HOME"] = home.FullName, ["DOTNET_CLI_HOME"] = home.FullName };
            var pid = await ListenAsync(["runuser", "-u", "nobody", "--", "env", $"HOME={home.FullName}", "dotnet", GfishDll], environment);
            var asRoot = await RunAsync(["dotnet", GfishDll, $"--remote={pid}", "--", "echo", "root-was-let-in"], environment);
            Assert.Equal(1, asRoot.ExitCode);
            Assert.DoesNotContain("root-was-let-in", asRoot.Stdout, StringComparison.Ordinal);

            var asOwner = await RunAsync(["runuser", "-u", "nobody", "--", "env", $"HOME={home.FullName}", "dotnet", GfishDll, $"--remote={pid}", "--", "echo", "owner", ":", "quit"], environment);
            Assert.Equal((0, "owner\n"), (asOwner.ExitCode, asOwner.Stdout));
        }
        finally
        {
            home.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Remote_OtherUserCannotReachTheSocketDirectory()
    {
        var home = Directory.CreateTempSubdirectory("gfish-remote-root-");
        try
        {
            var environment = new Dictionary<string, string> { ["HOME"] = home.FullName };
            var pid = await ListenAsync([Gfish], environment);
            try
            {
                var other = await RunAsync(["runuser", "-u", "nobody", "--", "env", $"HOME={home.FullName}", "dotnet", GfishDll, $"--remote={pid}", "--", "echo", "nobody-was-let-in"], environment);
                Assert.Equal(1, other.ExitCode);
                Assert.DoesNotContain("nobody-was-let-in", other.Stdout, StringComparison.Ordinal);
            }
            finally
            {
                await RunAsync([Gfish, $"--remote={pid}", "--", "quit"], environment);
            }
        }
        finally
        {
            home.Delete(recursive: true);
        }
    }

    /// <summary>A whole session; every output and exit code, the listener's process id replaced by &lt;PID&gt;.</summary>
    private static async Task<string> SessionAsync(string[] program)
    {
        var home = Directory.CreateTempSubdirectory("gfish-remote-session-");
        try
        {
            var environment = new Dictionary<string, string> { ["HOME"] = home.FullName };
            var listen = await RunAsync([.. program, "--listen"], environment);
            var pid = Regex.Match(listen.Stdout, @"GUESTFISH_PID=(\d+)").Groups[1].Value;
            Assert.NotEqual(string.Empty, pid);
            var log = $"{listen.ExitCode} {listen.Stdout}";
            var steps = new[]
            {
                new[] { $"--remote={pid}", "--", "echo", "hello", "world", ":", "echo", "again" },
                ["--remote", "--", "echo", "from", "GUESTFISH_PID"],
                [$"--remote={pid}", "--", "-no-such-command"],
                [$"--remote={pid}", "--", "quit"],
                [$"--remote={pid}", "--", "echo", "after", "quit"],
                [$"--remote=abc", "--", "echo"],
            };
            environment["GUESTFISH_PID"] = pid;
            foreach (var step in steps)
            {
                var result = await RunAsync([.. program, .. step], environment);
                log += $"{result.ExitCode} {result.Stdout}";
                if (step[^1] == "quit")
                {
                    await WaitForExitAsync(int.Parse(pid, System.Globalization.CultureInfo.InvariantCulture));
                }
            }

            return log.Replace(pid, "<PID>", StringComparison.Ordinal);
        }
        finally
        {
            home.Delete(recursive: true);
        }
    }

    private static async Task<int> ListenAsync(string[] program, Dictionary<string, string> environment)
    {
        var listen = await RunAsync([.. program, "--listen"], environment);
        Assert.True(listen.ExitCode == 0, listen.Stderr);
        return int.Parse(Regex.Match(listen.Stdout, @"^GUESTFISH_PID=(\d+); export GUESTFISH_PID\n$").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task WaitForExitAsync(int pid)
    {
        for (var i = 0; i < 600; i++)
        {
            try
            {
                using var process = Process.GetProcessById(pid);
                if (process.HasExited)
                {
                    return;
                }
            }
            catch (ArgumentException)
            {
                return;
            }

            await Task.Delay(100);
        }
    }

    private static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(string[] command, Dictionary<string, string> environment)
    {
        // The listener keeps the standard error it was started with (as guestfish's does), so standard error is
        // read only from the commands that do not start one.
        var listens = command[^1] == "--listen";
        var info = new ProcessStartInfo(command[0])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = !listens,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var a in command[1..])
        {
            info.ArgumentList.Add(a);
        }

        info.Environment.Remove("XDG_RUNTIME_DIR");
        foreach (var (name, value) in environment)
        {
            info.Environment[name] = value;
        }

        using var process = Process.Start(info)!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = listens ? Task.FromResult(string.Empty) : process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(5));
        return (process.ExitCode, await stdout, await stderr);
    }
}

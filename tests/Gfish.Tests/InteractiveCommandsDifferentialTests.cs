using System;
using System.Collections.Generic;
using System.IO;
using System.Threading.Tasks;

namespace Gfish.Tests;

/// <summary>
/// <c>event</c>/<c>list-events</c>/<c>delete-event</c>, <c>edit</c>, <c>more</c> and <c>hexedit</c>: the same script run
/// by stock guestfish and by gfish, each in a fresh directory, with the same output (after the corpus normalisation)
/// and exit code.
/// </summary>
public sealed class InteractiveCommandsDifferentialTests
{
    [Fact]
    public async Task EventHandlers_ListOrderNumbersAndErrors_AsStockGuestfish()
    {
        // No appliance: registration, the listing order (guestfish's hash table), handle numbers (the last one
        // deleted is reused), event-set prefixes and "*".
        var commands = new[]
        {
            "event", "zeta", "close", "echo z", ":",
            "event", "alpha", "launch,trace", "echo a", ":",
            "event", "zeta", "*", "echo z2", ":",
            "event", "mid", "progress,enter,warning,appliance,library,subprocess_quit,libvirt", "true", ":",
            "event", "a", "close", "echo last", ":",
            "delete-event", "a", ":",
            "event", "b", "close", "echo b", ":",
            "list-events", ":",
            "delete-event", "zeta", ":",
            "list-events", ":",
            "event", "bad", "close,nosuch", "true",
        };
        await AssertSameAsync(commands, new Dictionary<string, string>(), "\"alpha\" (1): launch_done,trace: echo a");
    }

    [Fact]
    [Trait("Category", "Appliance")]
    public async Task EditMoreHexeditAndEventScripts_AsStockGuestfish()
    {
        const string script = """
            event ld launch_done 'echo "$EVENT: $# arguments"'
            event bye close 'echo "bye on $EVENT ($#)"'
            sparse disk.img 32M
            run
            mkfs ext4 /dev/sda
            mount /dev/sda /
            write /f "hello\n"
            edit /f
            cat /f
            stat /f | grep -E '^(ino|size)'
            setenv EDITOR true
            event calls enter 'echo "$EVENT $1 ($#)"'
            edit /f
            delete-event calls
            stat /f | grep -E '^(ino|size)'
            list-events
            more /f
            hexedit /f 1 3
            cat /f
            hexedit /f 100 3
            """;
        var environment = new Dictionary<string, string>
        {
            ["EDITOR"] = "sed -i s/hello/world!/",
            ["PAGER"] = "tr a-z A-Z <",
            ["HEXEDITOR"] = "sed -i s/or/OOR/",
        };
        await AssertSameAsync(["-f", "script.gfs"], environment, "WORLD!", "wOORl!", "enter download", script);
    }

    private static async Task AssertSameAsync(string[] args, Dictionary<string, string> environment, string stockMustContain, params string[] more)
    {
        var script = more.Length > 0 ? more[^1] : null;
        var stock = await RunInFreshDirectoryAsync("guestfish", args, environment, script);
        var ours = await RunInFreshDirectoryAsync(RepositoryPaths.Gfish, args, environment, script);
        Assert.Contains(stockMustContain, stock.Stdout, StringComparison.Ordinal);
        for (var i = 0; i < more.Length - 1; i++)
        {
            Assert.Contains(more[i], stock.Stdout, StringComparison.Ordinal);
        }

        Assert.Equal(CorpusComparisonTests.Normalise(stock.Stdout), CorpusComparisonTests.Normalise(ours.Stdout));
        Assert.Equal(stock.ExitCode, ours.ExitCode);
    }

    private static async Task<ProgramResult> RunInFreshDirectoryAsync(
        string program, string[] args, Dictionary<string, string> environment, string? script)
    {
        var work = Directory.CreateTempSubdirectory("gfish-interactive-");
        try
        {
            if (script is not null)
            {
                await File.WriteAllTextAsync(Path.Combine(work.FullName, "script.gfs"), script + "\n");
            }

            var variables = new Dictionary<string, string?>(ExternalProgram.StockEnvironment);
            foreach (var (name, value) in environment)
            {
                variables[name] = value;
            }

            return await ExternalProgram.RunAsync(program, args, work.FullName, variables);
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }
}

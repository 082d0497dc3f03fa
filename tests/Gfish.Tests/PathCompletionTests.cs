using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;

namespace Gfish.Tests;

/// <summary>
/// Tab completion of guest paths and devices after launch, typed on a pseudo-terminal into a shell with a prepared
/// LV filesystem: a directory completes with <c>/</c>, a file with a space, a symbolic link to a directory with
/// <c>/</c>, letters in any case, a logical volume by name; a second tab lists the candidates.
/// </summary>
public sealed class PathCompletionTests
{
    private static readonly string[] s_args = ["-N", "lvfs", "-m", "/dev/VG/LV"];

    private static readonly TerminalSession.Step[] s_steps =
    [
        new(TerminalSession.Banner + "\n><fs> ", "mkdir /dirx\n"),
        new("\n><fs> ", "touch /filey\n"),
        new("\n><fs> ", "ln-s /dirx /linkz\n"),
        new("\n><fs> ", "echo /di\t\n"),
        new("\n/dirx/\n><fs> ", "echo /F\t\n"),
        new("\n/filey\n><fs> ", "echo /lin\t\n"),
        new("\n/linkz/\n><fs> ", "echo /dev/VG/L\t\n"),
        new("\n/dev/VG/LV\n><fs> ", "echo /\t\t\u0015echo z\n"),
        new("\nz\n><fs> ", "quit\n"),
    ];

    [Fact]
    [Trait("Category", "Appliance")]
    public async Task PathsAndDevices_Completed()
    {
        var lines = await RunAsync(RepositoryPaths.Gfish);
        Assert.Equal(["/dirx/", "/filey", "/linkz/", "/dev/VG/LV"], lines.Take(4));
        var list = string.Join(" ", lines.Skip(4).SkipLast(1));
        foreach (var candidate in new[] { "/dirx", "/filey", "/linkz", "/lost+found", "/dev/sda1", "/dev/VG/LV" })
        {
            Assert.Contains(candidate + " ", list + " ", StringComparison.Ordinal);
        }

        Assert.Equal("z", lines[^1]);
    }

    /// <summary>The same session in stock guestfish: the same lines, the candidate list included (a stock boot: campaign only).</summary>
    [Fact]
    [Trait("Category", "StockMatrix")]
    public async Task PathsAndDevices_AsStockGuestfish()
    {
        var stock = await RunAsync("guestfish");
        Assert.Equal(stock, await RunAsync(RepositoryPaths.Gfish));
    }

    private static async Task<IReadOnlyList<string>> RunAsync(string program)
    {
        var work = System.IO.Directory.CreateTempSubdirectory("gfish-complete-");
        try
        {
            var output = await TerminalSession.RunAsync(program, s_args, new Dictionary<string, string>(), s_steps, work.FullName);
            return TerminalSession.OutputLines(output, "><fs>");
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }
}

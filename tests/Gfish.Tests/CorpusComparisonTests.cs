using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading.Tasks;

namespace Gfish.Tests;

/// <summary>
/// Runs each corpus script with stock guestfish and with eng/gfish, each in a fresh directory with fresh
/// <c>-N</c> scratch disks (named on the script's <c># gfish-args:</c> line); both must exit with the code on its <c># gfish-exit:</c> line
/// and print something, and their standard outputs must be equal.
/// </summary>
/// <remarks>
/// Normalisations, applied to both outputs and nothing else:
/// <list type="number">
/// <item>32-character LVM UUIDs (<c>[A-Za-z0-9]{32}</c> as a whole word) become <c>&lt;LVM-UUID&gt;</c>: LVM makes new random ones on each run.</item>
/// <item>RFC 4122 UUIDs (<c>8-4-4-4-12</c> hex) become <c>&lt;UUID&gt;</c>: mkfs makes a random filesystem UUID on each run.</item>
/// <item>Values of <c>atime</c>/<c>mtime</c>/<c>ctime</c> fields (also <c>st_*time_sec</c>, <c>st_*time_nsec</c>) become <c>&lt;TIME&gt;</c>:
/// the two runs happen at different times.</item>
/// <item>Values of <c>dev</c>/<c>st_dev</c> fields become <c>&lt;DEV&gt;</c>: the kernel's number of the disk holding a file
/// depends on the order in which the appliance's kernel named its disks (in the stock appliance the user's disk and the
/// appliance's own root race for <c>sda</c>/<c>sdb</c>; the daemon hides that in device names, not in <c>st_dev</c>).</item>
/// </list>
/// In stock's output only, <c>/dev/sdbN</c> becomes <c>/dev/sdaN</c>: each corpus script has one disk, which is
/// <c>/dev/sda</c> to the user, but in stock's appliance that disk and the appliance's own root race for <c>sda</c>,
/// and some daemon messages then name the disk <c>/dev/sdb</c> (seen under load).
/// Standard error is not compared (program name and location prefixes differ by design).
/// </remarks>
public class CorpusComparisonTests
{
    public static TheoryData<string> Scripts()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Corpus"), "*.gfs").OrderBy(f => f, StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(file));
        }

        return data;
    }

    [Fact]
    public void Corpus_HasAtLeastThirtyCommands()
    {
        var commands = Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Corpus"), "*.gfs")
            .SelectMany(File.ReadLines)
            .Count(l => l.Trim().Length > 0 && !l.TrimStart().StartsWith('#') && !l.TrimStart().StartsWith('!'));
        Assert.True(commands >= 30, $"only {commands} commands in the corpus");
    }

    [Theory]
    [Trait("Category", "Appliance")]
    [MemberData(nameof(Scripts))]
    public async Task Corpus_StockAndGfish_SameOutputAndExitCode(string script)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Corpus", script);
        var args = ReadHeader(path, "gfish-args").Split(' ', StringSplitOptions.RemoveEmptyEntries);
        int expectedExit = int.Parse(ReadHeader(path, "gfish-exit"), System.Globalization.CultureInfo.InvariantCulture);
        var stock = await RunAsync("guestfish", args, path);
        var ours = await RunAsync(RepositoryPaths.Gfish, args, path);

        // Each side must have run the script as written, so that two shells failing the same way cannot agree.
        Assert.True(stock.ExitCode == expectedExit && stock.Stdout.Length > 0, $"stock guestfish, expected exit {expectedExit} and output: {stock}");
        Assert.True(ours.ExitCode == expectedExit && ours.Stdout.Length > 0, $"gfish, expected exit {expectedExit} and output: {ours}");
        Assert.Equal(Normalise(SingleDiskAsSda(stock.Stdout)), Normalise(ours.Stdout));
    }

    [Theory]
    [InlineData("lv_uuid: xMafeen93IHtFmSenoB6PHPEpbsGkUws\n", "lv_uuid: <LVM-UUID>\n")]
    [InlineData("UUID: 0b6a1f5e-2c7d-4e1a-9f3b-5d2c8e7a6b4f\n", "UUID: <UUID>\n")]
    [InlineData("mtime: 1795693291\nst_atime_nsec: 12\nsize: 5\n", "mtime: <TIME>\nst_atime_nsec: <TIME>\nsize: 5\n")]
    [InlineData("[0] = {\n  st_dev: 2065\n  st_ino: 15\n", "[0] = {\n  st_dev: <DEV>\n  st_ino: 15\n")]
    [InlineData("dev: 2049\nrdev: 0\n", "dev: <DEV>\nrdev: 0\n")]
    [InlineData("/etc/hello\n", "/etc/hello\n")]
    public void Normalise_OnlyUuidsTimesAndDeviceNumbers(string input, string expected)
    {
        Assert.Equal(expected, Normalise(input));
    }

    [Theory]
    [InlineData("/dev/sdb1: ext4\n/dev/sdb\n", "/dev/sda1: ext4\n/dev/sda\n")]
    [InlineData("/dev/sdbx /dev/sda2\n", "/dev/sdbx /dev/sda2\n")]
    public void SingleDiskAsSda_OnlyTheDiskAndItsPartitions(string input, string expected)
    {
        Assert.Equal(expected, SingleDiskAsSda(input));
    }

    /// <summary>Stock's output with its one user disk named <c>/dev/sda</c> as the user sees it (see the remarks).</summary>
    internal static string SingleDiskAsSda(string stockOutput) => Regex.Replace(stockOutput, @"/dev/sdb(?=[0-9]|\b)", "/dev/sda");

    internal static string Normalise(string text)
    {
        text = Regex.Replace(text, @"\b[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\b", "<UUID>");
        text = Regex.Replace(text, @"(?<![A-Za-z0-9])[A-Za-z0-9]{32}(?![A-Za-z0-9])", m => m.Value.Any(char.IsDigit) && m.Value.Any(char.IsLetter) ? "<LVM-UUID>" : m.Value);
        text = Regex.Replace(text, @"(?m)^(\s*(?:st_)?[acm]time(?:_sec|_nsec)?): .*$", "$1: <TIME>");
        text = Regex.Replace(text, @"(?m)^(\s*(?:st_)?dev): .*$", "$1: <DEV>");
        return text;
    }

    /// <summary>The value of the script's <c># NAME:</c> line (<c>gfish-args</c>: the command line; <c>gfish-exit</c>: both shells' exit code).</summary>
    private static string ReadHeader(string path, string name)
    {
        string prefix = $"# {name}:";
        string line = File.ReadLines(path).FirstOrDefault(l => l.StartsWith(prefix, StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"{path} has no '{prefix}' line");
        return line[prefix.Length..].Trim();
    }

    /// <summary>Runs stock guestfish or gfish in a fresh directory with the direct backend under TCG.</summary>
    /// <param name="program">The program.</param>
    /// <param name="args">Its arguments.</param>
    /// <param name="script">A script for <c>-f</c>, or null.</param>
    /// <param name="environment">More environment variables, or null.</param>
    /// <returns>Exit code, standard output, standard error.</returns>
    internal static async Task<ProgramResult> RunAsync(
        string program, IEnumerable<string> args, string? script, IReadOnlyDictionary<string, string>? environment = null)
    {
        var work = Directory.CreateTempSubdirectory("gfish-corpus-");
        try
        {
            var variables = new Dictionary<string, string?>(ExternalProgram.StockEnvironment);
            foreach (var (name, value) in environment ?? new Dictionary<string, string>())
            {
                variables[name] = value;
            }

            return await ExternalProgram.RunAsync(program, script is null ? args : [.. args, "-f", script], work.FullName, variables);
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }
}

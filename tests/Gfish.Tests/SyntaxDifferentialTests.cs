using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading.Tasks;

namespace Gfish.Tests;

/// <summary>
/// Each line of <c>SyntaxCases/lines.txt</c> (quoting, escapes, comments, <c>-</c>, <c>!</c>, <c>&lt;!</c>, pipes,
/// malformed input, local commands) is run as a one-line script by stock guestfish and by eng/gfish, without
/// launching an appliance; standard output, standard error and exit code must match. Lines whose stock output
/// depends on timing are left out: a pipe into a command that exits without reading (<c>echo a | false</c>)
/// makes stock print "Broken pipe" only when it loses the race, so pipe lines use commands that read all their input.
/// </summary>
/// <remarks>
/// The only rewrite is the program name: <c>guestfish</c> becomes <c>gfish</c> in stock's messages, except in the
/// "man guestfish" hint, whose manual gfish shares, and in the library's "(in guestfish, don't forget to use the 'run'
/// command)", which gfish prints as libguestfs words it. Known differences are left out of the file and listed here:
/// <c>time</c> (elapsed time varies), escapes producing bytes that are not UTF-8 (gfish strings are Unicode),
/// <c>help</c> of local commands (our own words), a pipe to an empty command (stock reports the broken pipe at exit when
/// its standard output is itself a pipe), and <c>&lt;!</c> of a failing command (stock prints a stale <c>pclose</c> errno;
/// both exit 1).
/// </remarks>
public class SyntaxDifferentialTests
{
    public static TheoryData<string> Lines()
    {
        var data = new TheoryData<string>();
        foreach (var line in File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "SyntaxCases", "lines.txt")))
        {
            data.Add(line);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Lines))]
    public async Task Line_StockAndGfish_SameOutputErrorsAndExitCode(string line)
    {
        var script = Path.GetTempFileName();
        await File.WriteAllTextAsync(script, line + "\n");
        try
        {
            var stock = await RunAsync("guestfish", script);
            var ours = await RunAsync(RepositoryPaths.Gfish, script);
            var expectedStderr = AsGfish(stock.Stderr.Replace(script, "SCRIPT", StringComparison.Ordinal));
            Assert.Equal(stock.Stdout, ours.Stdout);
            Assert.Equal(expectedStderr, ours.Stderr.Replace(script, "SCRIPT", StringComparison.Ordinal));
            Assert.Equal(stock.ExitCode, ours.ExitCode);
        }
        finally
        {
            File.Delete(script);
        }
    }

    /// <summary>Stock guestfish's standard error as gfish words it: the program name, except in the texts gfish keeps.</summary>
    /// <param name="stockStderr">Stock's standard error.</param>
    /// <returns>The expected text.</returns>
    internal static string AsGfish(string stockStderr) => stockStderr
        .Replace("man guestfish", "man GUESTFISH", StringComparison.Ordinal)
        .Replace("(in guestfish,", "(in GUESTFISH,", StringComparison.Ordinal)
        .Replace("guestfish", "gfish", StringComparison.Ordinal)
        .Replace("man GUESTFISH", "man guestfish", StringComparison.Ordinal)
        .Replace("(in GUESTFISH,", "(in guestfish,", StringComparison.Ordinal);

    private static Task<ProgramResult> RunAsync(string program, string script) =>
        ExternalProgram.RunAsync(program, ["-f", script], Path.GetTempPath(), new Dictionary<string, string?> { ["LIBGUESTFS_BACKEND"] = "direct" }, TimeSpan.FromMinutes(2));
}

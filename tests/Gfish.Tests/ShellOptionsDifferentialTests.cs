using System;
using System.IO;
using System.Threading.Tasks;

namespace Gfish.Tests;

/// <summary>
/// Command-line forms and options run by stock guestfish and by eng/gfish with the same arguments: standard output,
/// standard error (program name rewritten as <see cref="SyntaxDifferentialTests.AsGfish"/> does) and exit code must match.
/// </summary>
public class ShellOptionsDifferentialTests
{
    [Theory]
    [InlineData("--", "echo", "a", ":", "-mkdir", "/missing", ":", "echo", "b")]
    [InlineData("--", "echo", "a", ":", "mkdir", "/missing", ":", "echo", "b")]
    [InlineData("--", "-nosuch", ":", "echo", "b")]
    [InlineData("-n", "--", "get-autosync")]
    [InlineData("--no-sync", "--", "get-autosync")]
    [InlineData("--", "get-autosync")]
    [InlineData("--", "part-set-gpt-type", "/dev/sda", "1", "xyz")]
    [InlineData("--", "tar-in", "/nonexistent/file", "/", "NOARG")]
    [InlineData("--pipe-error", "--", "echo", "a")]
    public async Task CommandLine_StockAndGfish_SameOutputErrorsAndExitCode(params string[] args)
    {
        var stock = await CorpusComparisonTests.RunAsync("guestfish", args, null);
        var ours = await CorpusComparisonTests.RunAsync(RepositoryPaths.Gfish, args, null);
        Assert.Equal(stock.Stdout, ours.Stdout);
        Assert.Equal(SyntaxDifferentialTests.AsGfish(stock.Stderr), ours.Stderr);
        Assert.Equal(stock.ExitCode, ours.ExitCode);
    }

    /// <summary>
    /// One launch each: <c>supported</c> (every optional group of the stock appliance, and whether ours has it), then
    /// a pipe whose command exits without reading more than 64 KiB of output, which <c>--pipe-error</c> turns into
    /// an error ending the script; with <c>-n</c> the close traced by <c>-x</c> has no <c>internal_autosync</c>.
    /// </summary>
    [Fact]
    [Trait("Category", "Appliance")]
    public async Task SupportedPipeErrorAndNoSync_StockAndGfish_Agree()
    {
        var script = Path.GetTempFileName();
        await File.WriteAllTextAsync(script, "supported\nfill 0x41 200000 /big\ncat /big | true\necho not reached\n");
        try
        {
            string[] args = ["-x", "-n", "--pipe-error", "-N", "fs", "-m", "/dev/sda1"];
            var stock = await CorpusComparisonTests.RunAsync("guestfish", args, script);
            var ours = await CorpusComparisonTests.RunAsync(RepositoryPaths.Gfish, args, script);
            Assert.Equal(1, stock.ExitCode);

            // The one deliberate difference (src/Gfish/README.md): our appliance also has xfsprogs.
            Assert.Equal(stock.Stdout.Replace(" xfs no\n", " xfs yes\n", StringComparison.Ordinal), ours.Stdout);
            Assert.Equal(stock.ExitCode, ours.ExitCode);
            Assert.Contains("guestfish: write error on pipe\n", stock.Stderr, StringComparison.Ordinal);
            Assert.Contains("gfish: write error on pipe\n", ours.Stderr, StringComparison.Ordinal);
            Assert.DoesNotContain("internal_autosync", stock.Stderr, StringComparison.Ordinal);
            Assert.DoesNotContain("internal_autosync", ours.Stderr, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(script);
        }
    }
}

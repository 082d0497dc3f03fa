using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Gfish.Terminal;

namespace Gfish.Tests;

/// <summary>
/// The interactive prompt: <c>GUESTFISH_INIT</c>, <c>GUESTFISH_PS1</c>, <c>GUESTFISH_OUTPUT</c>,
/// <c>GUESTFISH_RESTORE</c> and tab completion of command names, stock guestfish and gfish run on a pseudo-terminal
/// (<see cref="TerminalSession"/>) with the same input and variables. None launches an appliance.
/// </summary>
public sealed class PromptDifferentialTests
{
    private const string Init = @"\e[1;34mINIT\x21\101\n";
    private const string Ps1 = @"\[\e[1;32m\]<g\\>\[\e[0m\] ";

    [Fact]
    public async Task InitAndPs1_OnATerminal_AsStockGuestfish()
    {
        var environment = new Dictionary<string, string> { ["GUESTFISH_INIT"] = Init, ["GUESTFISH_PS1"] = Ps1 };
        const string prompt = "\u001b[1;32m<g\\>\u001b[0m ";
        TerminalSession.Step[] steps = [new(TerminalSession.Banner + "\n" + prompt, "echo \"a b\"\n"), new("\na b\n" + prompt, "quit\n")];
        var stock = TerminalSession.Normalise(await TerminalSession.RunAsync("guestfish", [], environment, steps));
        var ours = TerminalSession.Normalise(await TerminalSession.RunAsync(RepositoryPaths.Gfish, [], environment, steps));

        // GUESTFISH_INIT comes first, before the banner.
        Assert.StartsWith("\u001b[1;34mINIT!A\n", stock, StringComparison.Ordinal);
        Assert.Equal(stock[..stock.IndexOf("Welcome", StringComparison.Ordinal)], ours[..ours.IndexOf("Welcome", StringComparison.Ordinal)]);

        // The prompt, with readline's non-printing markers removed, before each line typed; the command's output follows.
        foreach (var output in new[] { stock, ours })
        {
            Assert.Contains("\u001b[1;32m<g\\>\u001b[0m echo \"a b\"\n", output, StringComparison.Ordinal);
            Assert.DoesNotContain("\u0001", output, StringComparison.Ordinal);
        }

        Assert.Equal(TerminalSession.OutputLines(stock, "<g\\>"), TerminalSession.OutputLines(ours, "<g\\>"));
    }

    /// <summary>
    /// <c>GUESTFISH_OUTPUT</c> is written after each line is read, before the command's output, and once more at the
    /// end of input; <c>GUESTFISH_RESTORE</c> is written last, after the final newline. guestfish 1.48.6 never reads
    /// <c>GUESTFISH_RESTORE</c> (its manual describes it; fish.c has no <c>getenv</c> for it), so its output is ours
    /// without that sequence: a deliberate difference (src/Gfish/README.md).
    /// </summary>
    [Fact]
    public async Task OutputAndRestore_OnATerminal_AsStockGuestfish()
    {
        var environment = new Dictionary<string, string> { ["GUESTFISH_OUTPUT"] = @"\e[0;31m", ["GUESTFISH_RESTORE"] = @"\e[0m" };
        const string prompt = "><fs> ";
        TerminalSession.Step[] steps =
        [
            new(TerminalSession.Banner + "\n" + prompt, "echo \"a b\"\n"),
            new("a b\n" + prompt, "echo \"c d\"\n"),
            new("c d\n" + prompt, "quit\n"),
        ];
        var stock = TerminalSession.Normalise(await TerminalSession.RunAsync("guestfish", [], environment, steps));
        var ours = TerminalSession.Normalise(await TerminalSession.RunAsync(RepositoryPaths.Gfish, [], environment, steps));
        Assert.Contains("\n\u001b[0;31ma b\n", stock, StringComparison.Ordinal);
        Assert.EndsWith("quit\n\u001b[0;31m\n", stock, StringComparison.Ordinal);
        Assert.Equal(stock + "\u001b[0m", ours);
    }

    /// <summary>
    /// Tab completion of command names (actions, aliases and the shell's own commands, any case): one candidate is
    /// completed with a space, several with their common part, a second tab lists them in readline's columns;
    /// before <c>run</c> a path or device completes to nothing.
    /// </summary>
    [Fact]
    public async Task CommandCompletion_OnATerminal_AsStockGuestfish()
    {
        TerminalSession.Step[] steps =
        [
            new(TerminalSession.Banner + "\n><fs> ", "ech\t \"a b\"\n"),
            new("\na b\n><fs> ", "LCD\t/\n"),
            new("\n><fs> ", "!pwd\n"),
            new("\n/\n><fs> ", "echo /dev\t \"e f\"\n"),
            new("\n/dev e f\n><fs> ", "he\t\t\u0015echo \"g h\"\n"),
            new("\ng h\n><fs> ", "quit\n"),
        ];
        var stock = await TerminalSession.RunAsync("guestfish", [], new Dictionary<string, string>(), steps);
        var ours = await TerminalSession.RunAsync(RepositoryPaths.Gfish, [], new Dictionary<string, string>(), steps);
        var stockLines = TerminalSession.OutputLines(stock, "><fs>");
        Assert.Equal(["a b", "/", "/dev e f", "head     head-n   help     hexdump  hexedit  ", "g h"], stockLines);
        Assert.Equal(stockLines, TerminalSession.OutputLines(ours, "><fs>"));
    }

    [Theory]
    [InlineData(@"a\\b", "a\\b")]
    [InlineData(@"\a\e\n\r", "\a\u001b\n\r")]
    [InlineData(@"\101\1019", "AA9")]
    [InlineData(@"\x41\x4a\xZ", "AJ?Z")]
    [InlineData(@"\q\", "?\\")]
    [InlineData(@"\[x\]", "\u0001x\u0002")]
    [InlineData(@"\303\251", "é")]
    [InlineData(@"ab\0cd", "ab")]
    public void Decode_GuestfishEscapes(string text, string expected)
    {
        Assert.Equal(expected, PromptEscapes.Decode(text));
    }
}

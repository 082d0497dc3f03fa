using System;
using System.Diagnostics;
using System.IO;
using System.Text;
using System.Threading.Tasks;
using Gfish.Terminal;

namespace Gfish.Tests;

/// <summary>
/// <c>GUESTFISH_INIT</c> and <c>GUESTFISH_PS1</c> at the interactive prompt: stock guestfish and gfish run on a
/// pseudo-terminal (util-linux <c>script</c>) with the same input and variables.
/// </summary>
public sealed class PromptDifferentialTests
{
    private const string Init = @"\e[1;34mINIT\x21\101\n";
    private const string Ps1 = @"\[\e[1;32m\]<g\\>\[\e[0m\] ";

    [Fact(Skip = "Unfinished: the stock run shows no command output under this harness yet")]
    public async Task InitAndPs1_OnATerminal_AsStockGuestfish()
    {
        // .NET's console switches the terminal's keypad to application mode (ESC [?1h ESC =) when it starts on a
        // terminal; that sequence prints nothing and is left out of the comparison.
        var stock = await RunOnTerminalAsync("guestfish");
        var ours = (await RunOnTerminalAsync(RepositoryPaths.Gfish))
            .Replace("\u001b[?1h\u001b=", string.Empty, StringComparison.Ordinal);

        // GUESTFISH_INIT comes first, before the banner (which names the program).
        Assert.StartsWith("\u001b[1;34mINIT!A\r\n", stock, StringComparison.Ordinal);
        Assert.Equal(stock[..stock.IndexOf("Welcome", StringComparison.Ordinal)], ours[..ours.IndexOf("Welcome", StringComparison.Ordinal)]);

        // The prompt, with readline's non-printing markers removed, before each line typed; the command's output follows.
        foreach (var output in new[] { stock, ours })
        {
            Assert.Contains("\u001b[1;32m<g\\>\u001b[0m ", output, StringComparison.Ordinal);
            Assert.DoesNotContain("\u0001", output, StringComparison.Ordinal);
            Assert.Contains("\nhi\n", output.Replace("\r", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
        }
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

    private static async Task<string> RunOnTerminalAsync(string program)
    {
        var work = Directory.CreateTempSubdirectory("gfish-prompt-");
        try
        {
            var info = new ProcessStartInfo("script")
            {
                WorkingDirectory = work.FullName,
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var a in new[] { "-q", "-e", "-c", $"'{program}'", "/dev/null" })
            {
                info.ArgumentList.Add(a);
            }

            info.Environment["HOME"] = work.FullName;
            info.Environment["GUESTFISH_INIT"] = Init;
            info.Environment["GUESTFISH_PS1"] = Ps1;
            info.Environment["TERM"] = "xterm";
            using var process = Process.Start(info)!;
            var output = new StringBuilder();
            var reader = Task.Run(async () =>
            {
                var chunk = new byte[4096];
                int n;
                while ((n = await process.StandardOutput.BaseStream.ReadAsync(chunk)) > 0)
                {
                    lock (output)
                    {
                        output.Append(Encoding.UTF8.GetString(chunk, 0, n));
                    }
                }
            });

            // Type only once the prompt is shown, as a user would.
            await WaitForAsync(output, "<g\\>", 1);
            await process.StandardInput.WriteAsync("echo hi\n");
            await process.StandardInput.FlushAsync();
            await WaitForAsync(output, "<g\\>", 2);
            await process.StandardInput.WriteAsync("quit\n");
            await process.StandardInput.FlushAsync();
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(5));
            process.StandardInput.Close();
            await reader;
            lock (output)
            {
                return output.ToString();
            }
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    private static async Task WaitForAsync(StringBuilder output, string text, int count)
    {
        for (var i = 0; i < 1200; i++)
        {
            lock (output)
            {
                var s = output.ToString();
                var found = 0;
                for (var at = s.IndexOf(text, StringComparison.Ordinal); at >= 0; at = s.IndexOf(text, at + 1, StringComparison.Ordinal))
                {
                    found++;
                }

                if (found >= count)
                {
                    return;
                }
            }

            await Task.Delay(100);
        }
    }
}

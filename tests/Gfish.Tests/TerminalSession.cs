using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading.Tasks;

namespace Gfish.Tests;

/// <summary>
/// Runs a shell on a pseudo-terminal (util-linux <c>script</c>) and types into it as a user would: each step waits
/// until the output holds a text a number of times (a prompt), then types. Returns everything the terminal showed.
/// </summary>
internal static class TerminalSession
{
    /// <summary>The end of the banner, which the first step usually waits for.</summary>
    public const string Banner = "quit the shell\n";

    /// <summary>One thing typed, once <paramref name="WaitFor"/> has been shown.</summary>
    internal readonly record struct Step(string WaitFor, string Typed);

    /// <summary>Runs <paramref name="program"/> with its arguments on a terminal.</summary>
    public static async Task<string> RunAsync(string program, IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string> environment, IReadOnlyList<Step> steps, string? workingDirectory = null)
    {
        var work = Directory.CreateTempSubdirectory("gfish-terminal-");
        try
        {
            var info = new ProcessStartInfo("script")
            {
                WorkingDirectory = workingDirectory ?? work.FullName,
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            var command = string.Join(' ', arguments.Prepend(program).Select(a => "'" + a.Replace("'", "'\\''", StringComparison.Ordinal) + "'"));
            foreach (var a in new[] { "-q", "-e", "-c", command, "/dev/null" })
            {
                info.ArgumentList.Add(a);
            }

            info.Environment["HOME"] = work.FullName;
            info.Environment["TERM"] = "xterm";
            foreach (var (name, value) in ExternalProgram.StockEnvironment)
            {
                info.Environment[name] = value;
            }

            foreach (var (name, value) in environment)
            {
                info.Environment[name] = value;
            }

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

            var seen = 0;
            foreach (var step in steps)
            {
                seen = await WaitForAsync(output, step.WaitFor, seen);
                await process.StandardInput.WriteAsync(step.Typed);
                await process.StandardInput.FlushAsync();
            }

            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(10));
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

    /// <summary>
    /// The output without what only the terminal sees: carriage returns, the bell, readline's bracketed-paste switches
    /// (<c>ESC [?2004h</c>/<c>l</c>) and .NET's keypad switches (<c>ESC [?1h ESC =</c>, <c>ESC [?1l ESC &gt;</c>), and with
    /// the program's own name in the banner read as gfish.
    /// </summary>
    public static string Normalise(string output)
    {
        foreach (var invisible in new[] { "\u001b[?2004h", "\u001b[?2004l", "\u001b[?1h\u001b=", "\u001b[?1l\u001b>", "\r", "\a" })
        {
            output = output.Replace(invisible, string.Empty, StringComparison.Ordinal);
        }

        return output.Replace("Welcome to guestfish,", "Welcome to gfish,", StringComparison.Ordinal);
    }

    /// <summary>The lines the commands printed: the normalised output's lines that hold no prompt, after the banner.</summary>
    public static IReadOnlyList<string> OutputLines(string output, string prompt)
    {
        var text = Normalise(output);
        var start = text.IndexOf(Banner, StringComparison.Ordinal);
        return text[(start < 0 ? 0 : start + Banner.Length)..].Split('\n').Where(l => l.Length > 0 && !l.Contains(prompt, StringComparison.Ordinal)).ToList();
    }

    private static async Task<int> WaitForAsync(StringBuilder output, string text, int from)
    {
        for (var i = 0; i < 1800; i++)
        {
            string shown;
            lock (output)
            {
                shown = Normalise(output.ToString());
            }

            var at = shown.IndexOf(text, Math.Min(from, shown.Length), StringComparison.Ordinal);
            if (at >= 0)
            {
                return at + text.Length;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"the terminal never showed '{text}': {output}");
    }
}

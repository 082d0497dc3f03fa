using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Threading.Tasks;
using DiffPlex.DiffBuilder;
using DiffPlex.DiffBuilder.Model;
using Xunit.Sdk;

namespace Guestfs.Tools.Tests;

/// <summary>A stock guestfs-tools run and ours with the same arguments.</summary>
internal sealed record ToolComparison(string Tool, string[] Args, ProgramResult Stock, ProgramResult Ours)
{
    /// <summary>
    /// Runs stock <c>/usr/bin/<paramref name="tool"/></c> and ours (<c>eng/<paramref name="tool"/></c>) one after
    /// the other in <paramref name="directory"/> with the same arguments and the same standard input.
    /// </summary>
    public static async Task<ToolComparison> RunAsync(string tool, string[] args, string directory, string? input = null)
    {
        var stock = await ExternalProgram.RunStockAsync(Path.Combine("/usr/bin", tool), args, directory, input);
        return await RunOursAgainstAsync(tool, args, stock, directory, input);
    }

    /// <summary>
    /// <see cref="RunAsync(string, string[], string, string?)"/> with <paramref name="environment"/> added to the
    /// stock tools' environment of both runs.
    /// </summary>
    public static async Task<ToolComparison> RunAsync(string tool, string[] args, string directory, IReadOnlyDictionary<string, string?> environment)
    {
        var merged = new Dictionary<string, string?>(ExternalProgram.StockEnvironment);
        foreach (var (name, value) in environment)
        {
            merged[name] = value;
        }

        var stock = await ExternalProgram.RunAsync(Path.Combine("/usr/bin", tool), args, directory, merged);
        var ours = await ExternalProgram.RunAsync(Path.Combine(RepositoryPaths.Root, "eng", tool), args, directory, merged);
        return new ToolComparison(tool, args, stock, ours);
    }

    /// <summary>Runs ours (<c>eng/<paramref name="tool"/></c>) and pairs it with a stock result already at hand.</summary>
    public static async Task<ToolComparison> RunOursAgainstAsync(string tool, string[] args, ProgramResult stock, string directory, string? input = null)
    {
        var ours = await ExternalProgram.RunStockAsync(Path.Combine(RepositoryPaths.Root, "eng", tool), args, directory, input);
        return new ToolComparison(tool, args, stock, ours);
    }

    /// <summary>
    /// Demands the same standard output, byte for byte, and the same exit code; on failure the message holds a
    /// line diff (stock <c>-</c>, ours <c>+</c>) and both standard errors.
    /// </summary>
    public void AssertSame()
    {
        if (Stock.Stdout == Ours.Stdout && Stock.ExitCode == Ours.ExitCode)
        {
            return;
        }

        var message = new StringBuilder();
        message.Append(Tool).Append(' ').AppendJoin(' ', Args).Append(": ");
        message.Append("exit code stock ").Append(Stock.ExitCode).Append(", ours ").Append(Ours.ExitCode).Append('\n');
        if (Stock.Stdout != Ours.Stdout)
        {
            message.Append("stdout differs (- stock, + ours):\n").Append(Diff(Stock.Stdout, Ours.Stdout));
        }

        message.Append("stock stderr:\n").Append(Stock.Stderr).Append("\nour stderr:\n").Append(Ours.Stderr);
        throw new XunitException(message.ToString());
    }

    /// <summary>Demands what <see cref="AssertSame"/> does and, in addition, that stock succeeded (exit code 0).</summary>
    public void AssertSameAndSucceeded()
    {
        if (Stock.ExitCode != 0)
        {
            throw new XunitException($"stock {Tool} failed ({Stock.ExitCode}): {Stock.Stderr}");
        }

        AssertSame();
    }

    /// <summary>A line diff of two texts: unchanged lines with two spaces, removed with <c>- </c>, added with <c>+ </c>.</summary>
    internal static string Diff(string expected, string actual)
    {
        var text = new StringBuilder();
        foreach (var line in InlineDiffBuilder.Diff(expected, actual, ignoreWhiteSpace: false).Lines)
        {
            text.Append(line.Type switch
            {
                ChangeType.Deleted => "- ",
                ChangeType.Inserted => "+ ",
                _ => "  ",
            });
            text.Append(line.Text).Append('\n');
        }

        return text.ToString();
    }
}

using System;
using System.Threading;
using System.Threading.Tasks;
using Gfish.Execution;

namespace Gfish;

/// <summary>Entry point.</summary>
internal static class Program
{
    /// <summary>Runs gfish.</summary>
    /// <param name="args">The command line.</param>
    /// <returns>The exit code.</returns>
    public static async Task<int> Main(string[] args)
    {
        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancel.Cancel();
        };

        var (catalog, sessions) = LibraryBinding.Create();
        await using var stdout = Console.OpenStandardOutput();
        var app = new GfishApp(catalog, sessions, stdout, Console.Error, Console.In, !Console.IsInputRedirected);
        try
        {
            return await app.RunAsync(args, cancel.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            return 1;
        }
    }
}

using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Guestfs.Tools.Common;

/// <summary>One tool of the dispatch table.</summary>
/// <param name="Name">The name after <c>virt-</c> (<c>cat</c>).</param>
/// <param name="RunAsync">Runs it over a context and its arguments; returns the exit status.</param>
/// <param name="Program">The program name when it is not <c>virt-NAME</c> (<c>guestfs-fleet</c>).</param>
internal sealed record ToolEntry(string Name, Func<ToolContext, IReadOnlyList<string>, CancellationToken, Task<int>> RunAsync, string? Program = null)
{
    /// <summary>The program name (<c>virt-cat</c>).</summary>
    public string ProgramName => Program ?? "virt-" + Name;

    /// <summary>
    /// Runs the tool, turning <see cref="UsageException"/> and <see cref="ToolExitException"/> into their output and
    /// exit status, and any other exception (but a requested cancellation) into <c>NAME: error: MESSAGE</c> and exit
    /// status 1.
    /// </summary>
    /// <param name="context">The context.</param>
    /// <param name="args">The arguments.</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    /// <returns>The exit status.</returns>
    public async Task<int> InvokeAsync(ToolContext context, IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        try
        {
            return await RunAsync(context, args, cancellationToken).ConfigureAwait(false);
        }
        catch (UsageException e)
        {
            if (e.HasMessage)
            {
                context.Stderr.Write($"{(e.FromGetopt ? context.Argv0 : context.Name)}: {e.Message}\n");
            }

            context.Stderr.Write($"Try ‘{context.Name} --help’ for more information.\n");
            return 1;
        }
        catch (ToolExitException e)
        {
            if (e.Output.Length > 0)
            {
                var bytes = System.Text.Encoding.UTF8.GetBytes(e.Output);
                await context.Stdout.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
            }

            context.Stderr.Write(e.Message);
            return e.ExitCode;
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // What the tool did not expect (a failed library call it does not handle, a malformed reply): the
            // guestfs-tools form of a fatal error, exit status 1; LIBGUESTFS_DEBUG=1 adds the stack trace.
            context.Stderr.Write($"{context.Name}: error: {e.Message.TrimEnd('\n')}\n");
            if (context.GetEnvironmentVariable("LIBGUESTFS_DEBUG") == "1")
            {
                context.Stderr.Write($"{e}\n");
            }

            return 1;
        }
        finally
        {
            await context.Stdout.FlushAsync(CancellationToken.None).ConfigureAwait(false);
            await context.Stderr.FlushAsync(CancellationToken.None).ConfigureAwait(false);
        }
    }
}

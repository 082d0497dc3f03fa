using System;
using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Guestfs;

namespace Gfish.Execution;

/// <summary>
/// Runs a guestfish script on a handle the caller has already set up (drives added, usually launched), with gfish's
/// parser, commands and output: the script engine for programs that run scripts themselves, such as
/// <c>guestfs-fleet run</c>. The script's <c>run</c>, <c>add</c> and the like act on that handle as in gfish;
/// <c>reopen</c> closes it and goes on with a new handle.
/// </summary>
internal static class HandleScript
{
    /// <summary>Runs every line of <paramref name="script"/> on <paramref name="handle"/>, ending at the first error as <c>gfish -f</c> does.</summary>
    /// <param name="handle">The handle; it is closed when the script ends (disposing it again is harmless).</param>
    /// <param name="script">The script text.</param>
    /// <param name="sourceName">The script's name in error messages (<c>NAME:LINE: libguestfs: error: …</c>).</param>
    /// <param name="programName">The program's name in gfish's own messages.</param>
    /// <param name="stdout">Receives the commands' output.</param>
    /// <param name="stderr">Receives the error messages.</param>
    /// <param name="cancellationToken">Cancels the script.</param>
    /// <returns>Whether the script ran to its end (or to <c>exit</c>) without an error.</returns>
    public static async Task<bool> RunAsync(
        GuestfsHandle handle, string script, string sourceName, string programName, Stream stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(handle);
        ArgumentNullException.ThrowIfNull(script);
        var settings = new ShellSettings { ProgramName = programName };
        await using var shell = new Shell(LibraryBinding.CreateCatalog(), new GivenHandleFactory(handle), settings, stdout, stderr, () => Stream.Null)
        {
            SourceName = sourceName,
        };

        using var reader = new StringReader(script);
        ShellStatus status = await shell.RunScriptAsync(reader, exitOnError: true, cancellationToken).ConfigureAwait(false);
        await stdout.FlushAsync(cancellationToken).ConfigureAwait(false);
        return status != ShellStatus.Error;
    }

    /// <summary>Gives the caller's handle first, then new handles (for <c>reopen</c>).</summary>
    private sealed class GivenHandleFactory(GuestfsHandle first) : ISessionFactory
    {
        private GuestfsHandle? _first = first;

        public IGuestfsSession Create()
        {
            GuestfsHandle handle = Interlocked.Exchange(ref _first, null) ?? new GuestfsHandle();
            return new HandleSession(handle, LibraryBinding.Describe);
        }
    }
}

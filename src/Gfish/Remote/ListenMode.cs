using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using Gfish.Execution;

namespace Gfish.Remote;

/// <summary>
/// <c>--listen</c> and <c>--remote</c> on the command line. guestfish forks after setting up its handle; .NET cannot
/// fork, so gfish starts itself again with the same arguments (marked by <see cref="ListenerVariable"/>), standard output
/// on <c>/dev/null</c>; the copy sets up its handle and opens the control socket, and only then does the first print
/// <c>GUESTFISH_PID=PID; export GUESTFISH_PID</c> and exit 0 (or exit with the copy's status if its set-up failed).
/// </summary>
internal static class ListenMode
{
    /// <summary>Set (to 1) in the environment of the background copy.</summary>
    public const string ListenerVariable = "GFISH_LISTENER";

    /// <summary>Whether this process is the background copy (the variable is removed, so child processes do not see it).</summary>
    /// <returns>Whether it is.</returns>
    public static bool IsListener()
    {
        var listener = Environment.GetEnvironmentVariable(ListenerVariable) == "1";
        Environment.SetEnvironmentVariable(ListenerVariable, null);
        return listener;
    }

    /// <summary>Checks the options that cannot go with <c>--listen</c>, as guestfish.</summary>
    /// <param name="hasRemote"><c>--remote</c> was given.</param>
    /// <param name="hasCommands">Commands were given on the command line.</param>
    /// <param name="hasFile"><c>-f</c> was given.</param>
    /// <returns>The error, or null.</returns>
    public static string? Conflict(bool hasRemote, bool hasCommands, bool hasFile) =>
        hasRemote ? "cannot use --listen and --remote options at the same time"
        : hasCommands ? "extra parameters on the command line with --listen flag"
        : hasFile ? "cannot use --listen and --file options at the same time"
        : null;

    /// <summary>The listener's process id from <c>--remote=PID</c> or <c>$GUESTFISH_PID</c>.</summary>
    /// <param name="option">The option's value (empty without <c>=PID</c>).</param>
    /// <param name="pid">The process id.</param>
    /// <param name="error">The error, when there is no valid id.</param>
    /// <returns>Whether a process id was found.</returns>
    public static bool TryGetRemotePid(string option, out int pid, out string? error)
    {
        error = null;
        if (option.Length > 0)
        {
            if (!int.TryParse(option, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out pid))
            {
                error = $"--listen=PID: PID was not a number: {option}";
                return false;
            }

            return true;
        }

        if (!int.TryParse(Environment.GetEnvironmentVariable("GUESTFISH_PID"), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out pid))
        {
            error = "remote: $GUESTFISH_PID must be set to the PID of the remote process";
            return false;
        }

        return true;
    }

    /// <summary>Starts the background copy and waits until its control socket exists or it ends.</summary>
    /// <param name="args">The command line.</param>
    /// <param name="csh">Print csh syntax.</param>
    /// <param name="stdout">Where the <c>GUESTFISH_PID</c> line goes.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The exit code.</returns>
    public static async Task<int> StartListenerAsync(IReadOnlyList<string> args, bool csh, TextWriter stdout, CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo("/bin/sh") { UseShellExecute = false };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add("exec \"$@\" >/dev/null");
        info.ArgumentList.Add("sh");
        foreach (var word in OwnCommand())
        {
            info.ArgumentList.Add(word);
        }

        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment[ListenerVariable] = "1";
        using var child = Process.Start(info) ?? throw new InvalidOperationException("Could not start /bin/sh.");
        string socket;
        try
        {
            socket = RemoteEndpoint.SocketPath(child.Id);
        }
        catch (IOException)
        {
            // The copy meets the same problem, reports it and exits 1.
            await child.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
            return 1;
        }

        while (!File.Exists(socket))
        {
            if (child.HasExited)
            {
                return child.ExitCode == 0 ? 1 : child.ExitCode;
            }

            await Task.Delay(50, cancellationToken).ConfigureAwait(false);
        }

        var pid = child.Id.ToString(CultureInfo.InvariantCulture);
        stdout.Write(csh ? $"setenv GUESTFISH_PID {pid}\n" : $"GUESTFISH_PID={pid}; export GUESTFISH_PID\n");
        stdout.Flush();
        return 0;
    }

    /// <summary>In the background copy: opens the control socket and serves clients until <c>quit</c>.</summary>
    /// <param name="shell">The shell, set up.</param>
    /// <param name="stderr">Where problems are reported.</param>
    /// <param name="cancellationToken">Cancels the loop.</param>
    /// <returns>The exit code.</returns>
    public static async Task<int> ServeAsync(Shell shell, TextWriter stderr, CancellationToken cancellationToken)
    {
        string path;
        Socket listener;
        try
        {
            path = RemoteEndpoint.SocketPath(Environment.ProcessId);

            // Bound and listening under a temporary name, then renamed: a client never finds a socket that refuses it.
            var pending = path + ".new";
            File.Delete(pending);
            File.Delete(path);
            listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            listener.Bind(new UnixDomainSocketEndPoint(pending));
            listener.Listen(4);
            File.Move(pending, path);
        }
        catch (Exception e) when (e is IOException or SocketException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"{GfishApp.ProgramName}: {e.Message}");
            return 1;
        }

        using (listener)
        {
            return await RemoteServer.ServeAsync(shell, listener, path, stderr, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The command that starts this program: the native executable, or <c>dotnet</c> and the assembly.</summary>
    private static IEnumerable<string> OwnCommand()
    {
        var process = Environment.ProcessPath ?? throw new InvalidOperationException("the program's path is unknown");
        yield return process;
        if (Path.GetFileNameWithoutExtension(process) == "dotnet")
        {
            yield return Environment.GetCommandLineArgs()[0];
        }
    }
}

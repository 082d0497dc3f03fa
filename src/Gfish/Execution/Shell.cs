using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Gfish.Commands;
using Gfish.Output;
using Gfish.Parsing;
using Gfish.Terminal;
using Guestfs;

namespace Gfish.Execution;

/// <summary>Runs guestfish input: parses each line, runs local and library commands, prints results and errors.</summary>
internal sealed partial class Shell : IAsyncDisposable
{
    private static readonly UTF8Encoding s_utf8 = new(encoderShouldEmitUTF8Identifier: false);
    private readonly ICommandCatalog _catalog;
    private readonly ISessionFactory _sessions;
    private readonly Stream _stdout;
    private readonly TextWriter _stderr;
    private readonly ResultFormatter _formatter;
    private readonly ArgumentBinder _binder;
    private IGuestfsSession _session;
    private int _commandNumber;
    private bool _libraryTraces;
    private bool _verbose;

    /// <summary>Creates a shell with a fresh handle.</summary>
    /// <param name="catalog">The actions.</param>
    /// <param name="sessions">Creates handles.</param>
    /// <param name="settings">The settings.</param>
    /// <param name="stdout">Standard output (results).</param>
    /// <param name="stderr">Standard error (messages).</param>
    /// <param name="stdin">Opens standard input (FileIn <c>-</c>).</param>
    public Shell(ICommandCatalog catalog, ISessionFactory sessions, ShellSettings settings, Stream stdout, TextWriter stderr, Func<Stream> stdin)
    {
        _catalog = catalog;
        _sessions = sessions;
        Settings = settings;
        _stdout = stdout;
        _stderr = stderr;
        _formatter = new ResultFormatter();
        _binder = new ArgumentBinder(settings.ProgramName, stdin, ReadKey);
        _session = sessions.Create();
        SourceName = "*stdin*";
    }

    /// <summary>The settings.</summary>
    public ShellSettings Settings { get; }

    /// <summary>The input name printed before library errors in scripts (<c>*stdin*</c> or the <c>-f</c> file).</summary>
    public string SourceName { get; set; }

    /// <summary>The current input line number (0 for commands from the command line).</summary>
    public int LineNumber { get; set; }

    /// <summary>Runs every line of a script.</summary>
    /// <param name="input">The lines.</param>
    /// <param name="exitOnError">End at the first error not prefixed by <c>-</c>.</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    /// <returns><see cref="ShellStatus.Exit"/> after <c>exit</c>, <see cref="ShellStatus.Error"/> after an error that ends the script, else OK.</returns>
    public async Task<ShellStatus> RunScriptAsync(TextReader input, bool exitOnError, CancellationToken cancellationToken)
    {
        while (await input.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            LineNumber++;
            var status = await ExecuteLineAsync(line, exitOnError, cancellationToken).ConfigureAwait(false);
            if (status == ShellStatus.Exit || (status == ShellStatus.Error && exitOnError))
            {
                return status;
            }
        }

        return ShellStatus.Ok;
    }

    /// <summary>Runs one line of input.</summary>
    /// <param name="line">The line.</param>
    /// <param name="exitOnError">Errors end the script (then <c>!</c> failures count as errors).</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    /// <returns>The outcome; an error on a line starting with <c>-</c> is reported as OK.</returns>
    public async Task<ShellStatus> ExecuteLineAsync(string line, bool exitOnError, CancellationToken cancellationToken)
    {
        ScriptLine parsed;
        try
        {
            parsed = LineParser.Parse(line);
        }
        catch (ScriptSyntaxException e)
        {
            _stderr.WriteLine($"{Settings.ProgramName}: {e.Message}");
            return e.IgnoreError ? ShellStatus.Ok : ShellStatus.Error;
        }

        _lineExitsOnError = exitOnError && !parsed.IgnoreError;
        var status = parsed.Kind switch
        {
            ScriptLineKind.Empty => ShellStatus.Ok,
            ScriptLineKind.Shell => await RunLocalShellAsync(parsed.Text!, exitOnError, cancellationToken).ConfigureAwait(false),
            ScriptLineKind.Inline => await RunInlineAsync(parsed.Text!, exitOnError && !parsed.IgnoreError, cancellationToken).ConfigureAwait(false),
            _ => await IssueCommandAsync(parsed.Name!, parsed.Arguments, parsed.Pipe, cancellationToken).ConfigureAwait(false),
        };
        return status == ShellStatus.Error && parsed.IgnoreError ? ShellStatus.Ok : status;
    }

    /// <summary>
    /// Runs one command given on the command line (words between <c>:</c>): as in scripts, a leading <c>-</c> means
    /// "ignore this command's error", and with <c>--remote</c> the listener is told not to end on it (guestfish's
    /// <c>cmdline</c>).
    /// </summary>
    /// <param name="words">The command and its arguments.</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    /// <returns>The outcome; an ignored error is reported as OK.</returns>
    public async Task<ShellStatus> ExecuteCommandLineCommandAsync(IReadOnlyList<string> words, CancellationToken cancellationToken)
    {
        var ignoreError = words[0].StartsWith('-');
        _lineExitsOnError = !ignoreError;
        var status = await IssueCommandAsync(ignoreError ? words[0][1..] : words[0], words.Skip(1).ToArray(), null, cancellationToken).ConfigureAwait(false);
        return status == ShellStatus.Error && ignoreError ? ShellStatus.Ok : status;
    }

    /// <summary>Runs one command, its output sent to standard output or through a pipe to a local command.</summary>
    /// <param name="name">The command name as typed.</param>
    /// <param name="args">Its arguments.</param>
    /// <param name="pipe">A local command to pipe the output to, or null.</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    /// <returns>The outcome.</returns>
    public async Task<ShellStatus> IssueCommandAsync(string name, IReadOnlyList<string> args, string? pipe, CancellationToken cancellationToken)
    {
        _commandNumber++;
        if (pipe is null)
        {
            var status = await DispatchAsync(name, args, _stdout, cancellationToken).ConfigureAwait(false);
            await _stdout.FlushAsync(cancellationToken).ConfigureAwait(false);
            return status;
        }

        await _stdout.FlushAsync(cancellationToken).ConfigureAwait(false);
        using var process = StartShell(pipe, redirectInput: true, redirectOutput: false);
        var input = process.StandardInput.BaseStream;
        ShellStatus result;
        try
        {
            result = await DispatchAsync(name, args, input, cancellationToken).ConfigureAwait(false);
            await input.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (IOException)
        {
            // The pipe command stopped reading: guestfish ignores this unless --pipe-error was given.
            result = ShellStatus.Ok;
            if (Settings.PipeError)
            {
                _stderr.WriteLine($"{Settings.ProgramName}: write error on pipe");
                result = ShellStatus.Error;
            }
        }
        finally
        {
            try
            {
                process.StandardInput.Close();
            }
            catch (IOException)
            {
            }
        }

        await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        return result;
    }

    /// <summary>Calls a library action and prints its result.</summary>
    /// <param name="typedName">The name as typed.</param>
    /// <param name="command">The action.</param>
    /// <param name="args">The text arguments.</param>
    /// <param name="output">Where the result goes.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The outcome.</returns>
    public async Task<ShellStatus> RunActionAsync(string typedName, CommandInfo command, IReadOnlyList<string> args, Stream output, CancellationToken cancellationToken)
    {
        BoundArguments bound;
        try
        {
            bound = _binder.Bind(typedName, command, args, output);
        }
        catch (ConversionException e)
        {
            _stderr.WriteLine(e.Message);
            return ShellStatus.Error;
        }
        catch (LocalFileException e)
        {
            PrintLibraryError(e.Message);
            return ShellStatus.Error;
        }

        using (bound)
        {
            var (ok, value) = await CallAsync(command, bound.Arguments, bound.Options, cancellationToken).ConfigureAwait(false);
            if (!ok)
            {
                return ShellStatus.Error;
            }

            _formatter.Write(output, command.Return, value);
            return ShellStatus.Ok;
        }
    }

    /// <summary>Calls an action with converted arguments, printing the trace and any error.</summary>
    /// <param name="command">The action.</param>
    /// <param name="arguments">Converted required arguments.</param>
    /// <param name="options">Converted optional arguments.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Whether it succeeded, and its value.</returns>
    public async Task<(bool Ok, object? Value)> CallAsync(
        CommandInfo command, IReadOnlyList<object?> arguments, IReadOnlyDictionary<string, object?> options, CancellationToken cancellationToken)
    {
        var trace = Settings.Trace && !_libraryTraces;
        if (trace)
        {
            _stderr.WriteLine($"libguestfs: trace: {command.Name}{TraceArguments(command, arguments, options)}");
        }

        using var bar = Settings.ProgressBars && command.Progress ? new ProgressBar(_stderr) : null;
        try
        {
            var value = await _session.InvokeAsync(command, arguments, options, bar, cancellationToken).ConfigureAwait(false);
            if (trace)
            {
                _stderr.WriteLine($"libguestfs: trace: {command.Name} = {TraceResult(command.Return, value)}");
            }

            return (true, value);
        }
        catch (ActionFailedException e)
        {
            bar?.Dispose();
            PrintLibraryError(e.Message);
            if (trace)
            {
                _stderr.WriteLine($"libguestfs: trace: {command.Name} = -1 (error)");
            }

            return (false, null);
        }
    }

    /// <summary>Calls an action by name with converted arguments (for start-up steps such as <c>-a</c>, <c>-m</c>, <c>-N</c>).</summary>
    /// <param name="name">The libguestfs name.</param>
    /// <param name="arguments">Converted required arguments.</param>
    /// <param name="options">Converted optional arguments, or null.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Whether it succeeded, and its value.</returns>
    public Task<(bool Ok, object? Value)> CallByNameAsync(
        string name, IReadOnlyList<object?> arguments, IReadOnlyDictionary<string, object?>? options, CancellationToken cancellationToken)
    {
        if (!_catalog.TryGetCommand(name, out var command))
        {
            _stderr.WriteLine($"{Settings.ProgramName}: the library has no action '{name}'");
            return Task.FromResult<(bool, object?)>((false, null));
        }

        return CallAsync(command, arguments, options ?? new Dictionary<string, object?>(), cancellationToken);
    }

    /// <summary>
    /// Applies <c>-x</c>, <c>-n</c> and <c>-v</c> to the current handle, as guestfish does (and again after <c>reopen</c>):
    /// <c>set_trace</c> makes the library print each call; without it the shell prints the trace itself.
    /// </summary>
    /// <param name="verbose">Whether <c>-v</c> was given.</param>
    /// <param name="cancellationToken">Cancels the calls.</param>
    /// <returns>Whether the settings were applied.</returns>
    public async Task<bool> ApplyHandleSettingsAsync(bool verbose, CancellationToken cancellationToken)
    {
        _verbose = verbose;
        _libraryTraces = Settings.Trace && _catalog.TryGetCommand("set_trace", out var setTrace);
        if (_libraryTraces && !(await CallByNameAsync("set_trace", [true], null, cancellationToken).ConfigureAwait(false)).Ok)
        {
            _libraryTraces = false;
            return false;
        }

        if (Settings.NoSync && !(await CallByNameAsync("set_autosync", [false], null, cancellationToken).ConfigureAwait(false)).Ok)
        {
            return false;
        }

        return !verbose || (await CallByNameAsync("set_verbose", [true], null, cancellationToken).ConfigureAwait(false)).Ok;
    }

    /// <summary>Prints a library error as guestfish's error handler does.</summary>
    /// <param name="message">The message after <c>libguestfs: error: </c>.</param>
    public void PrintLibraryError(string message)
    {
        var prefix = Settings.Interactive ? string.Empty : $"{SourceName}:{LineNumber.ToString(CultureInfo.InvariantCulture)}: ";
        _stderr.WriteLine($"{prefix}libguestfs: error: {message}");
    }

    /// <inheritdoc/>
    public ValueTask DisposeAsync() => _session.DisposeAsync();

    private async Task<ShellStatus> DispatchAsync(string name, IReadOnlyList<string> args, Stream output, CancellationToken cancellationToken)
    {
        if (Remote is { } remote)
        {
            return await remote.CallAsync(name, args, output, _lineExitsOnError, cancellationToken).ConfigureAwait(false);
        }

        var local = await TryRunLocalAsync(name, args, output, cancellationToken).ConfigureAwait(false)
            ?? await TryRunInteractiveAsync(name, args, output, cancellationToken).ConfigureAwait(false);
        if (local is { } status)
        {
            return status;
        }

        if (_catalog.TryGetCommand(name, out var command))
        {
            return await RunActionAsync(name, command, args, output, cancellationToken).ConfigureAwait(false);
        }

        _stderr.WriteLine($"{name}: unknown command");
        if (_commandNumber == 1)
        {
            _stderr.WriteLine("Did you mean to open a disk image?  gfish -a disk.img");
            _stderr.WriteLine("For a list of commands:             gfish -h");
            _stderr.WriteLine("For complete documentation:         man guestfish");
        }

        return ShellStatus.Error;
    }

    private async Task<ShellStatus> RunLocalShellAsync(string command, bool exitOnError, CancellationToken cancellationToken)
    {
        await _stdout.FlushAsync(cancellationToken).ConfigureAwait(false);
        using var process = StartShell(command, redirectInput: false, redirectOutput: false);
        await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        return process.ExitCode != 0 && exitOnError ? ShellStatus.Error : ShellStatus.Ok;
    }

    private async Task<ShellStatus> RunInlineAsync(string command, bool exitOnError, CancellationToken cancellationToken)
    {
        await _stdout.FlushAsync(cancellationToken).ConfigureAwait(false);
        using var process = StartShell(command, redirectInput: false, redirectOutput: true);
        var text = await process.StandardOutput.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
        await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        if (process.ExitCode != 0)
        {
            return ShellStatus.Error;
        }

        using var reader = new StringReader(text);
        while (reader.ReadLine() is { } line)
        {
            var status = await ExecuteLineAsync(line, exitOnError, cancellationToken).ConfigureAwait(false);
            if (status == ShellStatus.Exit || (status == ShellStatus.Error && exitOnError))
            {
                return status;
            }
        }

        return ShellStatus.Ok;
    }

    private static Process StartShell(string command, bool redirectInput, bool redirectOutput)
    {
        var info = new ProcessStartInfo("/bin/sh")
        {
            UseShellExecute = false,
            RedirectStandardInput = redirectInput,
            RedirectStandardOutput = redirectOutput,
        };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add(command);
        return Process.Start(info) ?? throw new InvalidOperationException("Could not start /bin/sh.");
    }

    private void WriteText(Stream output, string text)
    {
        var bytes = s_utf8.GetBytes(text);
        output.Write(bytes, 0, bytes.Length);
    }

    /// <summary>Reads a key as guestfish does (<see cref="PassphrasePrompt"/>).</summary>
    /// <param name="name">What the key is for: a device, or the action's parameter name.</param>
    /// <returns>The key, or null at end of input.</returns>
    public string? ReadKey(string name)
    {
        using var stdout = new StreamWriter(_stdout, s_utf8, bufferSize: 256, leaveOpen: true);
        return PassphrasePrompt.Read(
            name, Settings.KeysFromStdin, Settings.EchoKeys, Settings.ReadStdinLine ?? Console.In.ReadLine, Settings.StdinIsTerminal, stdout);
    }

    /// <summary>
    /// Opens the encrypted devices before inspection (<c>-i</c>) through the library's
    /// <see cref="GuestfsHandle.DecryptDisksAsync"/>, asking for each key with <see cref="ReadKey"/> unless a
    /// <c>--key</c> selector gives it; failures are printed as guestfish prints them.
    /// </summary>
    /// <param name="keys">The <c>--key</c> selectors.</param>
    /// <param name="cancellationToken">Cancels the calls.</param>
    /// <returns>Whether every encrypted device was opened.</returns>
    public async Task<bool> DecryptDisksAsync(LuksKeyStore keys, CancellationToken cancellationToken)
    {
        // A session without a library handle (a test double) has no encrypted devices.
        if (_session is not ISessionDecryption session)
        {
            return true;
        }

        try
        {
            await session.DecryptDisksAsync(keys.Provider(ReadKey), cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (LuksKeyException e)
        {
            _stderr.WriteLine($"{Settings.ProgramName}: {e.Message}");
        }
        catch (GuestfsException e)
        {
            _stderr.WriteLine($"libguestfs: error: {e.Message}");
        }

        return false;
    }

    private static string TraceArguments(CommandInfo command, IReadOnlyList<object?> arguments, IReadOnlyDictionary<string, object?> options)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < arguments.Count; i++)
        {
            // Keys show as libguestfs's trace shows them.
            var key = i < command.Parameters.Count && command.Parameters[i].Kind == ParameterKind.Key;
            sb.Append(' ').Append(key ? "\"***\"" : TraceValue(arguments[i]));
        }

        if (options.Count > 0)
        {
            sb.Append(" \"");
            sb.Append(string.Join(' ', options.Select(o => $"{o.Key}:{TraceValue(o.Value).Trim('"')}")));
            sb.Append('"');
        }

        return sb.ToString();
    }

    private static string TraceValue(object? value) => value switch
    {
        null => "NULL",
        string s => $"\"{s}\"",
        bool b => b ? "true" : "false",
        IEnumerable<string> list => "\"" + string.Join(' ', list) + "\"",
        Stream => "<stream>",
        byte[] bytes => $"<buffer:{bytes.Length.ToString(CultureInfo.InvariantCulture)}>",
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty,
    };

    private static string TraceResult(ReturnInfo result, object? value) => result.Kind switch
    {
        ReturnKind.None => "0",
        ReturnKind.Bool or ReturnKind.Int or ReturnKind.Int64 => TraceValue(value),
        ReturnKind.String or ReturnKind.OptString => TraceValue(value),
        ReturnKind.StringList => "[" + string.Join(", ", ((IEnumerable<string>?)value ?? []).Select(s => $"\"{s}\"")) + "]",
        _ => $"<{result.Kind.ToString().ToLowerInvariant()}>",
    };
}

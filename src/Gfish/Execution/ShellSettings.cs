namespace Gfish.Execution;

/// <summary>Settings of a shell, from the command line.</summary>
internal sealed record ShellSettings
{
    /// <summary>Program name printed before syntax errors.</summary>
    public string ProgramName { get; init; } = "gfish";

    /// <summary><c>-x</c>: print each call and its result on standard error.</summary>
    public bool Trace { get; init; }

    /// <summary>Draw progress bars for long calls.</summary>
    public bool ProgressBars { get; init; }

    /// <summary>Input comes from a terminal: errors do not end the session and are printed without a location.</summary>
    public bool Interactive { get; init; }

    /// <summary><c>-n</c>/<c>--no-sync</c>: autosync off on every handle, so closing it neither unmounts nor syncs.</summary>
    public bool NoSync { get; init; }

    /// <summary><c>--pipe-error</c>: a write error on a <c>| command</c> pipe fails the command.</summary>
    public bool PipeError { get; init; }

    /// <summary><c>--keys-from-stdin</c>: read keys and passphrases from standard input instead of the terminal.</summary>
    public bool KeysFromStdin { get; init; }

    /// <summary><c>--echo-keys</c>: leave echo on while a key is typed on the terminal.</summary>
    public bool EchoKeys { get; init; }

    /// <summary>Standard input (where keys are read from with <see cref="KeysFromStdin"/>) is a terminal.</summary>
    public bool StdinIsTerminal { get; init; }

    /// <summary>Reads one line of standard input (for <see cref="KeysFromStdin"/>), or null for the process's own.</summary>
    public System.Func<string?>? ReadStdinLine { get; init; }
}

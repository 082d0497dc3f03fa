namespace Gfish.Execution;

/// <summary>The outcome of one line.</summary>
internal enum ShellStatus
{
    /// <summary>The line succeeded (or failed with its error ignored).</summary>
    Ok,

    /// <summary>The line failed.</summary>
    Error,

    /// <summary>The line asked to leave the shell (<c>exit</c>, <c>quit</c>).</summary>
    Exit,
}

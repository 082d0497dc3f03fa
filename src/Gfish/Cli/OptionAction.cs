namespace Gfish.Cli;

/// <summary>A command line that prints something and exits instead of running a session.</summary>
internal enum OptionAction
{
    /// <summary>Run a session.</summary>
    Run,

    /// <summary><c>--help</c>.</summary>
    Usage,

    /// <summary><c>-h</c> / <c>--cmd-help</c> (with <see cref="GfishOptions.HelpCommand"/> when given).</summary>
    CommandHelp,

    /// <summary><c>-V</c>.</summary>
    Version,

    /// <summary><c>-N help</c>.</summary>
    ScratchHelp,
}

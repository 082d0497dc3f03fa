using System.Collections.Generic;

namespace Gfish.Cli;

/// <summary>The parsed command line.</summary>
internal sealed class GfishOptions
{
    /// <summary>The <c>-a</c> images, in order.</summary>
    public List<ImageOption> Images { get; } = [];

    /// <summary>The <c>-N</c> scratch disks, in order.</summary>
    public List<ScratchDiskSpec> ScratchDisks { get; } = [];

    /// <summary>The <c>-m</c> mounts, in order.</summary>
    public List<MountOption> Mounts { get; } = [];

    /// <summary>Drives (and mounts) are read-only (<c>--ro</c>).</summary>
    public bool ReadOnly { get; set; }

    /// <summary><c>-i</c>: inspect the guest and mount its filesystems.</summary>
    public bool Inspect { get; set; }

    /// <summary><c>-f</c>: the script file.</summary>
    public string? ScriptFile { get; set; }

    /// <summary><c>-x</c>: trace each call.</summary>
    public bool Trace { get; set; }

    /// <summary><c>-v</c>: verbose library messages.</summary>
    public bool Verbose { get; set; }

    /// <summary><c>--keys-from-stdin</c>: read keys from standard input rather than the terminal.</summary>
    public bool KeysFromStdin { get; set; }

    /// <summary><c>--echo-keys</c>: leave echo on while a key is typed.</summary>
    public bool EchoKeys { get; set; }

    /// <summary>The <c>--key</c> selectors, in command-line order.</summary>
    public System.Collections.Generic.List<string> Keys { get; } = [];

    /// <summary><c>--network</c>: enable the appliance network.</summary>
    public bool Network { get; set; }

    /// <summary><c>-n</c>/<c>--no-sync</c>: turn autosync off, so closing the handle neither unmounts nor syncs.</summary>
    public bool NoSync { get; set; }

    /// <summary><c>--pipe-error</c>: a write error on a <c>| command</c> pipe fails the command.</summary>
    public bool PipeError { get; set; }

    /// <summary><c>--progress-bars</c> / <c>--no-progress-bars</c>, or null for "on a terminal".</summary>
    public bool? ProgressBars { get; set; }

    /// <summary><c>--listen</c>: run in the background, taking commands from <c>--remote</c> clients.</summary>
    public bool Listen { get; set; }

    /// <summary><c>--remote[=PID]</c>: the PID text (empty for <c>$GUESTFISH_PID</c>), or null without the option.</summary>
    public string? Remote { get; set; }

    /// <summary><c>--csh</c>: <c>--listen</c> prints a csh <c>setenv</c> line.</summary>
    public bool CshSyntax { get; set; }

    /// <summary>Commands given on the command line, already split at <c>:</c> words.</summary>
    public List<IReadOnlyList<string>> Commands { get; } = [];

    /// <summary>What to do instead of running a session, if anything.</summary>
    public OptionAction Action { get; set; }

    /// <summary>For <c>-h CMD</c>, the command.</summary>
    public string? HelpCommand { get; set; }
}

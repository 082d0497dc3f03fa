using Guestfs.Idl.Common;

namespace Guestfs.Idl.Actions;

/// <summary>
/// One libguestfs action as the generator sees it: signature, wire number, flags and documentation. Daemon actions
/// (<see cref="ProcedureNumber"/> set) are sent to the appliance; the others are library-side.
/// </summary>
public sealed record ActionSpec
{
    /// <summary>The libguestfs name, e.g. <c>mount_options</c>.</summary>
    public required string Name { get; init; }

    /// <summary>The C# stem: <c>csharp-name</c> if given, else <see cref="ActionsNaming.ToPascalCase"/> of <see cref="Name"/>.</summary>
    public required string CSharpName { get; init; }

    /// <summary>The group (file) it is declared in, e.g. <c>mounting</c>.</summary>
    public required string Group { get; init; }

    /// <summary>The procedure number for daemon actions; null for library-side actions.</summary>
    public int? ProcedureNumber { get; init; }

    /// <summary>What it returns.</summary>
    public required ReturnSpec Return { get; init; }

    /// <summary>Ordinary arguments in declaration order (including FileIn/FileOut streams).</summary>
    public EquatableArray<ArgumentSpec> Arguments { get; init; } = EquatableArray<ArgumentSpec>.Empty;

    /// <summary>Optional arguments in order; index = bit in the optargs bitmask.</summary>
    public EquatableArray<OptionalArgumentSpec> OptionalArguments { get; init; } = EquatableArray<OptionalArgumentSpec>.Empty;

    /// <summary>Who may call it.</summary>
    public ActionVisibility Visibility { get; init; }

    /// <summary>Version it was added in, if known (test-only actions have none).</summary>
    public ActionVersionSpec? Added { get; init; }

    /// <summary>Implemented by hand in the runtime (<c>runtime</c> flag); library-side only.</summary>
    public bool RuntimeImplemented { get; init; }

    /// <summary>Why a library-side action is deliberately not generated (<c>unsupported:</c> clause); null when it is
    /// generated or not yet decided.</summary>
    public string? UnsupportedReason { get; init; }

    /// <summary>The daemon sends progress messages (<c>progress</c>).</summary>
    public bool Progress { get; init; }

    /// <summary>A running call may be cancelled through its file transfer (<c>cancellable</c>).</summary>
    public bool Cancellable { get; init; }

    /// <summary>Only allowed before launch (<c>config-only</c>).</summary>
    public bool ConfigOnly { get; init; }

    /// <summary>False for calls that never wait on the appliance, only reading or changing state held by the handle (<c>non-blocking</c>); true otherwise.</summary>
    public bool Blocking { get; init; } = true;

    /// <summary>The action gained optional arguments later; libguestfs keeps a <c>_opts</c> C name (<c>once-had-no-optargs</c>).</summary>
    public bool OnceHadNoOptionalArguments { get; init; }

    /// <summary>Results or arguments may hit the protocol message limit (<c>protocol-limit</c>).</summary>
    public bool ProtocolLimitWarning { get; init; }

    /// <summary>Deprecated (<c>deprecated</c> flag or a <c>deprecated-by</c> clause).</summary>
    public bool Deprecated { get; init; }

    /// <summary>The action to use instead, if any.</summary>
    public string? DeprecatedBy { get; init; }

    /// <summary>The optional feature group the daemon must support (<c>optional-group</c>), e.g. <c>btrfs</c>.</summary>
    public string? OptionalGroup { get; init; }

    /// <summary>Extra guestfish command names.</summary>
    public EquatableArray<string> FishAliases { get; init; } = EquatableArray<string>.Empty;

    /// <summary>How guestfish prints an integer result.</summary>
    public FishOutputFormat FishOutput { get; init; }

    /// <summary>One-line summary, in our words.</summary>
    public required string Summary { get; init; }

    /// <summary>The description in our words: paragraphs separated by <c>\n\n</c>, each paragraph one line (the table's
    /// wrapped <c>|</c> lines joined with single spaces).</summary>
    public required string Description { get; init; }

    /// <summary>Where the action block starts.</summary>
    public required IdlLocation Location { get; init; }

    /// <summary>Whether the action is sent to the daemon.</summary>
    public bool IsDaemon => ProcedureNumber.HasValue;
}

using System.Linq;
using Guestfs.Idl.Common;

namespace Guestfs.Generator.Model;

/// <summary>One method of the handle: an action of the table bound to its wire structures (the actions table's own record is <c>Guestfs.Idl.Actions.ActionSpec</c>).</summary>
/// <param name="Name">The libguestfs name (<c>mke2fs_J</c>).</param>
/// <param name="Stem">The C# name without <c>Async</c> (<c>Mke2fsJ</c>); also the procedure enum member.</param>
/// <param name="Group">The actions-table group (its file), which shards the output.</param>
/// <param name="SourceFile">The actions file it is declared in (file name only).</param>
/// <param name="ProcNumber">The procedure number; 0 for library-side actions.</param>
/// <param name="IsDaemon">Whether it is a daemon call.</param>
/// <param name="IsRuntime">For library-side actions: whether the runtime implements it by hand.</param>
/// <param name="Parameters">Required arguments in order.</param>
/// <param name="Options">Optional arguments in order (bit i = i-th).</param>
/// <param name="Return">The result.</param>
/// <param name="ArgsType">Fully qualified C# name of the <c>_args</c> record; empty when the call has none.</param>
/// <param name="ArgsFields">The wire names of the <c>_args</c> fields in order (required and optional arguments).</param>
/// <param name="RetType">Fully qualified C# name of the <c>_ret</c> record; empty when the call has none.</param>
/// <param name="Progress">Whether it sends progress messages.</param>
/// <param name="Cancellable">Whether its file transfer may be cancelled.</param>
/// <param name="Deprecated">Whether it is deprecated.</param>
/// <param name="DeprecatedBy">The libguestfs name of the replacement; empty when none.</param>
/// <param name="Summary">One-line summary.</param>
/// <param name="Description">Longer description.</param>
/// <param name="Aliases">Other names (shell aliases).</param>
/// <param name="Added">The libguestfs version that added it.</param>
internal sealed record MethodSpec(
    string Name,
    string Stem,
    string Group,
    string SourceFile,
    int ProcNumber,
    bool IsDaemon,
    bool IsRuntime,
    EquatableArray<ParameterSpec> Parameters,
    EquatableArray<OptionSpec> Options,
    MethodReturnSpec Return,
    string ArgsType,
    EquatableArray<string> ArgsFields,
    string RetType,
    bool Progress,
    bool Cancellable,
    bool Deprecated,
    string DeprecatedBy,
    string Summary,
    string Description,
    EquatableArray<string> Aliases,
    string Added)
{
    /// <summary>Whether the action is for the library's own use (visibility <c>internal</c>): emitted as an internal method.</summary>
    public bool IsInternal { get; init; }

    /// <summary>How a shell prints the integer result (<c>fish-output</c>).</summary>
    public NumberStyle NumberStyle { get; init; }

    /// <summary>The C# stem of the replacement (<c>TarIn</c>); empty when <see cref="DeprecatedBy"/> is.</summary>
    public string DeprecatedByStem { get; init; } = string.Empty;

    /// <summary>The options record's C# name (<c>MkfsOptions</c>); empty when the action has no optional arguments.</summary>
    public string OptionsType => Options.Count == 0 ? string.Empty : Stem + "Options";

    /// <summary>The first <c>FileIn</c> argument, whose stream is uploaded; null when there is none.</summary>
    public ParameterSpec? Upload => Parameters.FirstOrDefault(static p => p.Kind == ParameterKind.FileIn);

    /// <summary>The first <c>FileOut</c> argument, the stream the download goes to; null when there is none.</summary>
    public ParameterSpec? Download => Parameters.FirstOrDefault(static p => p.Kind == ParameterKind.FileOut);

    /// <summary>The first file argument (<c>FileIn</c> or <c>FileOut</c>): the one the local-path overload takes as a path.</summary>
    public ParameterSpec? FileParameter => Parameters.FirstOrDefault(static p => p.Kind is ParameterKind.FileIn or ParameterKind.FileOut);

    /// <summary>Whether the handle method takes a progress sink (daemon actions flagged <c>progress</c>).</summary>
    public bool ReportsProgress => Progress && IsDaemon;
}

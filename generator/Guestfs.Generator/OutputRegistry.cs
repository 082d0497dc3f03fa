using System;
using System.Collections.Generic;
using System.Linq;
using Guestfs.Generator.Binding;
using Guestfs.Generator.Emitting;
using Guestfs.Generator.Model;

namespace Guestfs.Generator;

/// <summary>
/// Every output of the generator, each once: its name, how its model is cut from the <see cref="SdkSpec"/> and how
/// it is rendered. The incremental pipeline (<see cref="GuestfsGenerator"/>), the whole-run path of the CLI and the
/// tests (<see cref="PipelineStages.Run"/>) all go through this list; adding an output is adding a row.
/// </summary>
internal static class OutputRegistry
{
    private static readonly GeneratedOutput[] s_outputs =
    {
        new("ProtocolConstants", static s => One(OutputSelector.ProtocolConstants(s)), static o => ProtocolEmitter.EmitConstants(o, SdkBinder.ProtocolNamespace)),
        new("Procedures", static s => One(OutputSelector.Procedures(s)), static o => ProtocolEmitter.EmitEnums(o, SdkBinder.ProtocolNamespace, "public")),
        new("Xdr.Enums", static s => One(OutputSelector.XdrEnums(s)), static o => ProtocolEmitter.EmitEnums(o, SdkBinder.ProtocolNamespace, "internal")),
        new("Xdr.Structs", OutputSelector.XdrStructs, static o => ProtocolEmitter.EmitCodecs(o, SdkBinder.ProtocolNamespace)),
        new("Xdr.Unions", static s => One(OutputSelector.XdrUnions(s)), static o => ProtocolEmitter.EmitUnions(o, SdkBinder.ProtocolNamespace)),
        new("Records", static s => One(OutputSelector.Records(s)), static o => ProtocolEmitter.EmitCodecs(o, SdkBinder.PublicNamespace)),
        new("Options", static s => One(OutputSelector.Options(s)), ActionsEmitter.EmitOptions),
        new("CommandTable", static s => One(OutputSelector.CommandTable(s)), CommandTableEmitter.Emit),
        new("ActionGroups", OutputSelector.ActionGroups, static o => ActionsEmitter.EmitGroup(o, "Daemon actions of the " + o.Actions[0].Group + " group.")),
        new("LibrarySide", static s => One(OutputSelector.LibrarySide(s)), static o => ActionsEmitter.EmitGroup(o, "Library-side actions: declarations of the calls the runtime implements by hand.")),
    };

    private static readonly Dictionary<string, GeneratedOutput> s_byName = s_outputs.ToDictionary(static o => o.Name, StringComparer.Ordinal);

    /// <summary>The output names, in registration order.</summary>
    public static IEnumerable<string> Names => s_outputs.Select(static o => o.Name);

    /// <summary>Cuts a bound model into one model per generated file, each tagged with the output that renders it.</summary>
    /// <param name="spec">The bound model (null after a failed bind: nothing is generated).</param>
    /// <returns>The file models, in registration order.</returns>
    public static IEnumerable<OutputSpec> Select(SdkSpec? spec) =>
        spec is null ? Enumerable.Empty<OutputSpec>() : s_outputs.SelectMany(o => o.Select(spec).Select(m => m with { Output = o.Name }));

    /// <summary>Renders one file model with the emitter of its output.</summary>
    /// <param name="spec">A model from <see cref="Select"/>.</param>
    /// <returns>The file.</returns>
    public static GeneratedFileSpec Emit(OutputSpec spec) => s_byName[spec.Output].Emit(spec);

    private static IEnumerable<OutputSpec> One(OutputSpec? spec) => spec is null ? Enumerable.Empty<OutputSpec>() : new[] { spec };

    /// <summary>One row: the output's name, its selection and its emitter.</summary>
    private sealed record GeneratedOutput(string Name, Func<SdkSpec, IEnumerable<OutputSpec>> Select, Func<OutputSpec, GeneratedFileSpec> Emit);
}

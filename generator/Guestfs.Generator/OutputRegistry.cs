using System;
using System.Collections.Generic;
using System.Linq;
using Guestfs.Generator.Binding;
using Guestfs.Generator.Emitting;
using Guestfs.Generator.Model;

namespace Guestfs.Generator;

/// <summary>
/// Every output of the generator, each once: its name, how its model is cut from the <see cref="SdkSpec"/>, the
/// template that renders it and the namespace it declares. The incremental pipeline (<see cref="GuestfsGenerator"/>),
/// the whole-run path of the CLI and the tests (<see cref="PipelineStages.Run"/>) and the XDR-only path
/// (<see cref="PipelineStages.RunXdrOnly"/>) all go through this list; adding an output is adding a row.
/// </summary>
internal static class OutputRegistry
{
    private static readonly GeneratedOutput[] s_outputs =
    {
        new("ProtocolConstants", "ProtocolConstants", SdkBinder.ProtocolNamespace, static s => One(OutputSelector.ProtocolConstants(s))),
        new("Procedures", "Enums", SdkBinder.ProtocolNamespace, static s => One(OutputSelector.Procedures(s))),
        new("Xdr.Enums", "Enums", SdkBinder.ProtocolNamespace, static s => One(OutputSelector.XdrEnums(s))),
        new("Xdr.Structs", "Codecs", SdkBinder.ProtocolNamespace, OutputSelector.XdrStructs),
        new("Xdr.Unions", "Unions", SdkBinder.ProtocolNamespace, static s => One(OutputSelector.XdrUnions(s))),
        new("Rpc.Clients", "RpcClients", SdkBinder.ProtocolNamespace, static s => One(OutputSelector.RpcClients(s))),
        new("Records", "Codecs", SdkBinder.PublicNamespace, static s => One(OutputSelector.Records(s))),
        new("Options", "Options", SdkBinder.PublicNamespace, static s => One(OutputSelector.Options(s))),
        new("CommandTable", "CommandTable", SdkBinder.PublicNamespace, static s => One(OutputSelector.CommandTable(s))),
        new("ActionGroups", "Actions", SdkBinder.PublicNamespace, OutputSelector.ActionGroups),
        new("LibrarySide", "Actions", SdkBinder.PublicNamespace, static s => One(OutputSelector.LibrarySide(s))),
    };

    private static readonly Dictionary<string, GeneratedOutput> s_byName = s_outputs.ToDictionary(static o => o.Name, StringComparer.Ordinal);

    /// <summary>The output names, in registration order.</summary>
    public static IEnumerable<string> Names => s_outputs.Select(static o => o.Name);

    /// <summary>Cuts a bound model into one model per generated file, each tagged with the output that renders it.</summary>
    /// <param name="spec">The bound model (null after a failed bind: nothing is generated).</param>
    /// <returns>The file models, in registration order.</returns>
    public static IEnumerable<OutputSpec> Select(SdkSpec? spec) =>
        spec is null ? Enumerable.Empty<OutputSpec>() : s_outputs.SelectMany(o => o.Select(spec).Select(m => m with { Output = o.Name, Namespace = o.Namespace }));

    /// <summary>Renders one file model with the template of its output.</summary>
    /// <param name="spec">A model from <see cref="Select"/>, or one tagged with an output name and a namespace.</param>
    /// <returns>The file.</returns>
    public static GeneratedFileSpec Emit(OutputSpec spec) => TemplateRenderer.Render(s_byName[spec.Output].Template, spec);

    private static IEnumerable<OutputSpec> One(OutputSpec? spec) => spec is null ? Enumerable.Empty<OutputSpec>() : new[] { spec };

    /// <summary>One row: the output's name, its template, its namespace and its selection.</summary>
    private sealed record GeneratedOutput(string Name, string Template, string Namespace, Func<SdkSpec, IEnumerable<OutputSpec>> Select);
}

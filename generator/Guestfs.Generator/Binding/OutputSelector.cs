using System;
using System.Collections.Generic;
using System.Linq;
using Guestfs.Generator.Helpers;
using Guestfs.Generator.Model;
using Guestfs.Idl.Common;

namespace Guestfs.Generator.Binding;

/// <summary>
/// Cuts the <see cref="SdkSpec"/> into one model per output file, each holding only what that file needs, so an
/// unchanged part compares equal and its file is not re-emitted.
/// </summary>
internal static class OutputSelector
{
    /// <summary>Hint name of the protocol constants.</summary>
    public const string ProtocolConstantsHint = "ProtocolConstants.g.cs";

    /// <summary>Hint name of the procedure enum.</summary>
    public const string ProceduresHint = "Procedures.g.cs";

    /// <summary>Hint name of the other XDR enums.</summary>
    public const string XdrEnumsHint = "Xdr.Enums.g.cs";

    /// <summary>Hint name of the internal XDR structures.</summary>
    public const string XdrStructsHint = "Xdr.Structs.g.cs";

    /// <summary>Hint name of the XDR discriminated unions.</summary>
    public const string XdrUnionsHint = "Xdr.Unions.g.cs";

    /// <summary>Hint name of the clients of rpcgen programs.</summary>
    public const string RpcClientsHint = "Rpc.Clients.g.cs";

    /// <summary>Hint name of the public records.</summary>
    public const string RecordsHint = "Records.g.cs";

    /// <summary>Hint name of the options records.</summary>
    public const string OptionsHint = "Options.g.cs";

    /// <summary>Hint name of the runtime-implemented library-side declarations.</summary>
    public const string LibrarySideHint = "Actions.LibrarySide.g.cs";

    /// <summary>Hint name of the command table.</summary>
    public const string CommandTableHint = "CommandTable.g.cs";

    private const string ActionsSources = "the actions table";

    /// <summary>The protocol constants.</summary>
    /// <param name="spec">The model.</param>
    /// <returns>The output model, or null when nothing is to be generated.</returns>
    public static OutputSpec? ProtocolConstants(SdkSpec? spec) =>
        spec is null || spec.Constants.Count == 0 ? null : OutputSpec.Create(ProtocolConstantsHint, spec.ProtocolSource) with { Constants = spec.Constants };

    /// <summary>The procedure enum.</summary>
    /// <param name="spec">The model.</param>
    /// <returns>The output model, or null.</returns>
    public static OutputSpec? Procedures(SdkSpec? spec) =>
        spec?.Procedure is null ? null : OutputSpec.Create(ProceduresHint, spec.ProtocolSource + " and " + ActionsSources) with { Enums = new[] { spec.Procedure }.ToEquatableArray() };

    /// <summary>The other enums.</summary>
    /// <param name="spec">The model.</param>
    /// <returns>The output model, or null.</returns>
    public static OutputSpec? XdrEnums(SdkSpec? spec) =>
        spec is null || spec.Enums.Count == 0 ? null : OutputSpec.Create(XdrEnumsHint, spec.ProtocolSource) with { Enums = spec.Enums };

    /// <summary>
    /// The internal structures, split like the actions: the <c>_args</c> and <c>_ret</c> structures of each group's
    /// actions in <c>Xdr.Structs.&lt;Group&gt;.g.cs</c>, the protocol's own (message header, errors, chunks) in
    /// <c>Xdr.Structs.g.cs</c>. An action's records format themselves for trace lines.
    /// </summary>
    /// <param name="spec">The model.</param>
    /// <returns>The output models.</returns>
    public static IEnumerable<OutputSpec> XdrStructs(SdkSpec spec)
    {
        Dictionary<string, HashSet<string>> args = spec.Actions.Where(static a => a.ArgsType.Length > 0)
            .GroupBy(static a => a.ArgsType, StringComparer.Ordinal)
            .ToDictionary(static g => g.Key, static g => KeyArguments(g), StringComparer.Ordinal);
        var rets = new HashSet<string>(spec.Actions.Select(static a => a.RetType), StringComparer.Ordinal);
        var groups = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (MethodSpec a in spec.Actions.Where(static a => a.IsDaemon))
        {
            foreach (string type in new[] { a.ArgsType, a.RetType }.Where(static t => t.Length > 0))
            {
                groups[type] = a.Group;
            }
        }

        IEnumerable<CodecSpec> codecs = spec.Codecs.Where(static c => !c.IsPublic).Select(c => args.TryGetValue(c.FullName, out HashSet<string>? keys)
            ? c with
            {
                TraceRole = TraceRole.Arguments,
                Fields = c.Fields.Select(f => keys.Contains(f.WireName) ? f with { IsSecret = true } : f).ToEquatableArray(),
            }
            : c with { TraceRole = rets.Contains(c.FullName) ? TraceRole.Result : TraceRole.None });
        return codecs
            .GroupBy(c => groups.TryGetValue(c.FullName, out string? group) ? group : string.Empty)
            .OrderBy(static g => g.Key, StringComparer.Ordinal)
            .Select(g => OutputSpec.Create(g.Key.Length == 0 ? XdrStructsHint : "Xdr.Structs." + Naming.PascalCaseWords(g.Key) + ".g.cs", spec.ProtocolSource) with { Codecs = g.ToEquatableArray() });
    }

    /// <summary>The discriminated unions (the protocol of libguestfs has none).</summary>
    /// <param name="spec">The model.</param>
    /// <returns>The output model, or null.</returns>
    public static OutputSpec? XdrUnions(SdkSpec? spec) =>
        spec is null || spec.Unions.Count == 0 ? null : OutputSpec.Create(XdrUnionsHint, spec.ProtocolSource) with { Unions = spec.Unions };

    /// <summary>The clients of the rpcgen programs (the protocol of libguestfs has none).</summary>
    /// <param name="spec">The model.</param>
    /// <returns>The output model, or null.</returns>
    public static OutputSpec? RpcClients(SdkSpec? spec) =>
        spec is null || spec.RpcVersions.Count == 0 ? null : OutputSpec.Create(RpcClientsHint, spec.ProtocolSource) with { RpcVersions = spec.RpcVersions };

    /// <summary>The public records.</summary>
    /// <param name="spec">The model.</param>
    /// <returns>The output model, or null.</returns>
    public static OutputSpec? Records(SdkSpec? spec) =>
        spec is null ? null : Codecs(RecordsHint, spec, spec.ProtocolSource + " and " + ActionsSources, publicOnes: true);

    /// <summary>The options records.</summary>
    /// <param name="spec">The model.</param>
    /// <returns>The output model, or null.</returns>
    public static OutputSpec? Options(SdkSpec? spec)
    {
        if (spec is null)
        {
            return null;
        }

        EquatableArray<OptionsRecordSpec> records = spec.Actions.Where(static a => a.Options.Count > 0)
            .Select(static a => new OptionsRecordSpec(a.Name, a.Stem, a.Options))
            .ToEquatableArray();
        return records.Count == 0 ? null : OutputSpec.Create(OptionsHint, ActionsSources) with { OptionRecords = records };
    }

    /// <summary>One output per actions-table group with daemon actions.</summary>
    /// <param name="spec">The model.</param>
    /// <returns>The output models.</returns>
    public static IEnumerable<OutputSpec> ActionGroups(SdkSpec spec) =>
        spec.Actions.Where(static a => a.IsDaemon)
            .GroupBy(static a => a.Group)
            .OrderBy(static g => g.Key, StringComparer.Ordinal)
            .Select(g => OutputSpec.Create(GroupHint(g.Key), spec.ProtocolSource + " and " + g.First().SourceFile) with { Actions = g.ToEquatableArray() });

    /// <summary>The declarations of the library-side actions.</summary>
    /// <param name="spec">The model.</param>
    /// <returns>The output model, or null.</returns>
    public static OutputSpec? LibrarySide(SdkSpec? spec)
    {
        EquatableArray<MethodSpec> library = spec is null ? EquatableArray<MethodSpec>.Empty : spec.Actions.Where(static a => !a.IsDaemon).ToEquatableArray();
        return library.Count == 0 ? null : OutputSpec.Create(LibrarySideHint, ActionsSources) with { Actions = library };
    }

    /// <summary>The command table: every public action, and the public structures they return (for their field lists), each ordered by name.</summary>
    /// <param name="spec">The model.</param>
    /// <returns>The output model, or null.</returns>
    public static OutputSpec? CommandTable(SdkSpec? spec)
    {
        if (spec is null || spec.Actions.Count == 0)
        {
            return null;
        }

        EquatableArray<MethodSpec> actions = spec.Actions.Where(static a => !a.IsInternal).OrderBy(static a => a.Name, StringComparer.Ordinal).ToEquatableArray();
        var returned = new HashSet<string>(actions.Select(static a => a.Return.CsType), StringComparer.Ordinal);
        EquatableArray<CodecSpec> structs = spec.Codecs
            .Where(c => c.IsPublic && (returned.Contains(c.Name) || returned.Contains("IReadOnlyList<" + c.Name + ">")))
            .OrderBy(static c => c.Name, StringComparer.Ordinal)
            .ToEquatableArray();
        return OutputSpec.Create(CommandTableHint, ActionsSources) with { Actions = actions, Codecs = structs };
    }

    /// <summary>The hint name of a group's shard: <c>Actions.&lt;Group&gt;.g.cs</c>.</summary>
    /// <param name="group">The group name.</param>
    /// <returns>The hint name.</returns>
    public static string GroupHint(string group) => "Actions." + Naming.PascalCaseWords(group) + ".g.cs";

    /// <summary>The wire names of the <c>Key</c> arguments of the actions sharing an <c>_args</c> structure.</summary>
    private static HashSet<string> KeyArguments(IEnumerable<MethodSpec> actions) =>
        new(actions.SelectMany(static a => a.Parameters).Where(static p => p.Kind == ParameterKind.Key).Select(static p => p.WireName), StringComparer.Ordinal);

    private static OutputSpec? Codecs(string hint, SdkSpec spec, string sources, bool publicOnes)
    {
        EquatableArray<CodecSpec> codecs = spec.Codecs.Where(c => c.IsPublic == publicOnes).ToEquatableArray();
        return codecs.Count == 0 ? null : OutputSpec.Create(hint, sources) with { Codecs = codecs };
    }
}

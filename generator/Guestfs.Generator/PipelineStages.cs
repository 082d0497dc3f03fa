using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using System.Threading;
using Guestfs.Generator.Binding;
using Guestfs.Generator.Model;
using Guestfs.Idl.Actions;
using Guestfs.Idl.Common;
using Guestfs.Idl.Xdr;

namespace Guestfs.Generator;

/// <summary>
/// The work of each pipeline stage, as static methods the generator's static lambdas call (and the CLI and the
/// tests call directly). No stage throws: an unexpected exception becomes a GFS0900 diagnostic.
/// </summary>
internal static class PipelineStages
{
    /// <summary>Parse stage for one <c>.x</c> file.</summary>
    /// <param name="path">The file path.</param>
    /// <param name="text">The text.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The syntax and syntax diagnostics.</returns>
    public static XdrParseResult ParseProtocol(string path, string text, CancellationToken cancellationToken)
    {
        try
        {
            return XdrParser.Parse(path, text, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return new XdrParseResult(new XdrSyntax(path, EquatableArray<XdrDefinitionSyntax>.Empty, EquatableArray<XdrDirectiveSyntax>.Empty), Internal(path, e));
        }
    }

    /// <summary>Parse stage for one <c>.actions</c> file.</summary>
    /// <param name="path">The file path.</param>
    /// <param name="text">The text.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The syntax and syntax diagnostics.</returns>
    public static ActionsParseResult ParseActions(string path, string text, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            return ActionsParser.Parse(path, text);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return new ActionsParseResult(ActionsFileSyntax.Empty(path), Internal(path, e));
        }
    }

    /// <summary>
    /// Bind stage: resolves the <c>.x</c>, binds and validates the actions table against it, and builds the
    /// <see cref="SdkSpec"/>. Carries every diagnostic of the earlier stages.
    /// </summary>
    /// <param name="protocols">The parsed <c>.x</c> files (the first by path is the protocol).</param>
    /// <param name="actions">The parsed actions files.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The model (null without a <c>.x</c>) and all diagnostics.</returns>
    public static BindResult Bind(ImmutableArray<XdrParseResult> protocols, ImmutableArray<ActionsParseResult> actions, CancellationToken cancellationToken)
    {
        var diagnostics = new List<IdlDiagnostic>();
        foreach (XdrParseResult p in protocols)
        {
            diagnostics.AddRange(p.Diagnostics);
        }

        foreach (ActionsParseResult a in actions)
        {
            diagnostics.AddRange(a.Diagnostics);
        }

        try
        {
            XdrParseResult? protocol = protocols.OrderBy(static p => p.Syntax.Path, StringComparer.Ordinal).FirstOrDefault();
            if (protocol is null)
            {
                if (actions.Length > 0)
                {
                    string path = actions[0].File.Path;
                    diagnostics.Add(IdlDiagnostic.Create(GeneratorDiagnosticIds.MissingProtocolFile, DiagnosticRules.For(GeneratorDiagnosticIds.MissingProtocolFile).MessageFormat, new IdlLocation(path, 0, 0, 1, 1)));
                }

                return new BindResult(null, diagnostics.ToEquatableArray());
            }

            cancellationToken.ThrowIfCancellationRequested();
            XdrBindResult xdr = XdrBinder.Bind(protocol.Syntax, cancellationToken);
            diagnostics.AddRange(xdr.Diagnostics);
            ActionsSpec table = ActionsSpec.Empty;
            if (actions.Length > 0)
            {
                ActionsBindResult boundActions = ActionsBinder.Bind(actions.Select(static a => a.File), xdr.Spec);
                diagnostics.AddRange(boundActions.Diagnostics);
                table = boundActions.Spec;
            }

            cancellationToken.ThrowIfCancellationRequested();
            (SdkSpec spec, EquatableArray<IdlDiagnostic> sdkDiagnostics) = SdkBinder.Bind(xdr.Spec, table);
            diagnostics.AddRange(sdkDiagnostics);
            return new BindResult(spec, diagnostics.ToEquatableArray());
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            diagnostics.AddRange(Internal(protocols.Length > 0 ? protocols[0].Syntax.Path : string.Empty, e));
            return new BindResult(null, diagnostics.ToEquatableArray());
        }
    }

    /// <summary>Emit stage for one output.</summary>
    /// <param name="spec">The output model.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The file, or the internal error.</returns>
    public static EmitResult Emit(OutputSpec? spec, CancellationToken cancellationToken)
    {
        if (spec is null)
        {
            return new EmitResult(null, EquatableArray<IdlDiagnostic>.Empty);
        }

        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            GeneratedFileSpec file = OutputRegistry.Emit(spec);
            return new EmitResult(file, EquatableArray<IdlDiagnostic>.Empty);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return new EmitResult(null, Internal(string.Empty, e));
        }
    }

    /// <summary>The whole pipeline at once, without Roslyn: for the CLI and the timing harness.</summary>
    /// <param name="files">The input files (path, text): <c>.x</c> and <c>.actions</c>.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The generated files (ordered by hint name) and the diagnostics.</returns>
    public static (IReadOnlyList<GeneratedFileSpec> Files, IReadOnlyList<IdlDiagnostic> Diagnostics) Run(IEnumerable<(string Path, string Text)> files, CancellationToken cancellationToken = default)
    {
        var protocols = ImmutableArray.CreateBuilder<XdrParseResult>();
        var actions = ImmutableArray.CreateBuilder<ActionsParseResult>();
        foreach ((string path, string text) in files)
        {
            if (path.EndsWith(".x", StringComparison.OrdinalIgnoreCase))
            {
                protocols.Add(ParseProtocol(path, text, cancellationToken));
            }
            else if (path.EndsWith(".actions", StringComparison.OrdinalIgnoreCase))
            {
                actions.Add(ParseActions(path, text, cancellationToken));
            }
        }

        BindResult bound = Bind(protocols.ToImmutable(), actions.ToImmutable(), cancellationToken);
        var diagnostics = new List<IdlDiagnostic>(bound.Diagnostics);
        var outputs = new List<GeneratedFileSpec>();
        foreach (OutputSpec output in OutputRegistry.Select(bound.Spec))
        {
            EmitResult result = Emit(output, cancellationToken);
            diagnostics.AddRange(result.Diagnostics);
            if (result.File is not null)
            {
                outputs.Add(result.File);
            }
        }

        return (outputs.OrderBy(static f => f.HintName, StringComparer.Ordinal).ToList(), diagnostics);
    }

    /// <summary>
    /// The XDR half on its own, for any rpcgen file (<c>guestfs-gen xdr</c>): constants, enums, structures, unions and
    /// program clients as public types with codecs, all in one namespace. No actions, no procedure enum renaming.
    /// Included files, references, <c>%#define</c> constants and libtirpc's types are gathered by <see cref="XdrOnlyInput"/>.
    /// </summary>
    /// <param name="path">The <c>.x</c> file path (its name goes in the headers).</param>
    /// <param name="text">Its text.</param>
    /// <param name="ns">The namespace of everything emitted.</param>
    /// <param name="readFile">Reads a file the <c>.x</c> includes or a reference; null (the default) reads nothing.</param>
    /// <param name="references">Other <c>.x</c> files whose types this one uses, and the namespace each was generated in.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The files (<c>ProtocolConstants.g.cs</c>, <c>Xdr.Enums.g.cs</c>, <c>Xdr.Structs.g.cs</c>, <c>Xdr.Unions.g.cs</c>, <c>Rpc.Clients.g.cs</c> when non-empty) and diagnostics.</returns>
    public static (IReadOnlyList<GeneratedFileSpec> Files, IReadOnlyList<IdlDiagnostic> Diagnostics) RunXdrOnly(
        string path,
        string text,
        string ns,
        Func<string, string?>? readFile = null,
        IReadOnlyList<(string Path, string Namespace)>? references = null,
        CancellationToken cancellationToken = default)
    {
        var diagnostics = new List<IdlDiagnostic>();
        var files = new List<GeneratedFileSpec>();
        try
        {
            (XdrSyntax syntax, List<IdlDiagnostic> parseDiagnostics, Dictionary<string, string?> external) =
                XdrOnlyInput.Read(path, text, readFile ?? (static _ => null), references ?? Array.Empty<(string, string)>(), cancellationToken);
            diagnostics.AddRange(parseDiagnostics);
            XdrBindResult bound = XdrBinder.Bind(syntax, cancellationToken);
            diagnostics.AddRange(bound.Diagnostics);
            (SdkSpec spec, EquatableArray<IdlDiagnostic> bindDiagnostics) = SdkBinder.BindXdrOnly(bound.Spec, ns, external);
            diagnostics.AddRange(bindDiagnostics);
            string source = spec.ProtocolSource;
            bool Own(string wireName) => !external.ContainsKey(wireName);
            EquatableArray<ConstantSpec> constants = spec.Constants.Where(c => Own(c.WireName)).ToEquatableArray();
            EquatableArray<EnumSpec> enums = spec.Enums.Where(e => Own(e.WireName)).Select(static e => e with { IsPublic = true }).ToEquatableArray();
            EquatableArray<CodecSpec> codecs = spec.Codecs.Where(c => Own(c.WireName)).Select(static c => c with { IsPublic = true }).ToEquatableArray();
            EquatableArray<UnionSpec> unions = spec.Unions.Where(u => Own(u.WireName)).Select(static u => u with { IsPublic = true }).ToEquatableArray();
            EquatableArray<RpcVersionSpec> versions = spec.RpcVersions.Where(v => Own(v.ProgramWireName)).ToEquatableArray();
            void Add(string output, OutputSpec file) => files.Add(OutputRegistry.Emit(file with { Output = output, Namespace = ns }));

            if (constants.Count > 0)
            {
                Add("ProtocolConstants", OutputSpec.Create(OutputSelector.ProtocolConstantsHint, source) with { Constants = constants });
            }

            if (enums.Count > 0)
            {
                Add("Xdr.Enums", OutputSpec.Create(OutputSelector.XdrEnumsHint, source) with { Enums = enums });
            }

            if (codecs.Count > 0)
            {
                Add("Xdr.Structs", OutputSpec.Create(OutputSelector.XdrStructsHint, source) with { Codecs = codecs });
            }

            if (unions.Count > 0)
            {
                Add("Xdr.Unions", OutputSpec.Create(OutputSelector.XdrUnionsHint, source) with { Unions = unions });
            }

            if (versions.Count > 0)
            {
                Add("Rpc.Clients", OutputSpec.Create(OutputSelector.RpcClientsHint, source) with { RpcVersions = versions });
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            diagnostics.AddRange(Internal(path, e));
        }

        return (files, diagnostics);
    }

    private static EquatableArray<IdlDiagnostic> Internal(string path, Exception e) =>
        new[]
        {
            IdlDiagnostic.Create(
                GeneratorDiagnosticIds.InternalError,
                string.Format(CultureInfo.InvariantCulture, DiagnosticRules.For(GeneratorDiagnosticIds.InternalError).MessageFormat, e.GetType().Name + ": " + e.Message),
                new IdlLocation(path, 0, 0, 1, 1)),
        }.ToEquatableArray();
}

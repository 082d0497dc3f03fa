using System;
using System.Collections.Immutable;
using Guestfs.Generator.Diagnostics;
using Guestfs.Generator.Model;
using Guestfs.Idl.Actions;
using Guestfs.Idl.Common;
using Guestfs.Idl.Xdr;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace Guestfs.Generator;

/// <summary>
/// The Guestfs source generator: reads <c>*.x</c> and <c>*.actions</c> additional files and emits the XDR codecs,
/// procedure enum, protocol constants, public records, options records, handle methods and command table.
/// This file only wires the pipeline (read → parse → bind → select → emit); the work is in <see cref="PipelineStages"/>.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class GuestfsGenerator : IIncrementalGenerator
{
    /// <summary>Tracking name of the <c>.x</c> parse stage.</summary>
    public const string ParseProtocolStep = "ParseProtocol";

    /// <summary>Tracking name of the actions-file parse stage.</summary>
    public const string ParseActionsStep = "ParseActions";

    /// <summary>Tracking name of the bind stage.</summary>
    public const string BindStep = "Bind";

    /// <summary>Tracking name of the diagnostics selection.</summary>
    public const string DiagnosticsStep = "Diagnostics";

    /// <summary>Tracking name of the selection of the per-file output models (<see cref="OutputRegistry.Select"/>).</summary>
    public const string SelectOutputsStep = "Select.Outputs";

    /// <summary>Tracking name of the emission of the per-file outputs.</summary>
    public const string EmitOutputsStep = "Emit.Outputs";

    /// <inheritdoc />
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        IncrementalValuesProvider<XdrParseResult> protocols = context.AdditionalTextsProvider
            .Where(static t => t.Path.EndsWith(".x", StringComparison.OrdinalIgnoreCase))
            .Select(static (t, ct) => PipelineStages.ParseProtocol(t.Path, t.GetText(ct)?.ToString() ?? string.Empty, ct))
            .WithTrackingName(ParseProtocolStep);

        IncrementalValuesProvider<ActionsParseResult> actions = context.AdditionalTextsProvider
            .Where(static t => t.Path.EndsWith(".actions", StringComparison.OrdinalIgnoreCase))
            .Select(static (t, ct) => PipelineStages.ParseActions(t.Path, t.GetText(ct)?.ToString() ?? string.Empty, ct))
            .WithTrackingName(ParseActionsStep);

        IncrementalValueProvider<BindResult> bound = protocols.Collect()
            .Combine(actions.Collect())
            .Select(static (pair, ct) => PipelineStages.Bind(pair.Left, pair.Right, ct))
            .WithTrackingName(BindStep);

        // Diagnostics are their own output: a moved line re-reports them without re-emitting any code.
        IncrementalValueProvider<EquatableArray<IdlDiagnostic>> diagnostics = bound
            .Select(static (b, _) => b.Diagnostics)
            .WithTrackingName(DiagnosticsStep);
        context.RegisterSourceOutput(diagnostics, static (spc, list) =>
        {
            foreach (IdlDiagnostic d in list)
            {
                spc.ReportDiagnostic(ToDiagnostic(d));
            }
        });

        // One model per generated file: an unchanged file's model compares equal, so it is not re-emitted.
        IncrementalValuesProvider<EmitResult> outputs = bound
            .SelectMany(static (b, _) => OutputRegistry.Select(b.Spec).ToImmutableArray())
            .WithTrackingName(SelectOutputsStep)
            .Select(static (o, ct) => PipelineStages.Emit(o, ct))
            .WithTrackingName(EmitOutputsStep);
        context.RegisterSourceOutput(outputs, static (spc, r) => AddOutput(spc, r));
    }

    /// <summary>Turns an IDL diagnostic into a Roslyn one located at the IDL file's line.</summary>
    /// <param name="d">The diagnostic.</param>
    /// <returns>The Roslyn diagnostic.</returns>
    internal static Diagnostic ToDiagnostic(IdlDiagnostic d)
    {
        DiagnosticDescriptor descriptor = DiagnosticDescriptors.ForId(d.Id);
        Location location = Location.None;
        if (d.Location.Path.Length > 0)
        {
            int line = Math.Max(d.Location.Line - 1, 0);
            int column = Math.Max(d.Location.Column - 1, 0);
            var span = new TextSpan(Math.Max(d.Location.Start, 0), Math.Max(d.Location.Length, 0));
            var lines = new LinePositionSpan(new LinePosition(line, column), new LinePosition(line, column + Math.Max(d.Location.Length, 0)));
            location = Location.Create(d.Location.Path, span, lines);
        }

        string message = descriptor.Id == d.Id ? d.Message : d.Id + ": " + d.Message;
        DiagnosticSeverity severity = DiagnosticDescriptors.ToRoslyn(d.Severity);
        return Diagnostic.Create(descriptor, location, severity, additionalLocations: null, properties: null, message);
    }

    private static void AddOutput(SourceProductionContext spc, EmitResult result)
    {
        foreach (IdlDiagnostic d in result.Diagnostics)
        {
            spc.ReportDiagnostic(ToDiagnostic(d));
        }

        if (result.File is { } file)
        {
            spc.AddSource(file.HintName, SourceText.From(file.Text, System.Text.Encoding.UTF8));
        }
    }
}

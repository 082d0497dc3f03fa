using System;
using System.Collections.Generic;
using System.Linq;
using Guestfs.Idl.Common;
using Microsoft.CodeAnalysis;

namespace Guestfs.Generator.Diagnostics;

/// <summary>
/// The Roslyn descriptors of the rules in <see cref="DiagnosticRules"/>, one per row. The message of every
/// descriptor is the complete text the parser, binder or validator wrote (<c>{0}</c>); the rule's own format is its
/// description.
/// </summary>
internal static class DiagnosticDescriptors
{
    private static readonly Dictionary<string, DiagnosticDescriptor> s_byId = DiagnosticRules.All.ToDictionary(
        static r => r.Id,
        static r => new DiagnosticDescriptor(
            r.Id,
            r.Title,
            "{0}",
            r.Category,
            ToRoslyn(r.Severity),
            isEnabledByDefault: true,
            description: r.Description.Length == 0 ? r.MessageFormat : r.MessageFormat + " — " + r.Description),
        StringComparer.Ordinal);

    /// <summary>Every descriptor, in the table's order.</summary>
    public static IEnumerable<DiagnosticDescriptor> All => DiagnosticRules.All.Select(static r => s_byId[r.Id]);

    /// <summary>The descriptor of an id; the internal-error descriptor for an unknown id.</summary>
    /// <param name="id">The rule id.</param>
    /// <returns>The descriptor.</returns>
    public static DiagnosticDescriptor ForId(string id) =>
        s_byId.TryGetValue(id, out DiagnosticDescriptor? d) ? d : s_byId[GeneratorDiagnosticIds.InternalError];

    /// <summary>The Roslyn severity of a rule severity.</summary>
    /// <param name="severity">The severity.</param>
    /// <returns>Its Roslyn counterpart.</returns>
    public static DiagnosticSeverity ToRoslyn(IdlSeverity severity) =>
        severity == IdlSeverity.Error ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning;
}

using System.Linq;
using Guestfs.Idl.Common;

namespace Guestfs.Idl.Actions;

/// <summary>The outcome of parsing one file: the syntax (empty on a syntax error) and the diagnostics.</summary>
/// <param name="File">The parsed file.</param>
/// <param name="Diagnostics">Syntax errors, with file, line and column.</param>
public sealed record ActionsParseResult(ActionsFileSyntax File, EquatableArray<IdlDiagnostic> Diagnostics)
{
    /// <summary>Whether any diagnostic is an error.</summary>
    public bool HasErrors => Diagnostics.Any(d => d.Severity == IdlSeverity.Error);
}

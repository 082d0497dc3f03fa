using System.Linq;
using Guestfs.Idl.Common;

namespace Guestfs.Idl.Actions;

/// <summary>The bound actions table and the diagnostics found while binding (and, if requested, validating).</summary>
/// <param name="Spec">The model; actions or structs with errors in their own declaration are left out.</param>
/// <param name="Diagnostics">Every problem, with file, line and column.</param>
public sealed record ActionsBindResult(ActionsSpec Spec, EquatableArray<IdlDiagnostic> Diagnostics)
{
    /// <summary>Whether any diagnostic is an error.</summary>
    public bool HasErrors => Diagnostics.Any(d => d.Severity == IdlSeverity.Error);
}

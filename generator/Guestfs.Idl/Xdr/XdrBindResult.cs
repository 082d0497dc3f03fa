using System.Linq;
using Guestfs.Idl.Common;

namespace Guestfs.Idl.Xdr;

/// <summary>What <see cref="XdrBinder.Bind(XdrSyntax, System.Threading.CancellationToken)"/> returns.</summary>
/// <param name="Spec">The bound model. When there are errors it is still complete in shape, but unresolved
/// references are <see cref="XdrTypeKind.Unresolved"/> and bad values are 0; do not emit code from it.</param>
/// <param name="Diagnostics">Binding problems (<c>GFS0200</c>–<c>GFS0249</c>), in source order.</param>
public sealed record XdrBindResult(XdrSpec Spec, EquatableArray<IdlDiagnostic> Diagnostics)
{
    /// <summary>Whether any diagnostic is an error.</summary>
    public bool HasErrors => Diagnostics.Any(d => d.Severity == IdlSeverity.Error);
}

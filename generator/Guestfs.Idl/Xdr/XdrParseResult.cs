using System.Linq;
using Guestfs.Idl.Common;

namespace Guestfs.Idl.Xdr;

/// <summary>What <see cref="XdrParser.Parse(string, string, System.Threading.CancellationToken)"/> returns.</summary>
/// <param name="Syntax">The definitions that could be parsed (a definition with a syntax error is left out).</param>
/// <param name="Diagnostics">Syntax problems (<c>GFS0001</c>–<c>GFS0099</c>), in source order.</param>
public sealed record XdrParseResult(XdrSyntax Syntax, EquatableArray<IdlDiagnostic> Diagnostics)
{
    /// <summary>Whether any diagnostic is an error.</summary>
    public bool HasErrors => Diagnostics.Any(d => d.Severity == IdlSeverity.Error);
}

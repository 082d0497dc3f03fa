using System.Linq;
using System.Threading;
using Guestfs.Idl.Common;

namespace Guestfs.Idl.Xdr;

/// <summary>
/// Turns an <see cref="XdrSyntax"/> into an <see cref="XdrSpec"/>: resolves every name, evaluates every value,
/// expands typedefs into <see cref="XdrTypeSpec"/> trees and checks the file (undefined and duplicate names,
/// duplicate enum values and case labels, non-integer constants, recursive types without optional data,
/// sizes that are not positive …; see <see cref="XdrDiagnosticIds"/>). Never throws on bad input.
/// </summary>
/// <remarks>
/// Names are global, as in the C that rpcgen writes: constants, enum members, types, programs and versions share one
/// namespace; procedure names only need to be unique within their version. References may point forward.
/// Besides the file's own types, the binder knows the fixed-width C names that rpcgen files commonly use and that
/// have XDR routines in the RPC library: <c>int64_t</c>/<c>quad_t</c> (hyper), <c>uint64_t</c>/<c>u_int64_t</c>/<c>u_quad_t</c>
/// (unsigned hyper), <c>int32_t</c> (int), <c>uint32_t</c>/<c>u_int32_t</c>/<c>u_int</c>/<c>u_long</c> (unsigned int),
/// <c>int16_t</c> (short), <c>uint16_t</c>/<c>u_short</c> (unsigned short), <c>int8_t</c> (char) and
/// <c>uint8_t</c>/<c>u_char</c> (unsigned char); and the constants <c>TRUE</c> (1) and <c>FALSE</c> (0). A definition
/// in the file takes precedence. <c>typedef struct x x;</c> (same for enum and union) is accepted as the no-op C
/// makes of it.
/// </remarks>
public static class XdrBinder
{
    /// <summary>Binds a parsed file.</summary>
    /// <param name="syntax">The syntax from <see cref="XdrParser"/>.</param>
    /// <param name="cancellationToken">Cancellation (the only exception this method throws).</param>
    /// <returns>The model and the binding diagnostics.</returns>
    public static XdrBindResult Bind(XdrSyntax syntax, CancellationToken cancellationToken) =>
        new XdrBindingContext(syntax, cancellationToken).Run();

    /// <summary>Parses and binds in one step (no preprocessor symbols defined).</summary>
    /// <param name="path">The file path, copied into every location.</param>
    /// <param name="text">The file contents.</param>
    /// <param name="cancellationToken">Cancellation (the only exception this method throws).</param>
    /// <returns>The model, with the syntax diagnostics followed by the binding diagnostics.</returns>
    public static XdrBindResult ParseAndBind(string path, string text, CancellationToken cancellationToken)
    {
        XdrParseResult parsed = XdrParser.Parse(path, text, cancellationToken);
        XdrBindResult bound = Bind(parsed.Syntax, cancellationToken);
        return bound with { Diagnostics = parsed.Diagnostics.Concat(bound.Diagnostics).ToEquatableArray() };
    }
}

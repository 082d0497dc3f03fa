using Guestfs.Idl.Common;

namespace Guestfs.Idl.Xdr;

/// <summary>
/// One arm of a union: one or more <c>case value:</c> labels (several labels fall through to the same
/// declaration) followed by a declaration, which may be <c>void</c>.
/// </summary>
/// <param name="Labels">The case values, in order; empty for the <c>default</c> arm.</param>
/// <param name="Declaration">The arm's declaration.</param>
/// <param name="Location">From the first label to the closing <c>;</c>.</param>
public sealed record XdrUnionArmSyntax(
    EquatableArray<XdrValueSyntax> Labels,
    XdrDeclarationSyntax Declaration,
    IdlLocation Location);

using Guestfs.Idl.Common;

namespace Guestfs.Idl.Xdr;

/// <summary>
/// A value as written: a number (decimal, <c>0x</c> hexadecimal or leading-zero octal, optionally negative)
/// or the name of a constant or enum member. The binder checks and evaluates it.
/// </summary>
/// <param name="Text">The token text, e.g. <c>0x2000F5F5</c>, <c>-1</c> or <c>GUESTFS_ERROR_LEN</c>.</param>
/// <param name="Location">Where the token is.</param>
public sealed record XdrValueSyntax(string Text, IdlLocation Location)
{
    /// <summary>Whether the token starts like a number (a digit or a minus sign) rather than a name.</summary>
    public bool IsNumber => Text.Length > 0 && (char.IsDigit(Text[0]) || Text[0] == '-');

    /// <summary>Whether the token is a string literal (<c>const NAME = "text";</c>).</summary>
    public bool IsString => Text.Length > 0 && Text[0] == '"';
}

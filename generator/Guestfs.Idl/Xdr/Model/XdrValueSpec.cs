namespace Guestfs.Idl.Xdr;

/// <summary>An evaluated integer together with how it was written.</summary>
/// <param name="Value">The numeric value (constants and enum members already substituted).</param>
/// <param name="Text">The source text: a literal such as <c>0x400000</c> or a name such as <c>GUESTFS_ERROR_LEN</c>.</param>
public sealed record XdrValueSpec(long Value, string Text)
{
    /// <summary>Whether <see cref="Text"/> names a constant or enum member rather than being a literal.</summary>
    public bool IsSymbolic => Text.Length > 0 && !char.IsDigit(Text[0]) && Text[0] != '-' && Text[0] != '"';

    /// <summary>Whether <see cref="Text"/> is a string literal (a string constant; <see cref="Value"/> is then 0).</summary>
    public bool IsString => Text.Length > 0 && Text[0] == '"';

    /// <inheritdoc />
    public override string ToString() => Text;
}

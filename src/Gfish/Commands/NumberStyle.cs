namespace Gfish.Commands;

/// <summary>How guestfish prints an integer result (libguestfs's <c>fish_output</c>).</summary>
internal enum NumberStyle
{
    /// <summary>Decimal.</summary>
    Decimal,

    /// <summary>Octal with a leading <c>0</c>.</summary>
    Octal,

    /// <summary>Hexadecimal with a leading <c>0x</c>.</summary>
    Hexadecimal,
}

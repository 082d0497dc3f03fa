namespace Guestfs.Generator.Model;

/// <summary>How a shell prints an action's integer result (the actions table's <c>fish-output</c> clause).</summary>
internal enum NumberStyle
{
    /// <summary>Decimal (no <c>fish-output</c> clause).</summary>
    Decimal,

    /// <summary>Octal with a leading <c>0</c> (<c>fish-output octal</c>).</summary>
    Octal,

    /// <summary>Hexadecimal with a leading <c>0x</c> (<c>fish-output hex</c>).</summary>
    Hexadecimal,
}

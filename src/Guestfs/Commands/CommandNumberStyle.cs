namespace Guestfs.Commands;

/// <summary>How a shell prints a command's integer result (libguestfs's <c>fish_output</c>).</summary>
public enum CommandNumberStyle
{
    /// <summary>Decimal.</summary>
    Decimal,

    /// <summary>Octal with a leading <c>0</c> (as <c>umask</c>).</summary>
    Octal,

    /// <summary>Hexadecimal with a leading <c>0x</c> (as <c>part_get_mbr_id</c>).</summary>
    Hexadecimal,
}

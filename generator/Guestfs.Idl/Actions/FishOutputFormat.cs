namespace Guestfs.Idl.Actions;

/// <summary>How a command-line front end prints an integer result (<c>fish-output</c> clause).</summary>
public enum FishOutputFormat
{
    /// <summary>Decimal (no clause).</summary>
    Default,

    /// <summary>Hexadecimal (<c>fish-output hex</c>).</summary>
    Hexadecimal,

    /// <summary>Octal (<c>fish-output octal</c>).</summary>
    Octal,
}

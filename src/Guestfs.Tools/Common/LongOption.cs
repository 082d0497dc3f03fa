namespace Guestfs.Tools.Common;

/// <summary>One entry of a tool's long option table, as in getopt_long's <c>struct option</c>.</summary>
/// <param name="Name">The name without <c>--</c>.</param>
/// <param name="Argument">Whether it takes a value.</param>
/// <param name="Value">
/// What the option stands for: the short option character it is a synonym of, <see cref="LongOnly"/>, or another
/// number (such as <see cref="Help"/>) for an option of its own. Two prefix matches with the same argument kind and
/// value are one option to getopt (the first is taken); others make the prefix ambiguous.
/// </param>
internal sealed record LongOption(string Name, ArgumentKind Argument, int Value = LongOption.LongOnly)
{
    /// <summary>The value of an option that has no short form.</summary>
    public const int LongOnly = 0;

    /// <summary>The value of <c>--help</c> (a number no short option uses).</summary>
    public const int Help = 0x100;

    /// <summary>The key a parsed option is reported under: the short option character, else the long name.</summary>
    public string Key => Value is > 0 and < Help ? ((char)Value).ToString() : Name;
}

namespace Guestfs.Generator.Model;

/// <summary>One member of a generated enum.</summary>
/// <param name="WireName">The name in the IDL.</param>
/// <param name="Name">The C# member name.</param>
/// <param name="Value">The numeric value.</param>
/// <param name="Doc">One-line documentation.</param>
internal sealed record EnumMemberSpec(string WireName, string Name, long Value, string Doc)
{
    /// <summary>For a procedure, the libguestfs action name (<c>mke2fs_J</c>); empty for other enums.</summary>
    public string ActionName { get; init; } = string.Empty;
}

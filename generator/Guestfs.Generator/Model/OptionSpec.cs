namespace Guestfs.Generator.Model;

/// <summary>An optional argument of an action: a nullable property of its options record.</summary>
/// <param name="WireName">The name in the actions table.</param>
/// <param name="PropertyName">The C# property name.</param>
/// <param name="Kind">Its kind.</param>
/// <param name="CsType">The nullable C# property type.</param>
/// <param name="Bit">Its position: bit <c>1 &lt;&lt; Bit</c> of the optargs bitmask.</param>
/// <param name="Minimum">For an integer, the smallest value the table allows when it is set, if it restricts it.</param>
/// <param name="Maximum">For an integer, the largest value the table allows when it is set, if it restricts it.</param>
internal sealed record OptionSpec(string WireName, string PropertyName, OptionKind Kind, string CsType, int Bit, long? Minimum = null, long? Maximum = null)
{
    /// <summary>The camelCase name the method gives the option's value when it checks it (<c>blocksize</c>, keyword-escaped).</summary>
    public string ParameterName { get; init; } = string.Empty;
}

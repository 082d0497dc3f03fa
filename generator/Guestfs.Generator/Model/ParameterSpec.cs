namespace Guestfs.Generator.Model;

/// <summary>A required argument of an action.</summary>
/// <param name="WireName">The name in the actions table (and in the <c>_args</c> structure).</param>
/// <param name="Name">The C# parameter name (keyword-escaped).</param>
/// <param name="Kind">Its kind.</param>
/// <param name="CsType">The C# parameter type.</param>
/// <param name="Minimum">For an integer, the smallest value the table allows, if it restricts it.</param>
/// <param name="Maximum">For an integer, the largest value the table allows, if it restricts it.</param>
internal sealed record ParameterSpec(string WireName, string Name, ParameterKind Kind, string CsType, long? Minimum = null, long? Maximum = null);

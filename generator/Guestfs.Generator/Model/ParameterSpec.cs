namespace Guestfs.Generator.Model;

/// <summary>A required argument of an action.</summary>
/// <param name="WireName">The name in the actions table (and in the <c>_args</c> structure).</param>
/// <param name="Name">The C# parameter name (keyword-escaped).</param>
/// <param name="Kind">Its kind.</param>
/// <param name="CsType">The C# parameter type.</param>
/// <param name="Doc">Documentation of the parameter.</param>
internal sealed record ParameterSpec(string WireName, string Name, ParameterKind Kind, string CsType, string Doc);

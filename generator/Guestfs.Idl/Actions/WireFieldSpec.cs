namespace Guestfs.Idl.Actions;

/// <summary>A field of an XDR structure with its resolved type.</summary>
/// <param name="Name">Field name.</param>
/// <param name="Type">Resolved type.</param>
public sealed record WireFieldSpec(string Name, WireTypeSpec Type);

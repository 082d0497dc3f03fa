namespace Guestfs.Generator.Model;

/// <summary>A protocol constant.</summary>
/// <param name="WireName">The name in the <c>.x</c>.</param>
/// <param name="Name">The C# name.</param>
/// <param name="CsType">The C# type (<c>int</c> or <c>uint</c>).</param>
/// <param name="Literal">The value as written in C#.</param>
/// <param name="Doc">Documentation (the comment above it in the <c>.x</c>, or a default).</param>
internal sealed record ConstantSpec(string WireName, string Name, string CsType, string Literal, string Doc);

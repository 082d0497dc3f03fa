namespace Guestfs.Generator.Model;

/// <summary>One emitted source file.</summary>
/// <param name="HintName">The stable hint name (<c>Procedures.g.cs</c>).</param>
/// <param name="Text">The source, LF line endings.</param>
internal sealed record GeneratedFileSpec(string HintName, string Text);

using Guestfs.Idl.Common;

namespace Guestfs.Idl.Actions;

/// <summary>A word of the actions table with its position.</summary>
/// <param name="Text">The word.</param>
/// <param name="Location">Where it is.</param>
public sealed record NameSyntax(string Text, IdlLocation Location)
{
    /// <inheritdoc />
    public override string ToString() => Text;
}

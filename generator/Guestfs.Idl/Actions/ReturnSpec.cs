namespace Guestfs.Idl.Actions;

/// <summary>What an action returns.</summary>
/// <param name="Kind">The return kind.</param>
/// <param name="StructName">For <see cref="ReturnKind.Struct"/> and <see cref="ReturnKind.StructList"/>, the public struct's
/// table name (e.g. <c>lvm_pv</c>); otherwise null.</param>
public sealed record ReturnSpec(ReturnKind Kind, string? StructName)
{
    /// <inheritdoc />
    public override string ToString() => StructName is null ? ActionsVocabulary.ToText(Kind) : ActionsVocabulary.ToText(Kind) + " " + StructName;
}

namespace Gfish.Commands;

/// <summary>The result of a command.</summary>
/// <param name="Kind">The kind of value.</param>
/// <param name="StructName">For structs and struct lists, the libguestfs struct name (e.g. <c>lvm_pv</c>).</param>
/// <param name="NumberStyle">For integers, how they are printed.</param>
internal sealed record ReturnInfo(ReturnKind Kind, string? StructName = null, NumberStyle NumberStyle = NumberStyle.Decimal)
{
    /// <summary>No result.</summary>
    public static ReturnInfo None { get; } = new(ReturnKind.None);
}

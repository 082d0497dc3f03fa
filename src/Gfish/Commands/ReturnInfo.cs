using Guestfs.Commands;

namespace Gfish.Commands;

/// <summary>The result of a command.</summary>
/// <param name="Kind">The kind of value.</param>
/// <param name="NumberStyle">For integers, how they are printed (the actions table's <c>fish-output</c>).</param>
internal sealed record ReturnInfo(ReturnKind Kind, CommandNumberStyle NumberStyle = CommandNumberStyle.Decimal)
{
    /// <summary>No result.</summary>
    public static ReturnInfo None { get; } = new(ReturnKind.None);
}

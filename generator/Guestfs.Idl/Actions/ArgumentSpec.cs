using Guestfs.Idl.Common;

namespace Guestfs.Idl.Actions;

/// <summary>An ordinary (required) argument of an action.</summary>
/// <param name="Name">The libguestfs name, e.g. <c>mountpoint</c>; also the <c>_args</c> field name.</param>
/// <param name="Kind">What it means.</param>
/// <param name="PointerType">For <see cref="ArgumentKind.Pointer"/>, the C type named in the table; otherwise null.</param>
/// <param name="Location">Where it is declared.</param>
/// <param name="Range">For <see cref="ArgumentKind.Int"/> and <see cref="ArgumentKind.Int64"/>, the allowed values if the
/// table restricts them; otherwise null.</param>
public sealed record ArgumentSpec(string Name, ArgumentKind Kind, string? PointerType, IdlLocation Location, ArgumentRangeSpec? Range = null)
{
    /// <summary>Whether this is a <see cref="ArgumentKind.FileIn"/> or <see cref="ArgumentKind.FileOut"/> stream, which is
    /// transferred as chunks and is not part of the <c>_args</c> structure.</summary>
    public bool IsStream => Kind is ArgumentKind.FileIn or ArgumentKind.FileOut;
}

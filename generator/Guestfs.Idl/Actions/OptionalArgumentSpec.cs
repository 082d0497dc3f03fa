using Guestfs.Idl.Common;

namespace Guestfs.Idl.Actions;

/// <summary>An optional argument of an action. It always travels in <c>_args</c> (zero when unset); bit
/// <see cref="Bit"/> of the optargs bitmask says whether the caller set it.</summary>
/// <param name="Name">The libguestfs name; also the <c>_args</c> field name.</param>
/// <param name="Kind">Its kind.</param>
/// <param name="Bit">Its 0-based position among the optional arguments, which is its bit in the mask.</param>
/// <param name="Location">Where it is declared.</param>
/// <param name="Range">For <see cref="OptionalArgumentKind.OInt"/> and <see cref="OptionalArgumentKind.OInt64"/>, the allowed
/// values when the argument is set, if the table restricts them; otherwise null.</param>
public sealed record OptionalArgumentSpec(string Name, OptionalArgumentKind Kind, int Bit, IdlLocation Location, ArgumentRangeSpec? Range = null)
{
    /// <summary>The mask value for this argument: <c>1 &lt;&lt; Bit</c>.</summary>
    public ulong Mask => 1UL << Bit;
}

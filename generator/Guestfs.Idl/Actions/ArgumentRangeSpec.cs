using System.Globalization;

namespace Guestfs.Idl.Actions;

/// <summary>
/// The values an integer argument or optional argument may take; the generated method rejects any other value
/// with an <c>ArgumentOutOfRangeException</c> before anything is sent. At least one bound is set.
/// </summary>
/// <param name="Minimum">The smallest allowed value, or null for the type's minimum.</param>
/// <param name="Maximum">The largest allowed value, or null for the type's maximum.</param>
public sealed record ArgumentRangeSpec(long? Minimum, long? Maximum)
{
    /// <summary>Whether <paramref name="value"/> is allowed.</summary>
    /// <param name="value">The value.</param>
    /// <returns>True when it lies within both bounds.</returns>
    public bool Contains(long value) => (Minimum is not long min || value >= min) && (Maximum is not long max || value <= max);

    /// <summary>The constraint in the table's syntax: <c>&gt;= 0</c>, <c>&lt;= 511</c> or <c>0..100</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => (Minimum, Maximum) switch
    {
        (long min, long max) => Format(min) + ".." + Format(max),
        (long min, null) => ">= " + Format(min),
        (null, long max) => "<= " + Format(max),
        _ => string.Empty,
    };

    private static string Format(long value) => value.ToString(CultureInfo.InvariantCulture);
}

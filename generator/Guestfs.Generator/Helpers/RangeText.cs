using System.Globalization;

namespace Guestfs.Generator.Helpers;

/// <summary>How an argument's range constraint reads in the generated code: in the XML docs and in the guard call.</summary>
internal static class RangeText
{
    /// <summary>The allowed values in words, to append to a parameter or property doc: <c>; at least 0</c>.</summary>
    /// <param name="minimum">The lower bound, if any.</param>
    /// <param name="maximum">The upper bound, if any.</param>
    /// <returns>The phrase with a leading <c>"; "</c>, or empty when there is no bound.</returns>
    public static string Describe(long? minimum, long? maximum) => (minimum, maximum) switch
    {
        (long min, long max) => "; from " + Literal(min) + " to " + Literal(max),
        (long min, null) => "; at least " + Literal(min),
        (null, long max) => "; at most " + Literal(max),
        _ => string.Empty,
    };

    /// <summary>
    /// The <c>ArgumentGuard</c> statement that enforces the range on <paramref name="value"/>, or null when there is
    /// no bound: <c>ThrowIfNegative</c> for <c>&gt;= 0</c>, else <c>ThrowIfLessThan</c>, <c>ThrowIfGreaterThan</c> or
    /// <c>ThrowIfOutOfRange</c>.
    /// </summary>
    /// <param name="value">The expression to check.</param>
    /// <param name="name">The name to report, as a C# string literal, or null to let the compiler take the expression.</param>
    /// <param name="minimum">The lower bound, if any.</param>
    /// <param name="maximum">The upper bound, if any.</param>
    /// <returns>The statement, or null.</returns>
    public static string? Guard(string value, string? name, long? minimum, long? maximum)
    {
        string tail = name is null ? ");" : ", " + name + ");";
        return (minimum, maximum) switch
        {
            (0, null) => "ArgumentGuard.ThrowIfNegative(" + value + tail,
            (long min, null) => "ArgumentGuard.ThrowIfLessThan(" + value + ", " + Literal(min) + tail,
            (null, long max) => "ArgumentGuard.ThrowIfGreaterThan(" + value + ", " + Literal(max) + tail,
            (long min, long max) => "ArgumentGuard.ThrowIfOutOfRange(" + value + ", " + Literal(min) + ", " + Literal(max) + tail,
            _ => null,
        };
    }

    private static string Literal(long value) => value.ToString(CultureInfo.InvariantCulture);
}

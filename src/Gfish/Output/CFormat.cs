using System;
using System.Globalization;

namespace Gfish.Output;

/// <summary>C <c>printf</c> conversions guestfish uses that .NET formats differently.</summary>
internal static class CFormat
{
    /// <summary>C's <c>%g</c>: six significant digits, trailing zeros removed, exponent as <c>e+XX</c>.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The text.</returns>
    public static string G(double value)
    {
        if (double.IsNaN(value))
        {
            return "nan";
        }

        if (double.IsInfinity(value))
        {
            return value > 0 ? "inf" : "-inf";
        }

        if (value == 0)
        {
            return "0";
        }

        // Round to six significant digits first, then pick the style from the rounded exponent, as C does.
        var e = (int)Math.Floor(Math.Log10(Math.Abs(double.Parse(value.ToString("E5", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture))));
        if (e < -4 || e >= 6)
        {
            var mantissa = value.ToString("E5", CultureInfo.InvariantCulture); // d.dddddE+xxx
            var parts = mantissa.Split('E');
            var digits = parts[0].Contains('.', StringComparison.Ordinal) ? parts[0].TrimEnd('0').TrimEnd('.') : parts[0];
            var exponent = int.Parse(parts[1], CultureInfo.InvariantCulture);
            return digits + "e" + (exponent < 0 ? "-" : "+") + Math.Abs(exponent).ToString("00", CultureInfo.InvariantCulture);
        }

        var decimals = Math.Max(0, 5 - e);
        var text = value.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        if (text.Contains('.', StringComparison.Ordinal))
        {
            text = text.TrimEnd('0').TrimEnd('.');
        }

        return text;
    }
}

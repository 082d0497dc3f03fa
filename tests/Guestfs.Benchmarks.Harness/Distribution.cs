using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace Guestfs.Benchmarks.Harness;

/// <summary>The repetitions of one figure: median and spread (minimum to maximum).</summary>
public sealed class Distribution
{
    private readonly double[] _sorted;

    /// <summary>Initializes a distribution; NaN values (figures that could not be read) are an error.</summary>
    /// <param name="values">At least one value.</param>
    /// <param name="what">What the values are, for the error message.</param>
    public Distribution(IEnumerable<double> values, string what)
    {
        _sorted = values.OrderBy(static v => v).ToArray();
        if (_sorted.Length == 0)
        {
            throw new InvalidOperationException($"no samples for {what}: a side did not run or did not report it");
        }

        if (_sorted.Any(double.IsNaN))
        {
            throw new InvalidOperationException($"a sample of {what} could not be measured (NaN)");
        }
    }

    /// <summary>Number of repetitions.</summary>
    public int Count => _sorted.Length;

    /// <summary>The median.</summary>
    public double Median => _sorted.Length % 2 == 1
        ? _sorted[_sorted.Length / 2]
        : (_sorted[(_sorted.Length / 2) - 1] + _sorted[_sorted.Length / 2]) / 2;

    /// <summary>The smallest value.</summary>
    public double Min => _sorted[0];

    /// <summary>The largest value.</summary>
    public double Max => _sorted[^1];

    /// <summary>Formats a number with about three significant digits.</summary>
    /// <param name="v">The number.</param>
    /// <returns>The text.</returns>
    public static string Format(double v) => Math.Abs(v) switch
    {
        >= 100 => v.ToString("F0", CultureInfo.InvariantCulture),
        >= 10 => v.ToString("F1", CultureInfo.InvariantCulture),
        >= 1 => v.ToString("F2", CultureInfo.InvariantCulture),
        _ => v.ToString("G3", CultureInfo.InvariantCulture),
    };

    /// <summary>"median (min–max)", or just the value for one repetition.</summary>
    /// <returns>The text.</returns>
    public override string ToString() =>
        Count == 1 ? Format(Median) : $"{Format(Median)} ({Format(Min)}–{Format(Max)})";
}

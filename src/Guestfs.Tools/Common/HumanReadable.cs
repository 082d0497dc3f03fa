using System.Globalization;
using System.Text;

namespace Guestfs.Tools.Common;

/// <summary>
/// gnulib's <c>human_readable</c> with the options the stock tools use for sizes
/// (<c>human_autoscale | human_base_1024 | human_SI | human_round_to_nearest</c>, block sizes 1): <c>512</c>,
/// <c>4.0K</c>, <c>12K</c>, <c>1.5M</c>.
/// </summary>
internal static class HumanReadable
{
    private const string PowerLetters = "\0KMGTPEZYRQ";

    /// <summary>Formats a byte count.</summary>
    /// <param name="n">The count.</param>
    /// <returns>The text.</returns>
    public static string Format(ulong n)
    {
        const uint Base = 1024;
        var amount = n;
        uint tenths = 0;
        uint rounding = 0;
        var exponent = 0;
        var fraction = string.Empty;
        if (Base <= amount)
        {
            do
            {
                var r10 = (uint)(amount % Base) * 10 + tenths;
                var r2 = (r10 % Base) * 2 + (rounding >> 1);
                amount /= Base;
                tenths = r10 / Base;
                rounding = r2 < Base ? (r2 + rounding != 0 ? 1u : 0u) : 2 + (Base < r2 + rounding ? 1u : 0u);
                exponent++;
            }
            while (Base <= amount && exponent < PowerLetters.Length - 1);

            if (amount < 10)
            {
                if (2 < rounding + (tenths & 1))
                {
                    tenths++;
                    rounding = 0;
                    if (tenths == 10)
                    {
                        amount++;
                        tenths = 0;
                    }
                }

                if (amount < 10)
                {
                    fraction = "." + tenths.ToString(CultureInfo.InvariantCulture);
                    tenths = rounding = 0;
                }
            }
        }

        if (5 < tenths + (0 < rounding + (uint)(amount & 1) ? 1u : 0u))
        {
            amount++;
            if (amount == Base && exponent < PowerLetters.Length - 1)
            {
                exponent++;
                fraction = ".0";
                amount = 1;
            }
        }

        var text = new StringBuilder(amount.ToString(CultureInfo.InvariantCulture)).Append(fraction);
        if (exponent > 0)
        {
            text.Append(PowerLetters[exponent]);
        }

        return text.ToString();
    }
}

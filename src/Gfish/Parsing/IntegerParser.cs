using System;
using System.Numerics;

namespace Gfish.Parsing;

/// <summary>
/// Integers as guestfish reads them (gnulib <c>xstrtoll</c>, base 0, suffixes <c>0kKMGTPEZY</c>): leading white space,
/// a sign, <c>0x</c> hexadecimal or <c>0</c> octal, then an optional binary size suffix (<c>k</c>, <c>M</c>, …),
/// optionally followed by <c>iB</c> (binary) or <c>B</c>/<c>D</c> (decimal).
/// </summary>
internal static class IntegerParser
{
    /// <summary>gnulib's <c>LONGINT_OK</c>.</summary>
    public const int Ok = 0;

    /// <summary>gnulib's <c>LONGINT_OVERFLOW</c>.</summary>
    public const int Overflow = 1;

    /// <summary>gnulib's <c>LONGINT_INVALID_SUFFIX_CHAR</c>.</summary>
    public const int InvalidSuffixChar = 2;

    /// <summary>gnulib's <c>LONGINT_INVALID</c>.</summary>
    public const int Invalid = 4;

    private const string ValidSuffixes = "0kKMGTPEZY";

    /// <summary>Parses like <c>xstrtoll</c>.</summary>
    /// <param name="text">The text.</param>
    /// <param name="value">The value (saturated on overflow).</param>
    /// <returns>The gnulib status code; <see cref="Ok"/> on success.</returns>
    public static int TryParse(string text, out long value)
    {
        value = 0;
        var p = 0;
        while (p < text.Length && text[p] is ' ' or '\t' or '\n' or '\v' or '\f' or '\r')
        {
            p++;
        }

        var negative = false;
        if (p < text.Length && text[p] is '+' or '-')
        {
            negative = text[p] == '-';
            p++;
        }

        var radix = 10;
        if (p + 1 < text.Length && text[p] == '0' && text[p + 1] is 'x' or 'X' && p + 2 < text.Length && char.IsAsciiHexDigit(text[p + 2]))
        {
            radix = 16;
            p += 2;
        }
        else if (p < text.Length && text[p] == '0')
        {
            radix = 8;
        }

        BigInteger magnitude = 0;
        var digits = 0;
        while (p < text.Length && DigitValue(text[p]) is var d && d >= 0 && d < radix)
        {
            magnitude = (magnitude * radix) + d;
            digits++;
            p++;
        }

        var status = Ok;
        BigInteger result;
        if (digits == 0)
        {
            // strtoll leaves its end pointer at the very start; a suffix there means one unit (gnulib).
            if (text.Length > 0 && text[0] != '0' && ValidSuffixes.Contains(text[0], StringComparison.Ordinal))
            {
                result = 1;
                p = 0;
            }
            else
            {
                return Invalid;
            }
        }
        else
        {
            result = negative ? -magnitude : magnitude;
        }

        if (result > long.MaxValue)
        {
            result = long.MaxValue;
            status = Overflow;
        }
        else if (result < long.MinValue)
        {
            result = long.MinValue;
            status = Overflow;
        }

        if (p < text.Length)
        {
            if (!ValidSuffixes.Contains(text[p], StringComparison.Ordinal) || text[p] == '0')
            {
                value = (long)result;
                return status | InvalidSuffixChar;
            }

            var suffixLength = 1;
            var @base = 1024;
            if (p + 1 < text.Length)
            {
                if (text[p + 1] == 'i' && p + 2 < text.Length && text[p + 2] == 'B')
                {
                    suffixLength += 2;
                }
                else if (text[p + 1] is 'B' or 'D')
                {
                    @base = 1000;
                    suffixLength++;
                }
            }

            var power = text[p] switch
            {
                'k' or 'K' => 1,
                'M' => 2,
                'G' => 3,
                'T' => 4,
                'P' => 5,
                'E' => 6,
                'Z' => 7,
                'Y' => 8,
                _ => 0,
            };
            result *= BigInteger.Pow(@base, power);
            if (result > long.MaxValue)
            {
                result = long.MaxValue;
                status |= Overflow;
            }
            else if (result < long.MinValue)
            {
                result = long.MinValue;
                status |= Overflow;
            }

            p += suffixLength;
            if (p < text.Length)
            {
                status |= InvalidSuffixChar;
            }
        }

        value = (long)result;
        return status;
    }

    /// <summary>Converts an argument of a 64-bit kind, with guestfish's messages.</summary>
    /// <param name="command">The command name as typed.</param>
    /// <param name="argument">The argument name (<c>optargs_s.NAME</c> for optional ones).</param>
    /// <param name="text">The text.</param>
    /// <returns>The value.</returns>
    /// <exception cref="ConversionException">The text is not an integer.</exception>
    public static long ParseInt64(string command, string argument, string text)
    {
        var status = TryParse(text, out var value);
        if (status != Ok)
        {
            throw new ConversionException($"{command}: {argument}: invalid integer parameter (xstrtoll returned {status})");
        }

        return value;
    }

    /// <summary>Converts an argument of a 32-bit kind, with guestfish's messages.</summary>
    /// <param name="command">The command name as typed.</param>
    /// <param name="argument">The argument name (<c>optargs_s.NAME</c> for optional ones).</param>
    /// <param name="text">The text.</param>
    /// <returns>The value.</returns>
    /// <exception cref="ConversionException">The text is not an integer or does not fit in 32 bits.</exception>
    public static int ParseInt32(string command, string argument, string text)
    {
        var value = ParseInt64(command, argument, text);
        if (value is > int.MaxValue or < int.MinValue)
        {
            throw new ConversionException($"{command}: {argument}: integer out of range");
        }

        return (int)value;
    }

    private static int DigitValue(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'a' and <= 'f' => c - 'a' + 10,
        >= 'A' and <= 'F' => c - 'A' + 10,
        _ => -1,
    };
}

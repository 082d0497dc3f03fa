using System;

namespace Gfish.Parsing;

/// <summary>Booleans as guestfish 1.48.6 reads them.</summary>
internal static class BoolParser
{
    private static readonly string[] s_true = ["1", "true", "t", "yes", "y", "on"];
    private static readonly string[] s_false = ["0", "false", "f", "no", "n", "off"];

    /// <summary>Parses a boolean: <c>1 true t yes y on</c> or <c>0 false f no n off</c>, in any case.</summary>
    /// <param name="text">The text.</param>
    /// <param name="value">The value.</param>
    /// <returns>Whether the text is a boolean.</returns>
    public static bool TryParse(string text, out bool value)
    {
        foreach (var t in s_true)
        {
            if (string.Equals(text, t, StringComparison.OrdinalIgnoreCase))
            {
                value = true;
                return true;
            }
        }

        foreach (var f in s_false)
        {
            if (string.Equals(text, f, StringComparison.OrdinalIgnoreCase))
            {
                value = false;
                return true;
            }
        }

        value = false;
        return false;
    }

    /// <summary>Parses a boolean argument with guestfish's message.</summary>
    /// <param name="program">The program name for the message.</param>
    /// <param name="text">The text.</param>
    /// <returns>The value.</returns>
    /// <exception cref="ConversionException">The text is not a boolean.</exception>
    public static bool Parse(string program, string text) =>
        TryParse(text, out var value)
            ? value
            : throw new ConversionException($"{program}: '{text}': invalid boolean value, use 'true' or 'false'");
}

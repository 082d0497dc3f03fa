using System;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Runtime.CompilerServices;

namespace Guestfs;

/// <summary>
/// Argument checks the generated methods run before anything is sent. Each throws the standard
/// <see cref="ArgumentException"/> family naming the argument.
/// </summary>
internal static class ArgumentGuard
{
    /// <summary>Throws if <paramref name="value"/> is <see langword="null"/>.</summary>
    /// <param name="value">The argument.</param>
    /// <param name="paramName">Filled in by the compiler.</param>
    public static void ThrowIfNull([NotNull] object? value, [CallerArgumentExpression(nameof(value))] string? paramName = null)
    {
        if (value is null)
        {
            ThrowHelper.ThrowArgumentNull(paramName);
        }
    }

    /// <summary>Throws if the string is <see langword="null"/> or contains a NUL character (the daemon's strings are C strings).</summary>
    /// <param name="value">The argument.</param>
    /// <param name="paramName">Filled in by the compiler.</param>
    public static void ThrowIfContainsNul([NotNull] string? value, [CallerArgumentExpression(nameof(value))] string? paramName = null)
    {
        ThrowIfNull(value, paramName);
        if (value.Contains('\0', StringComparison.Ordinal))
        {
            ThrowHelper.ThrowArgument("must not contain a NUL character", paramName);
        }
    }

    /// <summary>Throws unless the string is an absolute path (starts with <c>/</c>) without NUL characters.</summary>
    /// <param name="value">The argument.</param>
    /// <param name="paramName">Filled in by the compiler.</param>
    public static void ThrowIfInvalidPathname([NotNull] string? value, [CallerArgumentExpression(nameof(value))] string? paramName = null)
    {
        ThrowIfContainsNul(value, paramName);
        if (value.Length == 0 || value[0] != '/')
        {
            ThrowHelper.ThrowArgument($"must be an absolute path starting with '/', but was \"{value}\"", paramName);
        }
    }

    /// <summary>Throws unless the string names a device (starts with <c>/dev/</c>) without NUL characters.</summary>
    /// <param name="value">The argument.</param>
    /// <param name="paramName">Filled in by the compiler.</param>
    public static void ThrowIfInvalidDevice([NotNull] string? value, [CallerArgumentExpression(nameof(value))] string? paramName = null)
    {
        ThrowIfContainsNul(value, paramName);
        if (!value.StartsWith("/dev/", StringComparison.Ordinal))
        {
            ThrowHelper.ThrowArgument($"must be a device name starting with /dev/, but was \"{value}\"", paramName);
        }
    }

    /// <summary>
    /// Throws unless the string is a GUID as libguestfs accepts one (its <c>guestfs_int_validate_guid</c>):
    /// 36 characters, <c>-</c> at positions 8, 13, 18 and 23 and ASCII letters or digits elsewhere, optionally in braces.
    /// </summary>
    /// <param name="value">The argument.</param>
    /// <param name="paramName">Filled in by the compiler.</param>
    public static void ThrowIfInvalidGuid([NotNull] string? value, [CallerArgumentExpression(nameof(value))] string? paramName = null)
    {
        ThrowIfContainsNul(value, paramName);
        ReadOnlySpan<char> text = value.Length == 38 && value[0] == '{' && value[37] == '}' ? value.AsSpan(1, 36) : value.AsSpan();
        bool valid = text.Length == 36;
        for (int i = 0; valid && i < text.Length; i++)
        {
            char c = text[i];
            valid = i is 8 or 13 or 18 or 23 ? c == '-' : char.IsAsciiLetterOrDigit(c);
        }

        if (!valid)
        {
            ThrowHelper.ThrowArgument("parameter is not a valid GUID", paramName);
        }
    }

    /// <summary>Throws if the value is negative.</summary>
    /// <param name="value">The argument.</param>
    /// <param name="paramName">Filled in by the compiler.</param>
    public static void ThrowIfNegative(long value, [CallerArgumentExpression(nameof(value))] string? paramName = null)
    {
        if (value < 0)
        {
            ThrowHelper.ThrowArgumentOutOfRange(paramName, value, string.Create(CultureInfo.InvariantCulture, $"must not be negative, but was {value}"));
        }
    }

    /// <summary>Throws if the value is below <paramref name="minimum"/>.</summary>
    /// <param name="value">The argument.</param>
    /// <param name="minimum">The smallest allowed value.</param>
    /// <param name="paramName">Filled in by the compiler.</param>
    public static void ThrowIfLessThan(long value, long minimum, [CallerArgumentExpression(nameof(value))] string? paramName = null)
    {
        if (value < minimum)
        {
            ThrowHelper.ThrowArgumentOutOfRange(paramName, value, string.Create(CultureInfo.InvariantCulture, $"must be at least {minimum}, but was {value}"));
        }
    }

    /// <summary>Throws if the value is above <paramref name="maximum"/>.</summary>
    /// <param name="value">The argument.</param>
    /// <param name="maximum">The largest allowed value.</param>
    /// <param name="paramName">Filled in by the compiler.</param>
    public static void ThrowIfGreaterThan(long value, long maximum, [CallerArgumentExpression(nameof(value))] string? paramName = null)
    {
        if (value > maximum)
        {
            ThrowHelper.ThrowArgumentOutOfRange(paramName, value, string.Create(CultureInfo.InvariantCulture, $"must be at most {maximum}, but was {value}"));
        }
    }

    /// <summary>Throws unless <paramref name="minimum"/> &lt;= value &lt;= <paramref name="maximum"/>.</summary>
    /// <param name="value">The argument.</param>
    /// <param name="minimum">The smallest allowed value.</param>
    /// <param name="maximum">The largest allowed value.</param>
    /// <param name="paramName">Filled in by the compiler.</param>
    public static void ThrowIfOutOfRange(long value, long minimum, long maximum, [CallerArgumentExpression(nameof(value))] string? paramName = null)
    {
        if (value < minimum || value > maximum)
        {
            ThrowHelper.ThrowArgumentOutOfRange(paramName, value, string.Create(CultureInfo.InvariantCulture, $"must be from {minimum} to {maximum}, but was {value}"));
        }
    }

    /// <summary>Throws if the list or any element is <see langword="null"/> or an element contains a NUL.</summary>
    /// <param name="value">The argument.</param>
    /// <param name="paramName">Filled in by the compiler.</param>
    public static void ThrowIfInvalidStringList([NotNull] IReadOnlyList<string>? value, [CallerArgumentExpression(nameof(value))] string? paramName = null)
    {
        ThrowIfNull(value, paramName);
        for (int i = 0; i < value.Count; i++)
        {
            string? item = value[i];
            if (item is null)
            {
                ThrowHelper.ThrowArgument($"element {i} is null", paramName);
            }

            if (item.Contains('\0', StringComparison.Ordinal))
            {
                ThrowHelper.ThrowArgument($"element {i} contains a NUL character", paramName);
            }
        }
    }
}

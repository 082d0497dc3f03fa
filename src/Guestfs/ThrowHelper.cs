using System;
using System.Diagnostics.CodeAnalysis;

namespace Guestfs;

/// <summary>Throw sites kept out of hot paths.</summary>
internal static class ThrowHelper
{
    /// <summary>Throws <see cref="ArgumentNullException"/>.</summary>
    /// <param name="paramName">The argument.</param>
    [DoesNotReturn]
    public static void ThrowArgumentNull(string? paramName) => throw new ArgumentNullException(Name(paramName));

    /// <summary>Throws <see cref="ArgumentException"/>.</summary>
    /// <param name="message">What is wrong.</param>
    /// <param name="paramName">The argument.</param>
    [DoesNotReturn]
    public static void ThrowArgument(string message, string? paramName) => throw new ArgumentException($"{Name(paramName)} {message}", Name(paramName));

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/>.</summary>
    /// <param name="paramName">The argument.</param>
    /// <param name="value">The value.</param>
    /// <param name="message">What is wrong.</param>
    [DoesNotReturn]
    public static void ThrowArgumentOutOfRange(string? paramName, object value, string message) =>
        throw new ArgumentOutOfRangeException(Name(paramName), value, $"{Name(paramName)} {message}");

    /// <summary>
    /// The parameter's name as callers know it: <c>CallerArgumentExpression</c> keeps the <c>@</c> of an escaped
    /// keyword (the generated <c>AugSetmAsync(string @base, ...)</c>), which is not part of the name.
    /// </summary>
    private static string? Name(string? paramName) => paramName is ['@', .. var rest] ? rest : paramName;
}

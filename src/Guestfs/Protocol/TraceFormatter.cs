using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;

namespace Guestfs.Protocol;

/// <summary>
/// Formats values the way libguestfs's trace lines show them: strings quoted, string lists as one quoted
/// space-separated string in calls and as <c>["a", "b"]</c> in results, booleans as <c>true</c>/<c>false</c>.
/// Used only when tracing is on. The generated <c>_args</c> and <c>_ret</c> records call these per field
/// (<see cref="ITraceArguments"/>, <see cref="ITraceResult"/>); the action names come from the generated
/// <c>ProcedureNames.ActionName</c>.
/// </summary>
internal static class TraceFormatter
{
    /// <summary>What a trace line shows in place of a key, passphrase or other secret.</summary>
    public const string Masked = "***";

    /// <summary>A key or passphrase argument in a trace line, as libguestfs shows it.</summary>
    public const string Secret = "\"" + Masked + "\"";

    /// <summary>Formats one call argument.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The trace text.</returns>
    public static string FormatArgument(object? value) => value switch
    {
        null => "NULL",
        string s => "\"" + s + "\"",
        bool b => b ? "true" : "false",
        byte[] bytes => $"<buffer of {bytes.Length} bytes>",
        IEnumerable<string> list => "\"" + string.Join(' ', list) + "\"",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };

    /// <summary>Formats the arguments of a call: its <c>_args</c> record formats itself (generated).</summary>
    /// <param name="args">The record, or <see langword="null"/>.</param>
    /// <returns>The arguments separated by spaces (empty when none).</returns>
    public static string FormatArguments(object? args) => args is ITraceArguments traced ? traced.FormatTraceArguments() : string.Empty;

    /// <summary>Formats the result of a call: its <c>_ret</c> record formats itself (generated); <c>0</c> for none.</summary>
    /// <param name="ret">The decoded reply, or <see langword="null"/>.</param>
    /// <returns>The trace text after <c>= </c>.</returns>
    public static string FormatResult(object? ret) => ret is ITraceResult traced ? traced.FormatTraceResult() : "0";

    /// <summary>Formats a returned value.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The trace text.</returns>
    public static string FormatValue(object? value) => value switch
    {
        null => "NULL",
        string s => "\"" + s + "\"",
        bool b => b ? "1" : "0",
        byte[] bytes => $"<buffer of {bytes.Length} bytes>",
        IEnumerable<string> list => "[" + string.Join(", ", Quote(list)) + "]",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        IEnumerable => $"<list of {value.GetType().Name}>",
        _ => $"<struct {value.GetType().Name}>",
    };

    private static IEnumerable<string> Quote(IEnumerable<string> list)
    {
        foreach (string s in list)
        {
            yield return "\"" + s + "\"";
        }
    }
}

using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Reflection;
using System.Text;

namespace Guestfs.Protocol;

/// <summary>
/// Formats values the way libguestfs's trace lines show them: strings quoted, string lists as one quoted
/// space-separated string in calls and as <c>["a", "b"]</c> in results, booleans as <c>true</c>/<c>false</c>.
/// Used only when tracing is on.
/// </summary>
internal static class TraceFormatter
{
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

    /// <summary>Formats the arguments of an <c>_args</c> record by its properties, in declaration order.</summary>
    /// <param name="args">The record, or <see langword="null"/>.</param>
    /// <returns>The arguments separated by spaces (empty when none).</returns>
    public static string FormatArgs(object? args)
    {
        if (args is null)
        {
            return string.Empty;
        }

        var text = new StringBuilder();
        foreach (PropertyInfo property in args.GetType().GetProperties(BindingFlags.Instance | BindingFlags.Public))
        {
            if (property.GetIndexParameters().Length != 0 || property.Name == "EqualityContract")
            {
                continue;
            }

            if (text.Length > 0)
            {
                text.Append(' ');
            }

            text.Append(FormatArgument(property.GetValue(args)));
        }

        return text.ToString();
    }

    /// <summary>Formats a result: the single field of a <c>_ret</c> record, or <c>0</c> for none.</summary>
    /// <param name="ret">The decoded reply, or <see langword="null"/>.</param>
    /// <returns>The trace text after <c>= </c>.</returns>
    public static string FormatReturn(object? ret)
    {
        if (ret is null || ret is NoReply)
        {
            return "0";
        }

        PropertyInfo[] properties = ret.GetType().GetProperties(BindingFlags.Instance | BindingFlags.Public);
        var fields = new List<PropertyInfo>();
        foreach (PropertyInfo p in properties)
        {
            if (p.GetIndexParameters().Length == 0 && p.Name != "EqualityContract")
            {
                fields.Add(p);
            }
        }

        if (ret is string or bool or int or long or byte[] || ret is IEnumerable<string> || fields.Count != 1)
        {
            return FormatValue(ret);
        }

        return FormatValue(fields[0].GetValue(ret));
    }

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

    /// <summary>Converts a procedure enum member to its libguestfs name (<c>InternalWrite</c> → <c>internal_write</c>).</summary>
    /// <param name="procedure">The procedure.</param>
    /// <returns>The snake_case name.</returns>
    public static string ActionName(Procedure procedure)
    {
        string name = procedure.ToString();
        var text = new StringBuilder(name.Length + 8);
        for (int i = 0; i < name.Length; i++)
        {
            char c = name[i];
            if (char.IsUpper(c))
            {
                if (i > 0)
                {
                    text.Append('_');
                }

                text.Append(char.ToLowerInvariant(c));
            }
            else
            {
                text.Append(c);
            }
        }

        return text.ToString();
    }

    private static IEnumerable<string> Quote(IEnumerable<string> list)
    {
        foreach (string s in list)
        {
            yield return "\"" + s + "\"";
        }
    }
}

using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using Gfish.Commands;
using Guestfs.Commands;

namespace Gfish.Output;

/// <summary>Prints results exactly as guestfish 1.48.6 does for each return kind.</summary>
internal sealed class ResultFormatter
{
    private static readonly UTF8Encoding s_utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Writes a result to the output.</summary>
    /// <param name="output">The destination (standard output or a pipe).</param>
    /// <param name="result">How the action's result is printed.</param>
    /// <param name="value">The value the action returned.</param>
    public void Write(Stream output, ReturnInfo result, object? value)
    {
        if (result.Kind == ReturnKind.Buffer)
        {
            var bytes = AsBytes(value);
            output.Write(bytes, 0, bytes.Length);
            return;
        }

        var text = Format(result, value);
        var encoded = s_utf8.GetBytes(text);
        output.Write(encoded, 0, encoded.Length);
    }

    /// <summary>Formats a non-buffer result as text.</summary>
    /// <param name="result">How the action's result is printed.</param>
    /// <param name="value">The value the action returned.</param>
    /// <returns>The text, with its newlines.</returns>
    public string Format(ReturnInfo result, object? value)
    {
        var sb = new StringBuilder();
        switch (result.Kind)
        {
            case ReturnKind.None:
                break;
            case ReturnKind.Bool:
                sb.Append(Convert.ToBoolean(value, CultureInfo.InvariantCulture) ? "true" : "false").Append('\n');
                break;
            case ReturnKind.Int:
            case ReturnKind.Int64:
                sb.Append(FormatInteger(Convert.ToInt64(value, CultureInfo.InvariantCulture), result.Kind == ReturnKind.Int, result.NumberStyle)).Append('\n');
                break;
            case ReturnKind.String:
                sb.Append((string?)value).Append('\n');
                break;
            case ReturnKind.OptString:
                sb.Append((string?)value ?? "(null)").Append('\n');
                break;
            case ReturnKind.StringList:
                foreach (var s in AsStrings(value))
                {
                    sb.Append(s).Append('\n');
                }

                break;
            case ReturnKind.Hashtable:
                foreach (var (k, v) in AsPairs(value))
                {
                    sb.Append(k).Append(": ").Append(v).Append('\n');
                }

                break;
            case ReturnKind.Struct:
                if (value is not null)
                {
                    AppendStruct(sb, AsFields(value), string.Empty);
                }

                break;
            case ReturnKind.StructList:
                var i = 0;
                foreach (var item in AsStructs(value))
                {
                    sb.Append('[').Append(i.ToString(CultureInfo.InvariantCulture)).Append("] = {\n");
                    AppendStruct(sb, item, "  ");
                    sb.Append("}\n");
                    i++;
                }

                break;
            case ReturnKind.Buffer:
                sb.Append(Encoding.Latin1.GetString(AsBytes(value)));
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(result), result.Kind, "Unknown return kind.");
        }

        return sb.ToString();
    }

    /// <summary>Formats an integer result as guestfish does (decimal, or <c>0</c>-prefixed octal / <c>0x</c>-prefixed hex).</summary>
    /// <param name="value">The value.</param>
    /// <param name="is32Bit">The value is a C <c>int</c> (negative numbers print as unsigned in octal and hex).</param>
    /// <param name="style">The style.</param>
    /// <returns>The text without newline.</returns>
    public static string FormatInteger(long value, bool is32Bit, CommandNumberStyle style)
    {
        var bits = is32Bit ? (ulong)(uint)(int)value : (ulong)value;
        return style switch
        {
            CommandNumberStyle.Octal => (value != 0 ? "0" : string.Empty) + Convert.ToString((long)bits, 8),
            CommandNumberStyle.Hexadecimal => (value != 0 ? "0x" : string.Empty) + bits.ToString("x", CultureInfo.InvariantCulture),
            _ => value.ToString(CultureInfo.InvariantCulture),
        };
    }

    private static void AppendStruct(StringBuilder sb, IReadOnlyList<CommandField> fields, string indent)
    {
        foreach (var field in fields)
        {
            sb.Append(indent).Append(field.Name).Append(": ");
            AppendFieldValue(sb, field.Value);
            sb.Append('\n');
        }
    }

    /// <summary>Appends a field value as guestfish prints its C type: the record's .NET type decides.</summary>
    private static void AppendFieldValue(StringBuilder sb, object? value)
    {
        switch (value)
        {
            case null:
                // An absent percentage or string: nothing.
                break;
            case float or double:
                // FOptPercent: a negative value means absent.
                var percent = Convert.ToDouble(value, CultureInfo.InvariantCulture);
                if (percent >= 0)
                {
                    sb.Append(CFormat.G(percent)).Append(" %");
                }

                break;
            case char c:
                sb.Append(c);
                break;
            case byte[] bytes:
                foreach (var b in bytes)
                {
                    if (b is >= 0x20 and < 0x7f)
                    {
                        sb.Append((char)b);
                    }
                    else
                    {
                        sb.Append("\\x").Append(b.ToString("x2", CultureInfo.InvariantCulture));
                    }
                }

                break;
            case IFormattable f:
                sb.Append(f.ToString(null, CultureInfo.InvariantCulture));
                break;
            default:
                sb.Append(value.ToString());
                break;
        }
    }

    private static IReadOnlyList<CommandField> AsFields(object value) =>
        value as IReadOnlyList<CommandField> ?? throw new ArgumentException($"A struct result cannot be a {value.GetType()}.", nameof(value));

    private static IReadOnlyList<IReadOnlyList<CommandField>> AsStructs(object? value) => value switch
    {
        null => [],
        IReadOnlyList<IReadOnlyList<CommandField>> list => list,
        _ => throw new ArgumentException($"A struct-list result cannot be a {value.GetType()}.", nameof(value)),
    };

    private static byte[] AsBytes(object? value) => value switch
    {
        null => [],
        byte[] b => b,
        ReadOnlyMemory<byte> m => m.ToArray(),
        Memory<byte> m => m.ToArray(),
        string s => s_utf8.GetBytes(s),
        IEnumerable<byte> e => [.. e],
        _ => throw new ArgumentException($"A buffer result cannot be a {value.GetType()}.", nameof(value)),
    };

    private static IEnumerable<string> AsStrings(object? value) => value switch
    {
        null => [],
        IEnumerable<string> strings => strings,
        _ => throw new ArgumentException($"A string-list result cannot be a {value.GetType()}.", nameof(value)),
    };

    private static IEnumerable<(string Key, string Value)> AsPairs(object? value)
    {
        switch (value)
        {
            case null:
                yield break;
            case IEnumerable<KeyValuePair<string, string>> pairs:
                foreach (var pair in pairs)
                {
                    yield return (pair.Key, pair.Value);
                }

                yield break;
            case IEnumerable<string> flat:
                // libguestfs's C form: key, value, key, value, ...
                string? key = null;
                foreach (var s in flat)
                {
                    if (key is null)
                    {
                        key = s;
                    }
                    else
                    {
                        yield return (key, s);
                        key = null;
                    }
                }

                yield break;
            default:
                throw new ArgumentException($"A hash-table result cannot be a {value.GetType()}.", nameof(value));
        }
    }
}

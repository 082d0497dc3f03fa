using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Guestfs.Tools.Common;

namespace Guestfs.Tools.Filesystems;

/// <summary>virt-filesystems' output forms: aligned columns, CSV, and (not in stock) JSON.</summary>
internal static class DeviceTable
{
    private static readonly (Columns Column, string Heading)[] s_headings =
    [
        (Columns.Name, "Name"), (Columns.Type, "Type"), (Columns.VfsType, "VFS"), (Columns.VfsLabel, "Label"),
        (Columns.Mbr, "MBR"), (Columns.Size, "Size"), (Columns.Parents, "Parent"), (Columns.Uuid, "UUID"),
    ];

    /// <summary>
    /// Text mode: each column as wide as its widest value (in bytes), two spaces between columns unless the widths
    /// plus two per possible column pass 72, then one; an empty or absent value prints <c>-</c>; a column with no value in any
    /// row is left out.
    /// </summary>
    /// <param name="rows">The rows.</param>
    /// <param name="columns">The columns shown.</param>
    /// <param name="title">Whether to print the heading row first.</param>
    /// <param name="human">Sizes human-readable (<c>-h</c>).</param>
    /// <returns>The text.</returns>
    public static string Text(IReadOnlyList<DeviceRow> rows, Columns columns, bool title, bool human)
    {
        var cells = new List<string?[]>();
        if (title)
        {
            cells.Add(Headings(columns));
        }

        cells.AddRange(rows.Select(r => Cells(r, columns, human)));
        int count = cells.Count == 0 ? 0 : cells[0].Length;
        var widths = new int[count];
        foreach (var row in cells)
        {
            for (int j = 0; j < count; j++)
            {
                if (row[j] is { } value)
                {
                    widths[j] = Math.Max(widths[j], Math.Max(1, Encoding.UTF8.GetByteCount(value)));
                }
            }
        }

        // Stock adds two per possible column (eight), shown or not.
        int spacing = widths.Sum() + (2 * s_headings.Length) > 72 ? 1 : 2;
        var text = new StringBuilder();
        foreach (var row in cells)
        {
            int pad = 0;
            for (int j = 0; j < count; j++)
            {
                if (widths[j] == 0)
                {
                    continue;
                }

                text.Append(' ', pad);
                string value = string.IsNullOrEmpty(row[j]) ? "-" : row[j]!;
                text.Append(value);
                pad = widths[j] - Encoding.UTF8.GetByteCount(value) + spacing;
            }

            text.Append('\n');
        }

        return text.ToString();
    }

    /// <summary>CSV mode: fields with a space, double quote, newline or comma quoted, quotes doubled; absent values empty.</summary>
    /// <param name="rows">The rows.</param>
    /// <param name="columns">The columns shown.</param>
    /// <param name="title">Whether to print the heading row first.</param>
    /// <returns>The text.</returns>
    public static string Csv(IReadOnlyList<DeviceRow> rows, Columns columns, bool title)
    {
        var text = new StringBuilder();
        var all = title ? rows.Select(r => Cells(r, columns, human: false)).Prepend(Headings(columns)) : rows.Select(r => Cells(r, columns, human: false));
        foreach (var row in all)
        {
            for (int j = 0; j < row.Length; j++)
            {
                if (j > 0)
                {
                    text.Append(',');
                }

                if (row[j] is { } field)
                {
                    text.Append(CsvField(field));
                }
            }

            text.Append('\n');
        }

        return text.ToString();
    }

    /// <summary>The stock tools' CSV quoting of one field.</summary>
    /// <param name="field">The field.</param>
    /// <returns>The field, quoted when it needs to be.</returns>
    public static string CsvField(string field) =>
        field.AsSpan().IndexOfAny(" \",\n") < 0 ? field : "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    /// <summary>
    /// JSON (not in stock): an array with one object per row, keys <c>name</c>, <c>type</c>, <c>vfs_type</c>,
    /// <c>vfs_label</c>, <c>mbr_id</c> (hex text), <c>size</c> (bytes), <c>parents</c> (array), <c>uuid</c>, each
    /// present when its column applies to the row.
    /// </summary>
    /// <param name="output">Where to write.</param>
    /// <param name="rows">The rows.</param>
    /// <param name="columns">The columns looked up.</param>
    public static void WriteJson(Stream output, IReadOnlyList<DeviceRow> rows, Columns columns)
    {
        using (var json = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartArray();
            foreach (var row in rows)
            {
                json.WriteStartObject();
                json.WriteString("name", row.Name);
                json.WriteString("type", row.Type);
                if (row.VfsType is not null)
                {
                    json.WriteString("vfs_type", row.VfsType);
                }

                if (row.VfsLabel is not null)
                {
                    json.WriteString("vfs_label", row.VfsLabel);
                }

                if (row.MbrId >= 0)
                {
                    json.WriteString("mbr_id", row.MbrId.ToString("x2", CultureInfo.InvariantCulture));
                }

                if (row.Size >= 0)
                {
                    json.WriteNumber("size", row.Size);
                }

                if (row.Parents is not null)
                {
                    json.WriteStartArray("parents");
                    foreach (string parent in row.Parents)
                    {
                        json.WriteStringValue(parent);
                    }

                    json.WriteEndArray();
                }

                if ((columns & Columns.Uuid) != 0 && row.Uuid is not null)
                {
                    json.WriteString("uuid", row.Uuid);
                }

                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        output.WriteByte((byte)'\n');
    }

    private static string?[] Headings(Columns columns) =>
        s_headings.Where(h => (columns & h.Column) != 0).Select(h => (string?)h.Heading).ToArray();

    private static string?[] Cells(DeviceRow row, Columns columns, bool human)
    {
        var cells = new List<string?>();
        foreach (var (column, _) in s_headings)
        {
            if ((columns & column) == 0)
            {
                continue;
            }

            cells.Add(column switch
            {
                Columns.Name => row.Name,
                Columns.Type => row.Type,
                Columns.VfsType => row.VfsType,
                Columns.VfsLabel => row.VfsLabel,
                Columns.Mbr => row.MbrId >= 0 ? row.MbrId.ToString("x2", CultureInfo.InvariantCulture) : null,
                Columns.Size => row.Size < 0 ? null : human ? HumanReadable.Format((ulong)row.Size) : row.Size.ToString(CultureInfo.InvariantCulture),
                Columns.Parents => string.Join(',', row.Parents ?? []),
                _ => row.Uuid,
            });
        }

        return cells.ToArray();
    }
}

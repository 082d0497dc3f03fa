using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Guestfs.Tools.Common;

namespace Guestfs.Tools.Fleet;

/// <summary>
/// guestfs-fleet's output: one JSON object a line per image, <c>{"image":…,"result":…,"elapsed_s":…,"finished":…}</c>
/// or with <c>"error":{"type":…,"message":…}</c> in place of the result. Each line is written whole and flushed as its
/// image finishes, so a run that is stopped leaves every finished image in the file.
/// </summary>
/// <remarks>
/// Resuming: an existing <c>--out</c> file is read first. Images with a <c>result</c> line are done and skipped; lines
/// with an <c>error</c> are dropped, so failed images are tried again; a line that is not a JSON object with an
/// <c>image</c> (such as a last line cut short by a kill) is dropped too. The kept lines are written back (through a
/// new file renamed over the old) before the run appends to it.
/// </remarks>
internal sealed class FleetOutput : IDisposable
{
    private static readonly JsonWriterOptions s_options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private readonly Stream _stream;
    private readonly bool _owned;

    private FleetOutput(Stream stream, bool owned, IReadOnlySet<string> done, int dropped)
    {
        _stream = stream;
        _owned = owned;
        Done = done;
        Dropped = dropped;
    }

    /// <summary>The images that already have a result in the output file.</summary>
    public IReadOnlySet<string> Done { get; }

    /// <summary>How many lines of the output file were dropped (errors to retry, unreadable lines).</summary>
    public int Dropped { get; }

    /// <summary>Writes to standard output; nothing is done yet.</summary>
    /// <param name="stdout">Standard output.</param>
    /// <returns>The output.</returns>
    public static FleetOutput ToStream(Stream stdout) => new(stdout, owned: false, new HashSet<string>(), 0);

    /// <summary>Opens (or creates) the output file, keeping the results it has.</summary>
    /// <param name="context">The tool (for its error messages).</param>
    /// <param name="path">The file.</param>
    /// <returns>The output, positioned at its end.</returns>
    /// <exception cref="ToolExitException">The file cannot be read or written.</exception>
    public static FleetOutput OpenFile(ToolContext context, string path)
    {
        try
        {
            var done = new HashSet<string>(StringComparer.Ordinal);
            int dropped = 0;
            if (File.Exists(path))
            {
                var kept = new StringBuilder();
                foreach (string line in File.ReadLines(path, new UTF8Encoding(false, throwOnInvalidBytes: false)))
                {
                    if (DoneImage(line) is { } image && done.Add(image))
                    {
                        kept.Append(line).Append('\n');
                    }
                    else if (line.Length > 0)
                    {
                        dropped++;
                    }
                }

                if (dropped > 0)
                {
                    string temporary = path + ".tmp";
                    File.WriteAllText(temporary, kept.ToString(), new UTF8Encoding(false));
                    File.Move(temporary, path, overwrite: true);
                }
            }

            var stream = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read);
            return new FleetOutput(stream, owned: true, done, dropped);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw context.Error($"{path}: {e.Message}");
        }
    }

    /// <summary>Writes one image's line and flushes it.</summary>
    /// <param name="image">The image as listed.</param>
    /// <param name="result">The result as UTF-8 JSON, or null for a failure.</param>
    /// <param name="error">The failure, or null.</param>
    /// <param name="elapsed">The time spent on the image.</param>
    public void Write(string image, byte[]? result, Exception? error, TimeSpan elapsed)
    {
        var line = new MemoryStream();
        using (var json = new Utf8JsonWriter(line, s_options))
        {
            json.WriteStartObject();
            json.WriteString("image", image);
            if (error is null)
            {
                json.WritePropertyName("result");
                json.WriteRawValue(result ?? "null"u8.ToArray());
            }
            else
            {
                Exception reported = error is ToolExitException { Cause: { } cause } ? cause : error;
                json.WriteStartObject("error");
                json.WriteString("type", reported.GetType().Name);
                json.WriteString("message", Message(reported));
                json.WriteEndObject();
            }

            json.WriteNumber("elapsed_s", Math.Round(elapsed.TotalSeconds, 3));
            json.WriteString("finished", DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", System.Globalization.CultureInfo.InvariantCulture));
            json.WriteEndObject();
        }

        line.WriteByte((byte)'\n');
        line.Position = 0;
        line.CopyTo(_stream);
        _stream.Flush();
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_owned)
        {
            _stream.Dispose();
        }
    }

    /// <summary>The image of a result line, or null for an error line or a line that is not one of ours.</summary>
    private static string? DoneImage(string line)
    {
        try
        {
            using var document = JsonDocument.Parse(line);
            JsonElement root = document.RootElement;
            return root.ValueKind == JsonValueKind.Object &&
                   root.TryGetProperty("image", out JsonElement image) && image.ValueKind == JsonValueKind.String &&
                   root.TryGetProperty("result", out _)
                ? image.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string Message(Exception e) => e.Message.TrimEnd('\n');
}

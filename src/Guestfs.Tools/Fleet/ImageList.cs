using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using Guestfs.Tools.Common;

namespace Guestfs.Tools.Fleet;

/// <summary>
/// The <c>--images</c> file of guestfs-fleet: one image path or drive URI a line; blank lines and lines starting with
/// <c>#</c> are skipped, spaces around a name are dropped. The whole file is checked before any image is worked on:
/// a line that is not UTF-8 or holds a control character, a URI that does not parse, or an image listed twice stops
/// the run with its line number.
/// </summary>
internal static class ImageList
{
    private static readonly UTF8Encoding s_strictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Reads and checks the list.</summary>
    /// <param name="context">The tool (for its error messages).</param>
    /// <param name="path">The file.</param>
    /// <returns>The images, in the file's order.</returns>
    /// <exception cref="ToolExitException">The file cannot be read, or a line is bad.</exception>
    public static IReadOnlyList<string> Read(ToolContext context, string path)
    {
        string text;
        try
        {
            text = s_strictUtf8.GetString(File.ReadAllBytes(path));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw context.Error($"{path}: {e.Message}");
        }
        catch (DecoderFallbackException)
        {
            throw context.Error($"{path}: not a text file (it is not UTF-8); give one image path or URI a line");
        }

        var images = new List<string>();
        var firstLine = new Dictionary<string, int>(StringComparer.Ordinal);
        string[] lines = text.Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            int number = i + 1;
            string image = lines[i].Trim();
            if (image.Length == 0 || image[0] == '#')
            {
                continue;
            }

            int control = image.AsSpan().IndexOfAnyInRange('\0', '\x1f');
            if (control >= 0 || image.Contains('\x7f', StringComparison.Ordinal))
            {
                throw context.Error(Line(path, number, "a control character in the image name"));
            }

            if (DriveUri.IsUri(image))
            {
                try
                {
                    DriveUri.Parse(image);
                }
                catch (FormatException e)
                {
                    throw context.Error(Line(path, number, e.Message));
                }
            }

            if (!firstLine.TryAdd(image, number))
            {
                throw context.Error(Line(path, number, $"{image} is listed twice (first on line {firstLine[image]})"));
            }

            images.Add(image);
        }

        if (images.Count == 0)
        {
            throw context.Error($"{path}: no images in the list");
        }

        return images;
    }

    private static string Line(string path, int number, string problem) =>
        string.Create(CultureInfo.InvariantCulture, $"{path}:{number}: {problem}");
}

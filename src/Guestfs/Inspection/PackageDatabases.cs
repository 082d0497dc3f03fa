using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace Guestfs.Inspection;

/// <summary>
/// Parsers of the Linux package databases that <c>inspect_list_applications2</c> reads on the library side, with the
/// quirks of libguestfs 1.48.6 kept so results are the same: the dpkg status file (read in 1023-byte pieces as
/// <c>fgets</c> does), Alpine's <c>/lib/apk/db/installed</c> and one pacman <c>local/*/desc</c> file. Guest data is
/// hostile: every input is only bytes, never trusted to be UTF-8 or well formed; bad records are skipped.
/// </summary>
internal static class PackageDatabases
{
    /// <summary>The largest dpkg status file read (libguestfs's limit).</summary>
    public const long MaxDpkgStatusSize = 50 * 1000 * 1000;

    /// <summary>The largest apk installed database read (libguestfs's limit).</summary>
    public const long MaxApkInstalledSize = 50 * 1000 * 1000;

    /// <summary>The largest pacman desc file read; a larger one is skipped as corrupt.</summary>
    public const long MaxPacmanDescSize = 8192;

    /// <summary>The dpkg line buffer of libguestfs: longer lines are read as several lines.</summary>
    private const int DpkgLineBuffer = 1024;

    /// <summary>Orders applications by name as C's <c>strcmp</c> does on UTF-8, keeping equal names in their order.</summary>
    /// <param name="applications">The applications.</param>
    /// <returns>A new sorted list.</returns>
    public static List<Application2> SortByName(IEnumerable<Application2> applications) =>
        applications.OrderBy(a => a.App2Name, Utf8OrdinalComparer.Instance).ToList();

    /// <summary>Parses <c>/var/lib/dpkg/status</c>: installed packages whose record ends with a blank line.</summary>
    /// <param name="status">The file's bytes.</param>
    /// <returns>The packages, in file order.</returns>
    public static List<Application2> ParseDpkgStatus(ReadOnlySpan<byte> status)
    {
        var apps = new List<Application2>();
        string? name = null, version = null, release = null, arch = null, url = null, source = null, summary = null;
        StringBuilder? description = null;
        bool installed = false;
        bool inDescription = false;
        int epoch = 0;

        foreach (string line in FgetsLines(status, DpkgLineBuffer))
        {
            if (line.StartsWith(' ') && inDescription)
            {
                if (description is null)
                {
                    description = new StringBuilder(line, 1, line.Length - 1, line.Length);
                }
                else
                {
                    description.Append('\n').Append(line, 1, line.Length - 1);
                }
            }
            else
            {
                inDescription = false;
            }

            if (line.StartsWith("Package: ", StringComparison.Ordinal))
            {
                name = line.Substring(9);
            }
            else if (line.StartsWith("Status: ", StringComparison.Ordinal))
            {
                installed = line.IndexOf("installed", 8, StringComparison.Ordinal) >= 0;
            }
            else if (line.StartsWith("Version: ", StringComparison.Ordinal))
            {
                (epoch, version, release) = SplitVersion(line.Substring(9), stripReleaseR: false);
            }
            else if (line.StartsWith("Architecture: ", StringComparison.Ordinal))
            {
                arch = line.Substring(14);
            }
            else if (line.StartsWith("Homepage: ", StringComparison.Ordinal))
            {
                url = line.Substring(10);
            }
            else if (line.StartsWith("Source: ", StringComparison.Ordinal))
            {
                // "foo" or "foo (1.0)": keep the name only.
                string value = line.Substring(8);
                int space = value.IndexOf(' ');
                source = space >= 0 ? value.Substring(0, space) : value;
            }
            else if (line.StartsWith("Description: ", StringComparison.Ordinal))
            {
                summary = line.Substring(13);
                inDescription = true;
            }
            else if (line.Length == 0)
            {
                if (installed && name is not null && version is not null && epoch >= 0)
                {
                    apps.Add(Make(name, string.Empty, epoch, version, release ?? string.Empty, arch ?? string.Empty, string.Empty,
                        string.Empty, url ?? string.Empty, source ?? string.Empty, summary ?? string.Empty, description?.ToString() ?? string.Empty));
                }

                name = version = release = arch = url = source = summary = null;
                description = null;
                installed = false;
            }
        }

        return apps;
    }

    /// <summary>Parses Alpine's <c>/lib/apk/db/installed</c>: <c>X:value</c> lines, records ended by a blank line.</summary>
    /// <param name="installed">The file's bytes.</param>
    /// <returns>The packages, in file order.</returns>
    public static List<Application2> ParseApkInstalled(ReadOnlySpan<byte> installed)
    {
        var apps = new List<Application2>();
        string? name = null, version = null, release = null, arch = null, url = null, description = null;
        int epoch = 0;
        foreach (Range range in SplitLines(installed))
        {
            ReadOnlySpan<byte> line = installed[range];
            if (line.Length > 1 && line[1] != (byte)':')
            {
                continue;
            }

            byte key = line.Length == 0 ? (byte)0 : line[0];
            string value = line.Length > 2 ? CString(line.Slice(2)) : string.Empty;
            switch (key)
            {
                case 0:
                    if (name is not null && version is not null && epoch >= 0)
                    {
                        apps.Add(Make(name, string.Empty, epoch, version, release ?? string.Empty, arch ?? string.Empty, string.Empty,
                            string.Empty, url ?? string.Empty, string.Empty, string.Empty, description ?? string.Empty));
                    }

                    name = version = release = arch = url = description = null;
                    break;
                case (byte)'A':
                    arch = value;
                    break;
                case (byte)'P':
                    name = value;
                    break;
                case (byte)'T':
                    description = value;
                    break;
                case (byte)'U':
                    url = value;
                    break;
                case (byte)'V':
                    (epoch, version, release) = SplitVersion(value, stripReleaseR: true);
                    break;
            }
        }

        return apps;
    }

    /// <summary>
    /// Parses one pacman <c>/var/lib/pacman/local/PKG/desc</c> file: <c>%KEY%</c> lines each followed by a value line.
    /// </summary>
    /// <param name="desc">The file's bytes.</param>
    /// <returns>The package, or <see langword="null"/> when a mandatory field (name, version with a release, arch) is
    /// missing or the epoch is not a number.</returns>
    public static Application2? ParsePacmanDesc(ReadOnlySpan<byte> desc)
    {
        string? name = null, version = null, description = null, arch = null, url = null;
        string? pending = null;
        foreach (Range range in SplitLines(desc))
        {
            ReadOnlySpan<byte> line = desc[range];
            if (line.Length == 0)
            {
                pending = null;
                continue;
            }

            string text = CString(line);
            if (pending is not null)
            {
                switch (pending)
                {
                    case "%NAME%": name = text; break;
                    case "%VERSION%": version = text; break;
                    case "%DESC%": description = text; break;
                    case "%URL%": url = text; break;
                    case "%ARCH%": arch = text; break;
                }

                pending = null;
                continue;
            }

            if (text is "%NAME%" or "%VERSION%" or "%DESC%" or "%URL%" or "%ARCH%")
            {
                pending = text;
            }
        }

        if (name is null || version is null || arch is null)
        {
            return null;
        }

        // version: [epoch:]ver-rel, the release mandatory.
        int epoch = 0;
        string ver = version;
        int colon = version.IndexOf(':');
        if (colon >= 0)
        {
            epoch = ParseEpoch(version.Substring(0, colon));
            ver = version.Substring(colon + 1);
        }

        int dash = ver.IndexOf('-');
        if (dash < 0)
        {
            return null;
        }

        string rel = ver.Substring(dash + 1);
        ver = ver.Substring(0, dash);
        return epoch >= 0 && ver.Length > 0 && rel.Length > 0
            ? Make(name, string.Empty, epoch, ver, rel, arch, string.Empty, string.Empty, url ?? string.Empty, string.Empty, string.Empty, description ?? string.Empty)
            : null;
    }

    /// <summary>
    /// Parses an epoch as libguestfs does (<c>strtol</c> base 10 on the whole string, leading blanks and a sign
    /// allowed, kept as a C <c>int</c>): -1 when it is not a number, so the package is skipped.
    /// </summary>
    /// <param name="text">The text before the first colon of a version.</param>
    /// <returns>The epoch, or -1.</returns>
    public static int ParseEpoch(string text)
    {
        int i = 0;
        while (i < text.Length && text[i] is ' ' or '\t' or '\n' or '\v' or '\f' or '\r')
        {
            i++;
        }

        string number = text.Substring(i);
        return IsAsciiNumber(number) && long.TryParse(number, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long value)
            ? unchecked((int)value)
            : -1;
    }

    /// <summary>Builds an application record; the translated path and spare fields are always empty.</summary>
    internal static Application2 Make(
        string name, string displayName, int epoch, string version, string release, string arch, string installPath,
        string publisher, string url, string source, string summary, string description) =>
        new(name, displayName, epoch, version, release, arch, installPath, string.Empty, publisher, url, source, summary, description,
            string.Empty, string.Empty, string.Empty, string.Empty);

    private static bool IsAsciiNumber(string number)
    {
        int start = number.Length > 0 && number[0] is '+' or '-' ? 1 : 0;
        if (start == number.Length)
        {
            return false;
        }

        for (int i = start; i < number.Length; i++)
        {
            if (!char.IsAsciiDigit(number[i]))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Splits <c>[epoch:]version[-release]</c> at the first colon and then the first dash.</summary>
    private static (int Epoch, string Version, string? Release) SplitVersion(string value, bool stripReleaseR)
    {
        int epoch = 0;
        int colon = value.IndexOf(':');
        if (colon >= 0)
        {
            epoch = ParseEpoch(value.Substring(0, colon));
            value = value.Substring(colon + 1);
        }

        int dash = value.IndexOf('-');
        if (dash < 0)
        {
            return (epoch, value, null);
        }

        string release = value.Substring(dash + 1);
        if (stripReleaseR && release.StartsWith('r'))
        {
            release = release.Substring(1);
        }

        return (epoch, value.Substring(0, dash), release);
    }

    /// <summary>
    /// The lines <c>fgets</c> with a buffer of <paramref name="buffer"/> bytes returns: at most buffer-1 bytes each,
    /// a line ends after its newline, each cut at its first NUL, the final newline removed.
    /// </summary>
    private static List<string> FgetsLines(ReadOnlySpan<byte> data, int buffer)
    {
        var lines = new List<string>();
        int position = 0;
        while (position < data.Length)
        {
            int max = Math.Min(buffer - 1, data.Length - position);
            int newline = data.Slice(position, max).IndexOf((byte)'\n');
            int length = newline >= 0 ? newline + 1 : max;
            string line = CString(data.Slice(position, length));
            lines.Add(line.EndsWith('\n') ? line.Substring(0, line.Length - 1) : line);
            position += length;
        }

        return lines;
    }

    /// <summary>The lines <c>getline</c> returns, each without its final newline.</summary>
    private static List<Range> SplitLines(ReadOnlySpan<byte> data)
    {
        var lines = new List<Range>();
        int position = 0;
        while (position < data.Length)
        {
            int newline = data.Slice(position).IndexOf((byte)'\n');
            int end = newline >= 0 ? position + newline : data.Length;
            lines.Add(new Range(position, end));
            position = newline >= 0 ? end + 1 : data.Length;
        }

        return lines;
    }

    /// <summary>Decodes bytes up to the first NUL as UTF-8, as a C string would be read.</summary>
    private static string CString(ReadOnlySpan<byte> bytes)
    {
        int nul = bytes.IndexOf((byte)0);
        return Encoding.UTF8.GetString(nul >= 0 ? bytes.Slice(0, nul) : bytes);
    }

    /// <summary>Compares strings as <c>strcmp</c> compares their UTF-8 bytes.</summary>
    private sealed class Utf8OrdinalComparer : IComparer<string>
    {
        public static readonly Utf8OrdinalComparer Instance = new();

        public int Compare(string? x, string? y) =>
            Encoding.UTF8.GetBytes(x ?? string.Empty).AsSpan().SequenceCompareTo(Encoding.UTF8.GetBytes(y ?? string.Empty));
    }
}

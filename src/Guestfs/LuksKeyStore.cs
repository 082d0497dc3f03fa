using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace Guestfs;

/// <summary>
/// The keys given with libguestfs's tools' <c>--key SELECTOR</c> option (libguestfs-common's <c>keys.c</c>):
/// <c>ID:key:KEY_STRING</c>, <c>ID:file:FILENAME</c> (the file's first line) or <c>ID:clevis</c>, where
/// <c>ID</c> is a device name (<c>/dev/sda2</c>) or a LUKS UUID. A device no selector names is asked for.
/// </summary>
public sealed class LuksKeyStore
{
    private readonly List<(string Id, string Type, string? Value)> _keys = [];

    /// <summary>Adds one selector.</summary>
    /// <param name="selector">The selector, as given after <c>--key</c>.</param>
    /// <exception cref="FormatException">The selector is malformed; the message is libguestfs's.</exception>
    public void Add(string selector)
    {
        ArgumentNullException.ThrowIfNull(selector);
        var fields = selector.Length == 0 ? [] : selector.Split(':');
        if (fields.Length < 1)
        {
            throw new FormatException($"selector '{selector}': missing ID");
        }

        if (fields.Length < 2)
        {
            throw new FormatException($"selector '{selector}': missing TYPE");
        }

        switch (fields[1])
        {
            case "key" or "file" when fields.Length != 3:
                throw new FormatException($"selector '{selector}': missing {(fields[1] == "key" ? "KEY_STRING" : "FILENAME")}, or too many fields");
            case "key" or "file":
                _keys.Add((fields[0], fields[1], fields[2]));
                break;
            case "clevis" when fields.Length != 2:
                throw new FormatException($"selector '{selector}': too many fields");
            case "clevis":
                _keys.Add((fields[0], "clevis", null));
                break;
            default:
                throw new FormatException($"selector '{selector}': invalid TYPE");
        }
    }

    /// <summary>
    /// The keys for a device: every selector naming the device or its UUID, in the order given (a file selector's
    /// file is read now); when none does, the one key <paramref name="ask"/> returns.
    /// </summary>
    /// <param name="ask">Asks the user for the key of the device it is given; null when none could be read.</param>
    /// <returns>The provider.</returns>
    public LuksKeyProvider Provider(Func<string, string?> ask)
    {
        ArgumentNullException.ThrowIfNull(ask);
        return (device, uuid, _) => ValueTask.FromResult(Match(device, uuid, ask));
    }

    private IReadOnlyList<LuksKey> Match(string device, string? uuid, Func<string, string?> ask)
    {
        var matches = new List<LuksKey>();
        foreach (var (id, type, value) in _keys)
        {
            if (id != device && (uuid is null || id != uuid))
            {
                continue;
            }

            matches.Add(new LuksKey(type switch
            {
                "key" => value!,
                "file" => FirstLine(value!),
                _ => null,
            }));
        }

        if (matches.Count == 0)
        {
            matches.Add(new LuksKey(ask(device) ?? throw new LuksKeyException("could not read key from user", device)));
        }

        return matches;
    }

    private static string FirstLine(string fileName)
    {
        try
        {
            using var reader = new StreamReader(fileName);
            return reader.ReadLine() ?? throw new LuksKeyException($"getline: {fileName}");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            var reason = e switch
            {
                FileNotFoundException or DirectoryNotFoundException => "No such file or directory",
                UnauthorizedAccessException => "Permission denied",
                _ => e.Message,
            };
            throw new LuksKeyException($"fopen: {fileName}: {reason}", innerException: e);
        }
    }
}

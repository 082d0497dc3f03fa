using System;
using System.Collections.Generic;
using System.Linq;

namespace Guestfs.Tools.Common;

/// <summary>
/// The tools' getopt tables. Stock writes each tool's <c>struct option</c> array out in full; most entries are the
/// same in every tool (<c>--add</c>, <c>--format</c>, <c>--key</c>, …) or in every tool that has them (<c>--csv</c>,
/// <c>-h|--human-readable</c>, the <c>-lR</c> field options), and are defined here once. A tool names its options in
/// stock's order (which <c>--long-options</c> prints and abbreviations resolve against) and defines only the ones
/// that are its own.
/// </summary>
internal static class OptionTable
{
    private static readonly Dictionary<string, LongOption> s_shared = new LongOption[]
    {
        new("add", ArgumentKind.Required, 'a'),
        new("blocksize", ArgumentKind.Optional),
        new("checksum", ArgumentKind.Optional),
        new("checksums", ArgumentKind.Optional),
        new("connect", ArgumentKind.Required, 'c'),
        new("csv", ArgumentKind.None),
        new("domain", ArgumentKind.Required, 'd'),
        new("echo-keys", ArgumentKind.None),
        new("extra-stat", ArgumentKind.None),
        new("extra-stats", ArgumentKind.None),
        new("format", ArgumentKind.Optional),
        new("help", ArgumentKind.None, LongOption.Help),
        new("human-readable", ArgumentKind.None, 'h'),
        new("json", ArgumentKind.None),
        new("key", ArgumentKind.Required),
        new("keys-from-stdin", ArgumentKind.None),
        new("long", ArgumentKind.None, 'l'),
        new("long-options", ArgumentKind.None),
        new("mount", ArgumentKind.Required, 'm'),
        new("short-options", ArgumentKind.None),
        new("time", ArgumentKind.None),
        new("times", ArgumentKind.None),
        new("time-days", ArgumentKind.None),
        new("time-relative", ArgumentKind.None),
        new("time-t", ArgumentKind.None),
        new("uid", ArgumentKind.None),
        new("uids", ArgumentKind.None),
        new("uuid", ArgumentKind.None),
        new("verbose", ArgumentKind.None, 'v'),
        new("version", ArgumentKind.None, 'V'),
    }.ToDictionary(o => o.Name, StringComparer.Ordinal);

    /// <summary>Builds a tool's parser.</summary>
    /// <param name="shortOptions">The short options in getopt's syntax (<c>"a:c:d:m:vVx"</c>).</param>
    /// <param name="longNames">Every long option's name, space-separated, in the stock tool's order.</param>
    /// <param name="own">The definitions of the names that are the tool's own.</param>
    /// <returns>The parser.</returns>
    /// <exception cref="ArgumentException">A name is neither shared nor defined in <paramref name="own"/>.</exception>
    public static Getopt Create(string shortOptions, string longNames, params LongOption[] own)
    {
        var table = longNames.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(name => own.FirstOrDefault(o => o.Name == name)
                ?? s_shared.GetValueOrDefault(name)
                ?? throw new ArgumentException($"--{name} is not a shared option and the tool does not define it", nameof(longNames)))
            .ToArray();
        return new Getopt(shortOptions, table);
    }
}

using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace Guestfs.Tools.Common;

/// <summary>
/// GNU <c>getopt_long</c> as the stock tools use it: options and operands in any order (operands are collected),
/// <c>--</c> ends the options, short options cluster (<c>-lR</c>), long names may be abbreviated to any prefix that is
/// not ambiguous, and errors read as glibc's.
/// </summary>
internal sealed class Getopt
{
    private readonly string _shortOptions;
    private readonly IReadOnlyList<LongOption> _longOptions;

    /// <summary>Creates a parser.</summary>
    /// <param name="shortOptions">The short options in getopt's syntax (<c>"a:c:d:m:vVx"</c>).</param>
    /// <param name="longOptions">The long options, in the order the stock tool lists them.</param>
    public Getopt(string shortOptions, IReadOnlyList<LongOption> longOptions)
    {
        _shortOptions = shortOptions;
        _longOptions = longOptions;
    }

    /// <summary>The <c>--short-options</c> listing: one <c>-X</c> line per short option.</summary>
    public string ShortOptionsListing =>
        string.Concat(_shortOptions.Where(c => c != ':').Select(c => $"-{c}\n"));

    /// <summary>The <c>--long-options</c> listing: one <c>--NAME</c> line per long option but those two.</summary>
    public string LongOptionsListing =>
        string.Concat(_longOptions
            .Where(o => o.Name is not "long-options" and not "short-options")
            .Select(o => $"--{o.Name}\n"));

    /// <summary>
    /// Parses the command line, yielding each option as it is reached (a tool acts on it before the next is
    /// parsed, as the stock tools do) and adding the operands to <paramref name="operands"/>.
    /// </summary>
    /// <param name="args">The arguments (without the program name).</param>
    /// <param name="operands">Receives the arguments that are not options, in order.</param>
    /// <returns>The options.</returns>
    /// <exception cref="UsageException">An unknown option, a missing or unexpected value, an ambiguous prefix.</exception>
    public IEnumerable<ParsedOption> Parse(IReadOnlyList<string> args, List<string> operands)
    {
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg == "--")
            {
                operands.AddRange(args.Skip(i + 1));
                yield break;
            }

            if (arg.StartsWith("--", StringComparison.Ordinal))
            {
                var text = arg[2..];
                var equals = text.IndexOf('=', StringComparison.Ordinal);
                var name = equals < 0 ? text : text[..equals];
                var option = FindLong(name, text);
                string? value = equals < 0 ? null : text[(equals + 1)..];
                switch (option.Argument)
                {
                    case ArgumentKind.None when value is not null:
                        throw new UsageException($"option '--{option.Name}' doesn't allow an argument", fromGetopt: true);
                    case ArgumentKind.Required when value is null:
                        if (i + 1 >= args.Count)
                        {
                            throw new UsageException($"option '--{option.Name}' requires an argument", fromGetopt: true);
                        }

                        value = args[++i];
                        break;
                }

                yield return new ParsedOption(option.Key, value);
                continue;
            }

            if (arg.Length < 2 || arg[0] != '-')
            {
                operands.Add(arg);
                continue;
            }

            for (var j = 1; j < arg.Length; j++)
            {
                var c = arg[j];
                var at = c == ':' ? -1 : _shortOptions.IndexOf(c, StringComparison.Ordinal);
                if (at < 0)
                {
                    throw new UsageException($"invalid option -- '{c}'", fromGetopt: true);
                }

                var kind = Kind(at);
                if (kind == ArgumentKind.None)
                {
                    yield return new ParsedOption(c.ToString(), null);
                    continue;
                }

                string? value = j + 1 < arg.Length ? arg[(j + 1)..] : null;
                if (value is null && kind == ArgumentKind.Required)
                {
                    if (i + 1 >= args.Count)
                    {
                        throw new UsageException($"option requires an argument -- '{c}'", fromGetopt: true);
                    }

                    value = args[++i];
                }

                yield return new ParsedOption(c.ToString(), value);
                break;
            }
        }
    }

    private ArgumentKind Kind(int at)
    {
        var colons = 0;
        while (at + 1 + colons < _shortOptions.Length && _shortOptions[at + 1 + colons] == ':')
        {
            colons++;
        }

        return colons switch
        {
            0 => ArgumentKind.None,
            1 => ArgumentKind.Required,
            _ => ArgumentKind.Optional,
        };
    }

    private LongOption FindLong(string name, string text)
    {
        var exact = _longOptions.FirstOrDefault(o => o.Name == name);
        if (exact is not null)
        {
            return exact;
        }

        var matches = _longOptions.Where(o => o.Name.StartsWith(name, StringComparison.Ordinal)).ToList();
        if (matches.Count == 0)
        {
            throw new UsageException($"unrecognized option '--{text}'", fromGetopt: true);
        }

        var first = matches[0];
        if (matches.Any(o => o.Argument != first.Argument || o.Value != first.Value))
        {
            var message = new StringBuilder($"option '--{text}' is ambiguous; possibilities:");
            foreach (var o in matches)
            {
                message.Append(" '--").Append(o.Name).Append('\'');
            }

            throw new UsageException(message.ToString(), fromGetopt: true);
        }

        return first;
    }
}

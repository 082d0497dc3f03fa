using System;
using System.Collections.Generic;

namespace Gfish.Cli;

/// <summary>
/// Parses gfish's command line as guestfish's getopt does: options may come anywhere before <c>--</c>
/// (short options cluster, <c>-aIMG</c> and <c>--add=IMG</c> forms), the other words are commands separated by <c>:</c> words.
/// </summary>
internal static class OptionParser
{
    private static readonly HashSet<string> s_ignored = ["--selinux", "--no-dest-paths"];

    /// <summary>Parses the arguments.</summary>
    /// <param name="args">The arguments.</param>
    /// <returns>The options.</returns>
    /// <exception cref="OptionException">An unknown option, a missing value or a bad value.</exception>
    public static GfishOptions Parse(IReadOnlyList<string> args)
    {
        var options = new GfishOptions();
        var words = new List<string>();
        string? format = null;
        var i = 0;

        string Value(string option, string? inline)
        {
            if (inline is not null)
            {
                return inline;
            }

            if (i + 1 >= args.Count)
            {
                throw new OptionException($"option requires an argument -- '{option.TrimStart('-')}'");
            }

            return args[++i];
        }

        void Apply(string option, string? inline)
        {
            switch (option)
            {
                case "-a":
                case "--add":
                    options.Images.Add(new ImageOption(Value(option, inline), format));
                    break;
                case "--format":
                    format = string.IsNullOrEmpty(inline) ? null : inline;
                    break;
                case "-r":
                case "--ro":
                    options.ReadOnly = true;
                    break;
                case "-w":
                case "--rw":
                    options.ReadOnly = false;
                    break;
                case "-m":
                case "--mount":
                    options.Mounts.Add(MountOption.Parse(Value(option, inline)));
                    break;
                case "-i":
                case "--inspector":
                    options.Inspect = true;
                    break;
                case "-N":
                case "--new":
                    var spec = Value(option, inline);
                    if (spec == "help")
                    {
                        options.Action = OptionAction.ScratchHelp;
                        break;
                    }

                    options.ScratchDisks.Add(ScratchDiskSpec.Parse(spec, options.ScratchDisks.Count + 1));
                    break;
                case "-f":
                case "--file":
                    options.ScriptFile = Value(option, inline);
                    break;
                case "-x":
                    options.Trace = true;
                    break;
                case "-v":
                case "--verbose":
                    options.Verbose = true;
                    break;
                case "-V":
                case "--version":
                    options.Action = OptionAction.Version;
                    break;
                case "--help":
                    options.Action = OptionAction.Usage;
                    break;
                case "-h":
                case "--cmd-help":
                    options.Action = OptionAction.CommandHelp;
                    if (inline is not null)
                    {
                        options.HelpCommand = inline;
                    }
                    else if (i + 1 < args.Count && !args[i + 1].StartsWith('-'))
                    {
                        options.HelpCommand = args[++i];
                    }

                    break;
                case "--keys-from-stdin":
                    options.KeysFromStdin = true;
                    break;
                case "--echo-keys":
                    options.EchoKeys = true;
                    break;
                case "--key":
                    options.Keys.Add(Value(option, inline));
                    break;
                case "--network":
                    options.Network = true;
                    break;
                case "-n":
                case "--no-sync":
                    options.NoSync = true;
                    break;
                case "--pipe-error":
                    options.PipeError = true;
                    break;
                case "--progress-bars":
                    options.ProgressBars = true;
                    break;
                case "--no-progress-bars":
                    options.ProgressBars = false;
                    break;
                case "--listen":
                    options.Listen = true;
                    break;
                case "--remote":
                    options.Remote = inline ?? string.Empty;
                    break;
                case "--csh":
                    options.CshSyntax = true;
                    break;
                case "-d":
                case "--domain":
                case "-c":
                case "--connect":
                case "--blocksize":
                    throw new OptionException($"option '{option}' is not supported by gfish");
                default:
                    if (s_ignored.Contains(option))
                    {
                        break;
                    }

                    throw new OptionException(option.StartsWith("--", StringComparison.Ordinal)
                        ? $"unrecognized option '{option}'"
                        : $"invalid option -- '{option.TrimStart('-')}'");
            }
        }

        for (; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg == "--")
            {
                for (i++; i < args.Count; i++)
                {
                    words.Add(args[i]);
                }

                break;
            }

            if (arg.StartsWith("--", StringComparison.Ordinal))
            {
                var eq = arg.IndexOf('=', StringComparison.Ordinal);
                Apply(eq < 0 ? arg : arg[..eq], eq < 0 ? null : arg[(eq + 1)..]);
            }
            else if (arg.Length > 1 && arg[0] == '-')
            {
                // A cluster of short options; one that takes a value takes the rest of the cluster or the next word.
                for (var k = 1; k < arg.Length; k++)
                {
                    var option = "-" + arg[k];
                    if (option is "-a" or "-m" or "-N" or "-f" or "-d" or "-c" or "-h")
                    {
                        Apply(option, k + 1 < arg.Length ? arg[(k + 1)..] : null);
                        break;
                    }

                    Apply(option, null);
                }
            }
            else
            {
                words.Add(arg);
            }
        }

        SplitCommands(words, options.Commands);
        return options;
    }

    private static void SplitCommands(List<string> words, List<IReadOnlyList<string>> commands)
    {
        var current = new List<string>();
        foreach (var word in words)
        {
            if (word == ":")
            {
                if (current.Count > 0)
                {
                    commands.Add(current);
                }

                current = [];
            }
            else
            {
                current.Add(word);
            }
        }

        if (current.Count > 0)
        {
            commands.Add(current);
        }
    }
}

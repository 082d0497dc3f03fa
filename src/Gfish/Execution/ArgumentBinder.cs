using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using Gfish.Commands;
using Gfish.Parsing;

namespace Gfish.Execution;

/// <summary>Checks and converts a command's text arguments as guestfish's generated <c>run_*</c> functions do.</summary>
internal sealed class ArgumentBinder
{
    private readonly string _program;
    private readonly Func<Stream> _standardInput;
    private readonly Func<string, string?> _readKey;

    /// <summary>Creates a binder.</summary>
    /// <param name="program">Program name for boolean errors.</param>
    /// <param name="standardInput">Opens standard input for FileIn <c>-</c>.</param>
    /// <param name="readKey">Reads a key or passphrase for a Key argument (given its name); keys are never on the command line.</param>
    public ArgumentBinder(string program, Func<Stream> standardInput, Func<string, string?> readKey)
    {
        _program = program;
        _standardInput = standardInput;
        _readKey = readKey;
    }

    /// <summary>Converts the arguments; opens local files for FileIn/FileOut.</summary>
    /// <param name="typedName">The command name as typed (used in messages).</param>
    /// <param name="command">The action.</param>
    /// <param name="args">The text arguments.</param>
    /// <param name="output">Where FileOut <c>-</c> writes.</param>
    /// <returns>The converted arguments.</returns>
    /// <exception cref="ConversionException">An argument is wrong; the message is guestfish's (may span lines).</exception>
    public BoundArguments Bind(string typedName, CommandInfo command, IReadOnlyList<string> args, Stream output)
    {
        var positional = command.Parameters.Where(p => p.Kind != ParameterKind.Key).ToArray();
        if (args.Count < positional.Length || args.Count > positional.Length + command.OptionalParameters.Count)
        {
            throw new ConversionException(
                $"error: incorrect number of arguments\nusage: {command.Usage}\ntype 'help {command.DisplayName}' for more help on {command.DisplayName}");
        }

        var bound = new BoundArguments();
        try
        {
            // Local files are opened last, once every argument has been checked, as guestfish passes their names on.
            var files = new List<(int Index, ParameterKind Kind, string Text)>();
            var i = 0;
            foreach (var parameter in command.Parameters)
            {
                if (parameter.Kind == ParameterKind.Key)
                {
                    bound.Arguments.Add(_readKey(parameter.Name) ?? string.Empty);
                    continue;
                }

                if (parameter.Kind is ParameterKind.FileIn or ParameterKind.FileOut)
                {
                    files.Add((bound.Arguments.Count, parameter.Kind, args[i++]));
                    bound.Arguments.Add(null);
                    continue;
                }

                bound.Arguments.Add(Convert(typedName, parameter.Name, parameter.Kind, args[i++], bound, output));
            }

            for (; i < args.Count; i++)
            {
                var text = args[i];
                var colon = text.IndexOf(':', StringComparison.Ordinal);
                var name = colon < 0 ? text : text[..colon];
                var option = colon < 0 ? null : command.OptionalParameters.FirstOrDefault(o => o.Name == name);
                if (option is null)
                {
                    throw new ConversionException($"{typedName}: unknown optional argument \"{text}\"");
                }

                if (bound.Options.ContainsKey(option.Name))
                {
                    throw new ConversionException($"{typedName}: optional argument \"{option.Name}\" given more than once");
                }

                bound.Options[option.Name] = Convert(typedName, "optargs_s." + option.Name, option.Kind, text[(colon + 1)..], bound, output, optional: true);
            }

            foreach (var (index, kind, text) in files)
            {
                bound.Arguments[index] = Convert(typedName, string.Empty, kind, text, bound, output);
            }

            return bound;
        }
        catch
        {
            bound.Dispose();
            throw;
        }
    }

    private object? Convert(string typedName, string argName, ParameterKind kind, string text, BoundArguments bound, Stream output, bool optional = false) =>
        kind switch
        {
            ParameterKind.String or ParameterKind.Key => text,
            ParameterKind.OptString => optional || text.Length != 0 ? text : null,
            ParameterKind.StringList => StringListParser.Parse(text),
            ParameterKind.Bool => BoolParser.Parse(_program, text),
            ParameterKind.Int => IntegerParser.ParseInt32(typedName, argName, text),
            ParameterKind.Int64 => IntegerParser.ParseInt64(typedName, argName, text),
            ParameterKind.BufferIn => Encoding.UTF8.GetBytes(text),
            ParameterKind.FileIn => text == "-" ? _standardInput() : bound.Own(OpenLocal(text, FileMode.Open, FileAccess.Read)),
            ParameterKind.FileOut => text == "-" ? output : bound.Own(OpenLocal(text, FileMode.Create, FileAccess.Write)),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown parameter kind."),
        };

    private static FileStream OpenLocal(string path, FileMode mode, FileAccess access)
    {
        try
        {
            return new FileStream(path, mode, access, FileShare.ReadWrite, 1 << 16, useAsync: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new LocalFileException($"open: {path}: {LocalFileException.Describe(e)}", e);
        }
    }
}

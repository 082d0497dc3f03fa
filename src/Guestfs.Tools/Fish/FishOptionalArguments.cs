using System;
using System.Collections.Generic;
using Guestfs.Tools.Common;

namespace Guestfs.Tools.Fish;

/// <summary>guestfish's <c>name:value</c> optional arguments of one command.</summary>
internal sealed class FishOptionalArguments
{
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);
    private readonly string _command;

    private FishOptionalArguments(string command)
    {
        _command = command;
    }

    /// <summary>Parses the arguments after a command's required ones.</summary>
    /// <param name="command">The command (for messages).</param>
    /// <param name="args">The <c>name:value</c> arguments.</param>
    /// <param name="names">The names the command takes.</param>
    /// <returns>The values by name.</returns>
    /// <exception cref="ToolExitException">An unknown name, or a repeated one.</exception>
    public static FishOptionalArguments Parse(string command, IEnumerable<string> args, IReadOnlyCollection<string> names)
    {
        var result = new FishOptionalArguments(command);
        foreach (var arg in args)
        {
            var colon = arg.IndexOf(':', StringComparison.Ordinal);
            var name = colon < 0 ? arg : arg[..colon];
            if (colon < 0 || !((ICollection<string>)names).Contains(name))
            {
                throw new ToolExitException($"{command}: unknown optional argument \"{arg}\"\n");
            }

            if (!result._values.TryAdd(name, arg[(colon + 1)..]))
            {
                throw new ToolExitException($"{command}: optional argument \"{name}\" given twice\n");
            }
        }

        return result;
    }

    /// <summary>A string value, or null when not given.</summary>
    /// <param name="name">The name.</param>
    /// <returns>The value.</returns>
    public string? String(string name) => _values.GetValueOrDefault(name);

    /// <summary>A boolean value as guestfish reads it (<c>true</c>/<c>yes</c>/<c>on</c>/<c>1</c> or <c>false</c>/<c>no</c>/<c>off</c>/<c>0</c>), or null.</summary>
    /// <param name="name">The name.</param>
    /// <returns>The value.</returns>
    /// <exception cref="ToolExitException">Not a boolean.</exception>
    public bool? Bool(string name) => String(name)?.ToLowerInvariant() switch
    {
        null => null,
        "true" or "t" or "yes" or "y" or "on" or "1" => true,
        "false" or "f" or "no" or "n" or "off" or "0" => false,
        _ => throw new ToolExitException($"{_command}: {name}: invalid boolean value, enter 'true', 'yes', 'false' or 'no'\n"),
    };
}

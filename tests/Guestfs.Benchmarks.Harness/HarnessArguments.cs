using System;
using System.Collections.Generic;
using System.Globalization;

namespace Guestfs.Benchmarks.Harness;

/// <summary>The <c>--name value</c> and <c>--flag</c> options of a harness mode.</summary>
public sealed class HarnessArguments
{
    private readonly Dictionary<string, string?> _values;

    private HarnessArguments(Dictionary<string, string?> values) => _values = values;

    /// <summary>Parses options; a name followed by another option or by nothing is a flag.</summary>
    /// <param name="args">The arguments after the mode.</param>
    /// <returns>The options.</returns>
    public static HarnessArguments Parse(string[] args)
    {
        var values = new Dictionary<string, string?>(StringComparer.Ordinal);
        for (int i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal))
            {
                throw new ArgumentException($"unexpected argument '{args[i]}'");
            }

            string name = args[i][2..];
            string? value = i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal) ? args[++i] : null;
            values[name] = value;
        }

        return new HarnessArguments(values);
    }

    /// <summary>The value of a required option.</summary>
    /// <param name="name">Option name without dashes.</param>
    /// <returns>The value.</returns>
    public string Required(string name) =>
        _values.TryGetValue(name, out string? v) && v is not null ? v : throw new ArgumentException($"--{name} is required");

    /// <summary>The value of an optional option, or null.</summary>
    /// <param name="name">Option name without dashes.</param>
    /// <returns>The value or null.</returns>
    public string? Optional(string name) => _values.TryGetValue(name, out string? v) ? v : null;

    /// <summary>A required positive integer option.</summary>
    /// <param name="name">Option name without dashes.</param>
    /// <returns>The value.</returns>
    public int RequiredInt(string name)
    {
        string text = Required(name);
        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int v) && v > 0
            ? v
            : throw new ArgumentException($"--{name} must be a positive integer, not '{text}'");
    }

    /// <summary>Whether a flag is present.</summary>
    /// <param name="name">Flag name without dashes.</param>
    /// <returns>True if given.</returns>
    public bool Flag(string name) => _values.ContainsKey(name);
}

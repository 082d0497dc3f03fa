using System.Collections.Generic;

namespace Gfish.Commands;

/// <summary>One action as the shell sees it: how to call it and how to print its result.</summary>
/// <param name="Name">The libguestfs name with underscores (e.g. <c>add_drive</c>).</param>
/// <param name="Aliases">Other names guestfish accepts (e.g. <c>add</c>).</param>
/// <param name="Parameters">Required arguments in order.</param>
/// <param name="OptionalParameters">Optional <c>name:value</c> arguments in order.</param>
/// <param name="Return">The result.</param>
/// <param name="Summary">The one-line summary.</param>
/// <param name="Description">The longer description for <c>help CMD</c>.</param>
internal sealed record CommandInfo(
    string Name,
    IReadOnlyList<string> Aliases,
    IReadOnlyList<ParameterInfo> Parameters,
    IReadOnlyList<ParameterInfo> OptionalParameters,
    ReturnInfo Return,
    string Summary,
    string Description)
{
    /// <summary>The name as guestfish shows it, with dashes.</summary>
    public string DisplayName => Name.Replace('_', '-');

    /// <summary>The progress-bar hint: the action reports progress.</summary>
    public bool Progress { get; init; }

    /// <summary>Calls the action on a library handle (the generated invoker); null for an entry without one.</summary>
    public Guestfs.Commands.CommandInvoker? Invoke { get; init; }

    /// <summary>The action that replaces this deprecated one, if any.</summary>
    public string? DeprecatedBy { get; init; }

    /// <summary>The usage line guestfish prints, e.g. <c>mkfs fstype device [blocksize:N] [label:..]</c>.</summary>
    public string Usage
    {
        get
        {
            var parts = new List<string> { DisplayName };
            foreach (var p in Parameters)
            {
                // Keys are read from the terminal, not given on the command line.
                if (p.Kind != ParameterKind.Key)
                {
                    parts.Add(p.Name);
                }
            }

            foreach (var o in OptionalParameters)
            {
                var value = o.Kind switch
                {
                    ParameterKind.Bool => "true|false",
                    ParameterKind.Int or ParameterKind.Int64 => "N",
                    _ => "..",
                };
                parts.Add($"[{o.Name}:{value}]");
            }

            return string.Join(' ', parts);
        }
    }
}

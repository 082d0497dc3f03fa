using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using Guestfs.Generator.Model;

namespace Guestfs.Generator.Emitting;

/// <summary>Emits <c>CommandTable.g.cs</c>: names, aliases, argument kinds and help of every public action, for the shell.</summary>
internal static class CommandTableEmitter
{
    /// <summary>Renders the command table.</summary>
    /// <param name="spec">The output model (public actions).</param>
    /// <returns>The file.</returns>
    public static GeneratedFileSpec Emit(OutputSpec spec) =>
        new(spec.HintName, TemplateRenderer.Render("CommandTable", new
        {
            Header = EmitterHeader.For(spec.Sources),
            ArgumentKinds = Enum.GetNames(typeof(ParameterKind)).Where(static n => n != nameof(ParameterKind.Pointer))
                .Select(static n => new { Name = n, Doc = "A <c>" + n + "</c> argument." })
                .Concat(Enum.GetNames(typeof(OptionKind)).Select(static n => new { Name = "Optional" + n, Doc = "An optional <c>" + n + "</c> argument." }))
                .ToList(),
            ReturnKinds = Enum.GetNames(typeof(ReturnKind)).Select(static n => new { Name = n, Doc = n == "None" ? "Nothing." : "A <c>" + n + "</c> result." }).ToList(),
            Commands = spec.Actions.OrderBy(static a => a.Name, StringComparer.Ordinal).Select(static a => new
            {
                Name = Literal(a.Name),
                MethodName = Literal(a.Stem + "Async"),
                Aliases = a.Aliases.Count == 0 ? "Array.Empty<string>()" : "new[] { " + string.Join(", ", a.Aliases.Select(Literal)) + " }",
                Arguments = a.Parameters.Count + a.Options.Count == 0
                    ? "Array.Empty<CommandArgument>()"
                    : "new CommandArgument[] { " + string.Join(", ", a.Parameters.Select(static p => "new(" + Literal(p.WireName) + ", CommandArgumentKind." + p.Kind + ", false)")
                        .Concat(a.Options.Select(static o => "new(" + Literal(o.WireName) + ", CommandArgumentKind.Optional" + o.Kind + ", true)"))) + " }",
                Returns = a.Return.Kind.ToString(),
                Summary = Literal(a.Summary),
                Help = Literal(a.Description),
                IsDeprecated = a.Deprecated ? "true" : "false",
            }).ToList(),
        }));

    /// <summary>A C# string literal.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The quoted, escaped literal.</returns>
    public static string Literal(string text)
    {
        var sb = new StringBuilder(text.Length + 2);
        sb.Append('"');
        foreach (char c in text)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': break;
                case '\t': sb.Append("\\t"); break;
                default: sb.Append(c); break;
            }
        }

        sb.Append('"');
        return sb.ToString();
    }
}

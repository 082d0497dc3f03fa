using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using Guestfs.Generator.Model;

namespace Guestfs.Generator.Emitting;

/// <summary>
/// Emits <c>CommandTable.g.cs</c>: for every public action its names, argument kinds and widths, result kind and
/// number style, progress, help and a typed invoker; and the field lists of the structures actions return. The
/// record and helper types it fills are hand-written in <c>src/Guestfs/Commands/</c>.
/// </summary>
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
            ReturnKinds = Enum.GetNames(typeof(MethodReturnKind)).Select(static n => new { Name = n, Doc = n == "None" ? "Nothing." : "A <c>" + n + "</c> result." }).ToList(),
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
                Initializers = Initializers(a),
            }).ToList(),
            Structs = spec.Codecs.OrderBy(static c => c.Name, StringComparer.Ordinal).Select(static c => new
            {
                Type = c.FullName,
                Fields = c.Fields.Select(static f => "new(" + Literal(f.WireName) + ", value." + f.PropertyName + ")").ToList(),
            }).ToList(),
        }));

    /// <summary>The object initialisers of one entry: number style and progress when not the default, and the invoker.</summary>
    /// <param name="a">The action.</param>
    /// <returns>One <c>Property = value</c> per line.</returns>
    private static List<string> Initializers(MethodSpec a)
    {
        var lines = new List<string>();
        if (a.NumberStyle != NumberStyle.Decimal)
        {
            lines.Add("NumberStyle = CommandNumberStyle." + a.NumberStyle);
        }

        if (ReportsProgress(a))
        {
            lines.Add("ReportsProgress = true");
        }

        lines.Add("InvokeAsync = " + Invoker(a));
        return lines;
    }

    /// <summary>Whether the handle method takes a progress sink (daemon actions flagged <c>progress</c>).</summary>
    private static bool ReportsProgress(MethodSpec a) => a.Progress && a.IsDaemon;

    /// <summary>
    /// The invoker lambda: converts the shell's arguments with the typed accessors of <c>CommandArguments</c>, calls the
    /// handle method and wraps its result in a <c>CommandResult</c> of the action's return kind.
    /// </summary>
    /// <param name="a">The action.</param>
    /// <returns>The lambda.</returns>
    private static string Invoker(MethodSpec a)
    {
        var arguments = new List<string>();
        for (int i = 0; i < a.Parameters.Count; i++)
        {
            arguments.Add("arguments." + Accessor(a.Parameters[i].Kind) + "(" + i.ToString(CultureInfo.InvariantCulture) + ")");
        }

        if (a.Options.Count > 0)
        {
            arguments.Add("arguments.HasOptions ? new " + a.OptionsType + " { "
                + string.Join(", ", a.Options.Select(static o => o.PropertyName + " = arguments." + OptionAccessor(o.Kind) + "(" + Literal(o.WireName) + ")"))
                + " } : null");
        }

        if (ReportsProgress(a))
        {
            arguments.Add("progress");
        }

        arguments.Add("cancellationToken");
        string call = "await handle." + a.Stem + "Async(" + string.Join(", ", arguments) + ").ConfigureAwait(false)";
        string body = a.Return.Kind switch
        {
            MethodReturnKind.None => "{ " + call + "; return CommandResult.None; }",
            MethodReturnKind.Struct => "CommandResult.FromStruct(" + call + ", Fields)",
            MethodReturnKind.StructList => "CommandResult.FromStructList(" + call + ", Fields)",
            MethodReturnKind.Int => "CommandResult.FromInt32(" + call + ")",
            MethodReturnKind.OptString => "CommandResult.FromString(" + call + ")",
            _ => "CommandResult.From" + a.Return.Kind + "(" + call + ")",
        };
        return "static async (handle, arguments, progress, cancellationToken) => " + body;
    }

    private static string Accessor(ParameterKind kind) => kind switch
    {
        ParameterKind.OptString => "OptString",
        ParameterKind.StringList or ParameterKind.DeviceList or ParameterKind.FilenameList => "StringList",
        ParameterKind.Bool => "Bool",
        ParameterKind.Int => "Int32",
        ParameterKind.Int64 => "Int64",
        ParameterKind.BufferIn => "Buffer",
        ParameterKind.FileIn or ParameterKind.FileOut => "Stream",
        _ => "String",
    };

    private static string OptionAccessor(OptionKind kind) => kind switch
    {
        OptionKind.Bool => "OptionalBool",
        OptionKind.Int => "OptionalInt32",
        OptionKind.Int64 => "OptionalInt64",
        OptionKind.String => "OptionalString",
        _ => "OptionalStringList",
    };

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

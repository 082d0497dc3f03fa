using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Guestfs.Generator.Helpers;
using Guestfs.Generator.Model;

namespace Guestfs.Generator.Emitting;

/// <summary>
/// Emits the handle's methods: <c>Actions.&lt;Group&gt;.g.cs</c> (one per actions-table group, daemon actions),
/// <c>Actions.LibrarySide.g.cs</c> (partial declarations the runtime implements) and <c>Options.g.cs</c>.
/// </summary>
internal static class ActionsEmitter
{
    private const string Indent = "    ";
    private const string Body = "        ";

    /// <summary>Renders one group of daemon actions.</summary>
    /// <param name="spec">The output model (its actions and, for deprecation notes, the replacement stems).</param>
    /// <param name="summary">The summary of this part of the class.</param>
    /// <returns>The file.</returns>
    public static GeneratedFileSpec EmitGroup(OutputSpec spec, string summary)
    {
        var methods = new List<string>();
        foreach (MethodSpec action in spec.Actions)
        {
            methods.AddRange(action.IsDaemon ? DaemonMethods(action) : new[] { RuntimeDeclaration(action) });
        }

        return new GeneratedFileSpec(spec.HintName, TemplateRenderer.Render("Actions", new
        {
            Header = EmitterHeader.For(spec.Sources),
            Summary = XmlDoc.Escape(summary),
            Methods = methods,
        }));
    }

    /// <summary>Renders the options records.</summary>
    /// <param name="spec">The output model.</param>
    /// <returns>The file.</returns>
    public static GeneratedFileSpec EmitOptions(OutputSpec spec) =>
        new(spec.HintName, TemplateRenderer.Render("Options", new
        {
            Header = EmitterHeader.For(spec.Sources),
            Records = spec.OptionRecords.Select(static r => new
            {
                r.ActionName,
                r.Stem,
                r.TypeName,
                Options = r.Options.Select(static o => new
                {
                    o.WireName,
                    o.PropertyName,
                    o.CsType,
                    Bit = o.Bit.ToString(CultureInfo.InvariantCulture),
                    Range = RangeText.Describe(o.Minimum, o.Maximum),
                }).ToList(),
            }).ToList(),
        }));

    private static IEnumerable<string> DaemonMethods(MethodSpec a)
    {
        yield return DaemonMethod(a);
        ParameterSpec? file = a.Parameters.FirstOrDefault(static p => p.Kind is ParameterKind.FileIn or ParameterKind.FileOut);
        if (file is not null)
        {
            yield return PathOverload(a, file);
        }
    }

    private static string DaemonMethod(MethodSpec a)
    {
        var w = new SourceWriter(1);
        WriteDocs(w, a, pathOverloadOf: null);
        WriteAttributes(w, a);
        w.Line(Access(a) + " async " + TaskType(a) + " " + a.Stem + "Async(" + ParameterList(a, pathOverloadOf: null, defaults: true) + ")");
        w.Open();
        foreach (ParameterSpec p in a.Parameters)
        {
            WriteGuard(w, p);
        }

        foreach (OptionSpec o in a.Options)
        {
            WriteOptionGuard(w, o);
        }

        string args = "null";
        if (a.ArgsType.Length > 0)
        {
            w.Line("var args = new " + a.ArgsType + "(" + string.Join(", ", a.ArgsFields.Select(f => ArgsValue(a, f))) + ");");
            args = "args";
        }

        string bitmask = a.Options.Count > 0 ? "options?.GetOptargsBitmask() ?? 0" : "0";
        string transfer = Transfer(a);
        string call = "Procedure." + a.Stem + ", " + args + ", optargsBitmask: " + bitmask + ", transfer: " + transfer + ", cancellationToken";
        if (a.Return.Kind == MethodReturnKind.None || a.RetType.Length == 0)
        {
            w.Line("await CallAsync(" + call + ").ConfigureAwait(false);");
        }
        else
        {
            w.Line("var ret = await CallAsync<" + a.RetType + ">(" + call + ").ConfigureAwait(false);");
            WriteReturn(w, a.Return);
        }

        w.Close();
        return w.ToString();
    }

    private static string PathOverload(MethodSpec a, ParameterSpec file)
    {
        var w = new SourceWriter(1);
        WriteDocs(w, a, pathOverloadOf: file);
        WriteAttributes(w, a);
        w.Line(Access(a) + " async " + TaskType(a) + " " + a.Stem + "Async(" + ParameterList(a, pathOverloadOf: file, defaults: true) + ")");
        w.Open();
        w.Line("ArgumentGuard.ThrowIfNull(" + file.Name + ");");
        string stream = file.Name.TrimStart('@') + "Stream";
        if (file.Kind == ParameterKind.FileIn)
        {
            w.Line("var " + stream + " = new FileStream(" + file.Name + ", FileMode.Open, FileAccess.Read, FileShare.Read, 81920, FileOptions.Asynchronous | FileOptions.SequentialScan);");
        }
        else
        {
            w.Line("var " + stream + " = new FileStream(" + file.Name + ", FileMode.Create, FileAccess.Write, FileShare.None, 81920, FileOptions.Asynchronous);");
        }

        w.Line("await using (" + stream + ".ConfigureAwait(false))");
        w.Open();
        var arguments = new List<string>();
        foreach (ParameterSpec p in a.Parameters)
        {
            arguments.Add(p == file ? stream : p.Name);
        }

        if (a.Options.Count > 0)
        {
            arguments.Add("options");
        }

        if (a.Progress)
        {
            arguments.Add("progress");
        }

        arguments.Add("cancellationToken");
        string invoke = "await " + a.Stem + "Async(" + string.Join(", ", arguments) + ").ConfigureAwait(false);";
        w.Line(a.Return.Kind == MethodReturnKind.None ? invoke : "return " + invoke);
        w.Close();
        w.Close();
        return w.ToString();
    }

    private static string RuntimeDeclaration(MethodSpec a)
    {
        var w = new SourceWriter(1);
        WriteDocs(w, a, pathOverloadOf: null);
        WriteAttributes(w, a);
        w.Line(Access(a) + " partial " + TaskType(a) + " " + a.Stem + "Async(" + ParameterList(a, pathOverloadOf: null, defaults: true) + ");");
        return w.ToString();
    }

    private static string Access(MethodSpec a) => a.IsInternal ? "internal" : "public";

    private static string TaskType(MethodSpec a) =>
        a.Return.Kind == MethodReturnKind.None ? "Task" : "Task<" + a.Return.CsType + ">";

    private static string ParameterList(MethodSpec a, ParameterSpec? pathOverloadOf, bool defaults)
    {
        var list = new List<string>();
        foreach (ParameterSpec p in a.Parameters)
        {
            list.Add((p == pathOverloadOf ? "string" : p.CsType) + " " + p.Name);
        }

        string eq = defaults ? " = null" : string.Empty;
        if (a.Options.Count > 0)
        {
            list.Add(a.OptionsType + "? options" + eq);
        }

        if (a.Progress && a.IsDaemon)
        {
            list.Add("IProgress<GuestfsProgress>? progress" + eq);
        }

        list.Add("CancellationToken cancellationToken" + (defaults ? " = default" : string.Empty));
        return string.Join(", ", list);
    }

    private static void WriteDocs(SourceWriter w, MethodSpec a, ParameterSpec? pathOverloadOf)
    {
        string summary = a.Summary.Length == 0 ? "Calls <c>" + a.Name + "</c>." : XmlDoc.Escape(a.Summary.TrimEnd('.')) + ".";
        w.Line(XmlDoc.Block("summary", summary, string.Empty));
        var paragraphs = new List<string>();
        foreach (string paragraph in a.Description.Replace("\r\n", "\n").Split(new[] { "\n\n" }, System.StringSplitOptions.RemoveEmptyEntries))
        {
            if (paragraph.Trim().Length > 0)
            {
                paragraphs.Add(XmlDoc.Escape(paragraph.Trim()));
            }
        }

        paragraphs.Add("libguestfs action <c>" + a.Name + "</c>" + (a.IsDaemon ? ", procedure " + a.ProcNumber.ToString(CultureInfo.InvariantCulture) : ", library-side") +
            (a.Added.Length > 0 ? "; added in " + a.Added : string.Empty) + ".");
        if (a.Deprecated)
        {
            paragraphs.Add("Deprecated" + (a.DeprecatedBy.Length > 0 ? ": use <c>" + a.DeprecatedBy + "</c> instead." : "."));
        }

        w.Line("/// <remarks>");
        foreach (string paragraph in paragraphs)
        {
            w.Line("/// <para>");
            foreach (string line in Wrap(paragraph, 112))
            {
                w.Line("/// " + line);
            }

            w.Line("/// </para>");
        }

        w.Line("/// </remarks>");
        foreach (ParameterSpec p in a.Parameters)
        {
            string doc = p == pathOverloadOf
                ? (p.Kind == ParameterKind.FileIn ? "Path of the local file to upload." : "Path of the local file to write; it is created or overwritten.")
                : p.Doc;
            w.Line(XmlDoc.Param(p.Name, doc, string.Empty));
        }

        if (a.Options.Count > 0)
        {
            w.Line(XmlDoc.Param("options", "Optional arguments; null or unset properties are not sent.", string.Empty));
        }

        if (a.Progress && a.IsDaemon)
        {
            w.Line(XmlDoc.Param("progress", "Receives the daemon's progress messages, if not null.", string.Empty));
        }

        w.Line(XmlDoc.Param("cancellationToken", "Cancels the call.", string.Empty));
        w.Line("/// <returns>" + ReturnsDoc(a.Return) + "</returns>");
    }

    /// <summary>Re-flows a paragraph to lines of at most <paramref name="width"/> characters (longer words stay whole).</summary>
    private static IEnumerable<string> Wrap(string paragraph, int width)
    {
        var line = new System.Text.StringBuilder();
        foreach (string word in paragraph.Split(new[] { ' ', '\n', '\t' }, System.StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.Length > 0 && line.Length + 1 + word.Length > width)
            {
                yield return line.ToString();
                line.Clear();
            }

            if (line.Length > 0)
            {
                line.Append(' ');
            }

            line.Append(word);
        }

        if (line.Length > 0)
        {
            yield return line.ToString();
        }
    }

    private static string ReturnsDoc(MethodReturnSpec r) => r.Kind switch
    {
        MethodReturnKind.None => "A task that completes when the daemon has replied.",
        MethodReturnKind.Bool => "The boolean result.",
        MethodReturnKind.Int or MethodReturnKind.Int64 => "The numeric result.",
        MethodReturnKind.String => "The string result.",
        MethodReturnKind.OptString => "The string result, or null when there is none.",
        MethodReturnKind.StringList => "The list of strings.",
        MethodReturnKind.Struct => "The structure.",
        MethodReturnKind.StructList => "The list of structures.",
        MethodReturnKind.Hashtable => "The key-value table.",
        MethodReturnKind.Buffer => "The bytes returned.",
        _ => "The result.",
    };

    private static void WriteAttributes(SourceWriter w, MethodSpec a)
    {
        if (a.Deprecated)
        {
            string message = a.DeprecatedBy.Length > 0
                ? "Deprecated: use " + Naming.PascalCaseWords(a.DeprecatedBy) + "Async (" + a.DeprecatedBy + ") instead."
                : "Deprecated: this action is kept for compatibility only.";
            w.Line("[Obsolete(\"" + message + "\")]");
        }
    }

    private static void WriteGuard(SourceWriter w, ParameterSpec p)
    {
        switch (p.Kind)
        {
            case ParameterKind.Pathname:
                w.Line("ArgumentGuard.ThrowIfInvalidPathname(" + p.Name + ");");
                break;
            case ParameterKind.Device:
                w.Line("ArgumentGuard.ThrowIfInvalidDevice(" + p.Name + ");");
                break;
            case ParameterKind.String:
            case ParameterKind.Mountable:
            case ParameterKind.DevOrPath:
            case ParameterKind.MountableOrPath:
            case ParameterKind.Filename:
            case ParameterKind.Key:
                w.Line("ArgumentGuard.ThrowIfContainsNul(" + p.Name + ");");
                break;
            case ParameterKind.Guid:
                w.Line("ArgumentGuard.ThrowIfInvalidGuid(" + p.Name + ");");
                break;
            case ParameterKind.StringList:
            case ParameterKind.DeviceList:
            case ParameterKind.FilenameList:
                w.Line("ArgumentGuard.ThrowIfInvalidStringList(" + p.Name + ");");
                break;
            case ParameterKind.OptString:
                w.Line("if (" + p.Name + " is not null)");
                w.Open();
                w.Line("ArgumentGuard.ThrowIfContainsNul(" + p.Name + ");");
                w.Close();
                break;
            case ParameterKind.Int:
            case ParameterKind.Int64:
                if (RangeText.Guard(p.Name, null, p.Minimum, p.Maximum) is { } guard)
                {
                    w.Line(guard);
                }

                break;
            case ParameterKind.BufferIn:
            case ParameterKind.FileIn:
            case ParameterKind.FileOut:
                w.Line("ArgumentGuard.ThrowIfNull(" + p.Name + ");");
                break;
        }
    }

    /// <summary>
    /// Checks a set optional argument; the exception names the record property as the caller wrote it
    /// (<c>options.Blocksize</c>).
    /// </summary>
    private static void WriteOptionGuard(SourceWriter w, OptionSpec o)
    {
        string local = Naming.ToParameterName(o.WireName) + "Option";
        string name = "\"options." + o.PropertyName + "\"";
        string? guard = o.Kind switch
        {
            OptionKind.String => "ArgumentGuard.ThrowIfContainsNul(" + local + ", " + name + ");",
            OptionKind.StringList => "ArgumentGuard.ThrowIfInvalidStringList(" + local + ", " + name + ");",
            OptionKind.Int or OptionKind.Int64 => RangeText.Guard(local, name, o.Minimum, o.Maximum),
            _ => null,
        };
        if (guard is null)
        {
            return;
        }

        w.Line("if (options?." + o.PropertyName + " is { } " + local + ")");
        w.Open();
        w.Line(guard);
        w.Close();
    }

    private static string ArgsValue(MethodSpec a, string field)
    {
        foreach (ParameterSpec p in a.Parameters)
        {
            if (p.WireName == field)
            {
                return p.Name;
            }
        }

        foreach (OptionSpec o in a.Options)
        {
            if (o.WireName == field)
            {
                string zero = o.Kind switch
                {
                    OptionKind.Bool => "false",
                    OptionKind.Int => "0",
                    OptionKind.Int64 => "0L",
                    OptionKind.String => "string.Empty",
                    _ => "Array.Empty<string>()",
                };
                return "options?." + o.PropertyName + " ?? " + zero;
            }
        }

        return "default!";
    }

    private static string Transfer(MethodSpec a)
    {
        ParameterSpec? upload = a.Parameters.FirstOrDefault(static p => p.Kind == ParameterKind.FileIn);
        ParameterSpec? download = a.Parameters.FirstOrDefault(static p => p.Kind == ParameterKind.FileOut);
        if (upload is null && download is null && !a.Progress)
        {
            return "default";
        }

        var parts = new List<string>();
        if (upload is not null)
        {
            parts.Add("Upload: " + upload.Name);
        }

        if (download is not null)
        {
            parts.Add("Download: " + download.Name);
        }

        if (a.Progress)
        {
            parts.Add("Progress: progress");
        }

        parts.Add("ActionName: \"" + a.Name + "\"");
        return "new CallTransfer(" + string.Join(", ", parts) + ")";
    }

    private static void WriteReturn(SourceWriter w, MethodReturnSpec r)
    {
        switch (r.Kind)
        {
            case MethodReturnKind.Bool when r.RetPropertyIsInt:
                w.Line("return ret." + r.RetProperty + " != 0;");
                break;
            case MethodReturnKind.Hashtable:
                w.Line("var list = ret." + r.RetProperty + ";");
                w.Line("if (list.Count % 2 != 0)");
                w.Open();
                w.Line("throw new Guestfs.Xdr.XdrException(\"a key-value table has an odd number of strings\");");
                w.Close();
                w.Line("var table = new Dictionary<string, string>(list.Count / 2, StringComparer.Ordinal);");
                w.Line("for (int i = 0; i < list.Count; i += 2)");
                w.Open();
                w.Line("table[list[i]] = list[i + 1];");
                w.Close();
                w.Line("return table;");
                break;
            default:
                w.Line("return ret." + r.RetProperty + ";");
                break;
        }
    }
}

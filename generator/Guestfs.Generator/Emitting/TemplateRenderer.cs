using System;
using System.Collections.Concurrent;
using System.Globalization;
using System.IO;
using System.Reflection;
using Scriban;
using Scriban.Runtime;

namespace Guestfs.Generator.Emitting;

/// <summary>
/// Renders the embedded Scriban templates (<c>Templates/*.sbncs</c>). Each template is parsed once per process;
/// rendering uses the invariant culture and keeps .NET member names as they are (<c>model.HintName</c>).
/// </summary>
internal static class TemplateRenderer
{
    private static readonly ConcurrentDictionary<string, Template> s_templates = new(StringComparer.Ordinal);

    /// <summary>Renders the template <paramref name="name"/> with <paramref name="model"/> as <c>model</c>.</summary>
    /// <param name="name">Template file name without extension.</param>
    /// <param name="model">The view model: records of strings, numbers and lists only.</param>
    /// <returns>The text, LF line endings.</returns>
    public static string Render(string name, object model)
    {
        Template template = s_templates.GetOrAdd(name, Load);
        var globals = new ScriptObject();
        globals.Import(model, renamer: static member => member.Name);
        var context = new TemplateContext
        {
            MemberRenamer = static member => member.Name,
            StrictVariables = true,
            EnableRelaxedMemberAccess = false,
            LoopLimit = 0,
            RecursiveLimit = 100,
            LimitToString = 0,
        };
        context.PushGlobal(globals);
        context.PushCulture(CultureInfo.InvariantCulture);
        try
        {
            return template.Render(context).Replace("\r\n", "\n");
        }
        finally
        {
            context.PopCulture();
        }
    }

    private static Template Load(string name)
    {
        string resource = "Guestfs.Generator.Templates." + name + ".sbncs";
        Assembly assembly = typeof(TemplateRenderer).Assembly;
        using Stream stream = assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException("missing embedded template " + resource);
        using var reader = new StreamReader(stream);
        string text = reader.ReadToEnd().Replace("\r\n", "\n");
        Template template = Template.Parse(text, resource);
        if (template.HasErrors)
        {
            throw new InvalidOperationException("template " + name + ": " + string.Join("; ", template.Messages));
        }

        return template;
    }
}

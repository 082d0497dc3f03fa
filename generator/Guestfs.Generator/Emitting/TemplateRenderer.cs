using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Threading.Tasks;
using Guestfs.Generator.Model;
using Scriban;
using Scriban.Parsing;
using Scriban.Runtime;

namespace Guestfs.Generator.Emitting;

/// <summary>
/// Renders every generated file from its model with the embedded Scriban templates (<c>Templates/*.sbncs</c>): the
/// template of the output gets the <see cref="OutputSpec"/>'s members as globals (<c>Codecs</c>, <c>Namespace</c>,
/// member names kept as in .NET) and includes the templates of shared functions it needs (<c>Docs</c>, <c>Xdr</c>,
/// ...). Each template is parsed once per process; rendering uses the invariant culture.
/// </summary>
internal static class TemplateRenderer
{
    private static readonly ConcurrentDictionary<string, Template> s_templates = new(StringComparer.Ordinal);
    private static readonly EmbeddedTemplateLoader s_loader = new();

    /// <summary>
    /// What every template sees besides its model: the names of the model's kinds (the command table lists them),
    /// <c>wrap_words</c> (<see cref="TemplateFunctions.WrapWords"/>) and <c>fail</c>, which stops rendering with an
    /// internal error (a shape no expression exists for). Read-only, shared by all renders.
    /// </summary>
    private static readonly ScriptObject s_builtins = Builtins();

    /// <summary>Renders the file of <paramref name="spec"/> with the template <paramref name="name"/>.</summary>
    /// <param name="name">Template file name without extension.</param>
    /// <param name="spec">The output model.</param>
    /// <returns>The file, LF line endings.</returns>
    public static GeneratedFileSpec Render(string name, OutputSpec spec)
    {
        Template template = s_templates.GetOrAdd(name, Parse);
        var globals = new ScriptObject();
        globals.Import(spec, renamer: static member => member.Name);
        var context = new TemplateContext
        {
            MemberRenamer = static member => member.Name,
            StrictVariables = true,
            EnableRelaxedMemberAccess = false,
            LoopLimit = 0,
            RecursiveLimit = 100,
            LimitToString = 0,
            TemplateLoader = s_loader,
        };
        context.PushGlobal(s_builtins);
        context.PushGlobal(globals);
        context.PushCulture(CultureInfo.InvariantCulture);
        try
        {
            return new GeneratedFileSpec(spec.HintName, template.Render(context).Replace("\r\n", "\n"));
        }
        finally
        {
            context.PopCulture();
        }
    }

    private static ScriptObject Builtins()
    {
        var builtins = new ScriptObject();
        builtins.SetValue("ParameterKinds", Enum.GetNames(typeof(ParameterKind)), readOnly: true);
        builtins.SetValue("OptionKinds", Enum.GetNames(typeof(OptionKind)), readOnly: true);
        builtins.SetValue("ReturnKinds", Enum.GetNames(typeof(MethodReturnKind)), readOnly: true);
        builtins.Import("wrap_words", new Func<string, int, IReadOnlyList<string>>(TemplateFunctions.WrapWords));
        builtins.Import("fail", new Func<string, object>(static message => throw new InvalidOperationException(message)));
        return builtins;
    }

    private static Template Parse(string name)
    {
        Template template = Template.Parse(EmbeddedTemplateLoader.Read(name), name);
        if (template.HasErrors)
        {
            throw new InvalidOperationException("template " + name + ": " + string.Join("; ", template.Messages));
        }

        return template;
    }

    /// <summary>Finds what <c>include "Name"</c> names among the embedded templates, parsed once like the others.</summary>
    private sealed class EmbeddedTemplateLoader : ITemplateLoader
    {
        public static string Read(string name)
        {
            string resource = "Guestfs.Generator.Templates." + name + ".sbncs";
            using Stream stream = typeof(TemplateRenderer).Assembly.GetManifestResourceStream(resource)
                ?? throw new InvalidOperationException("missing embedded template " + resource);
            using var reader = new StreamReader(stream);
            return reader.ReadToEnd().Replace("\r\n", "\n");
        }

        public string GetPath(TemplateContext context, SourceSpan callerSpan, string templateName)
        {
            // The include function looks the path up in the context's cache before it loads and parses the text.
            context.CachedTemplates[templateName] = s_templates.GetOrAdd(templateName, Parse);
            return templateName;
        }

        public string Load(TemplateContext context, SourceSpan callerSpan, string templatePath) => Read(templatePath);

        public ValueTask<string?> LoadAsync(TemplateContext context, SourceSpan callerSpan, string templatePath) => new(Read(templatePath));
    }
}

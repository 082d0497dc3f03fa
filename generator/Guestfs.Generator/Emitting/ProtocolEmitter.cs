using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using Guestfs.Generator.Helpers;
using Guestfs.Generator.Model;

namespace Guestfs.Generator.Emitting;

/// <summary>
/// Emits the protocol half: <c>ProtocolConstants.g.cs</c>, <c>Procedures.g.cs</c>, <c>Xdr.Enums.g.cs</c>,
/// <c>Xdr.Structs.g.cs</c> and <c>Records.g.cs</c> (the XDR codecs of every structure of the <c>.x</c>).
/// </summary>
internal static class ProtocolEmitter
{
    /// <summary>Renders the protocol constants.</summary>
    /// <param name="spec">The output model.</param>
    /// <param name="ns">The namespace.</param>
    /// <returns>The file.</returns>
    public static GeneratedFileSpec EmitConstants(OutputSpec spec, string ns) =>
        new(spec.HintName, TemplateRenderer.Render("ProtocolConstants", new
        {
            Header = EmitterHeader.For(spec.Sources),
            Namespace = ns,
            spec.Sources,
            Constants = spec.Constants.Select(static c => new
            {
                Doc = XmlDoc.Block("summary", c.Doc, "    "),
                c.CsType,
                c.Name,
                c.Literal,
            }).ToList(),
        }));

    /// <summary>Renders enums (the procedure enum, or the other XDR enums).</summary>
    /// <param name="spec">The output model.</param>
    /// <param name="ns">The namespace.</param>
    /// <param name="accessibility"><c>public</c> or <c>internal</c>.</param>
    /// <returns>The file.</returns>
    public static GeneratedFileSpec EmitEnums(OutputSpec spec, string ns, string accessibility) =>
        new(spec.HintName, TemplateRenderer.Render("Enums", new
        {
            Header = EmitterHeader.For(spec.Sources),
            Namespace = ns,
            Enums = spec.Enums.Select(e => new
            {
                Doc = XmlDoc.Block("summary", e.Doc, string.Empty),
                Accessibility = accessibility,
                e.Name,
                Members = e.Members.Select(static m => new
                {
                    Doc = XmlDoc.Block("summary", m.Doc, "    "),
                    m.Name,
                    Value = m.Value.ToString(CultureInfo.InvariantCulture),
                }).ToList(),
            }).ToList(),
        }));

    /// <summary>Renders XDR structures as records with their codecs.</summary>
    /// <param name="spec">The output model.</param>
    /// <param name="ns">The namespace.</param>
    /// <returns>The file.</returns>
    public static GeneratedFileSpec EmitCodecs(OutputSpec spec, string ns) =>
        new(spec.HintName, TemplateRenderer.Render("Codecs", new
        {
            Header = EmitterHeader.For(spec.Sources),
            Namespace = ns,
            Codecs = spec.Codecs.Select(static c => new
            {
                Doc = CodecDoc(c),
                Accessibility = c.IsPublic ? "public" : "internal",
                c.Name,
                Parameters = string.Join(", ", c.Fields.Select(static f => f.CsType + " " + f.PropertyName)),
                EncodeBody = CodecCodeBuilder.EncodeBody(c),
                DecodeBody = CodecCodeBuilder.DecodeBody(c),
            }).ToList(),
        }));

    private static string CodecDoc(CodecSpec codec)
    {
        var lines = new List<string> { XmlDoc.Block("summary", codec.Doc, string.Empty) };
        foreach (CodecFieldSpec field in codec.Fields)
        {
            lines.Add(XmlDoc.Param(field.PropertyName, field.Doc, string.Empty));
        }

        return string.Join("\n", lines);
    }
}

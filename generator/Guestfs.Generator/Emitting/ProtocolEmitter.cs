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
                    ActionName = CommandTableEmitter.Literal(m.ActionName),
                }).ToList(),
                HasActionNames = e.Members.Any(static m => m.ActionName.Length > 0),
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
                TraceRole = c.TraceRole.ToString(),
                TraceFields = c.Fields.Select(static f => new { f.PropertyName, f.IsSecret }).ToList(),
                EncodeBody = CodecCodeBuilder.EncodeBody(c),
                DecodeBody = CodecCodeBuilder.DecodeBody(c),
            }).ToList(),
        }));

    /// <summary>Renders XDR discriminated unions: an abstract record per union, a sealed record per arm.</summary>
    /// <param name="spec">The output model.</param>
    /// <param name="ns">The namespace.</param>
    /// <returns>The file.</returns>
    public static GeneratedFileSpec EmitUnions(OutputSpec spec, string ns) =>
        new(spec.HintName, TemplateRenderer.Render("Unions", new
        {
            Header = EmitterHeader.For(spec.Sources),
            Namespace = ns,
            Unions = spec.Unions.Select(static u => new
            {
                Doc = XmlDoc.Block("summary", u.Doc, string.Empty),
                Accessibility = u.IsPublic ? "public" : "internal",
                u.Name,
                u.WireName,
                DiscriminantType = u.Discriminant.CsType,
                DiscriminantProperty = u.Discriminant.PropertyName,
                DiscriminantDoc = u.Discriminant.Doc,
                ReadDiscriminant = CodecCodeBuilder.ReadExpression(u.Discriminant.Shape),
                WriteDiscriminant = CodecCodeBuilder.WriteExpression(u.Discriminant.Shape, u.Discriminant.PropertyName),
                DecodedText = DiscriminantText(u.Discriminant.Shape, "discriminant"),
                PropertyText = DiscriminantText(u.Discriminant.Shape, u.Discriminant.PropertyName),
                u.HasDefault,
                Arms = u.Arms.Select(a => new
                {
                    Doc = ArmDoc(u, a),
                    a.Name,
                    a.IsDefault,
                    Labels = a.Labels.ToList(),
                    HasField = a.Field is not null,
                    FieldWireName = a.Field?.WireName ?? string.Empty,
                    Parameters = string.Join(", ", ArmParameters(u, a)),
                    BaseArgument = a.CarriesDiscriminant ? u.Discriminant.PropertyName : a.Labels[0],
                    DecodeArguments = string.Join(", ", DecodeArguments(a)),
                    WriteField = a.Field is null ? string.Empty : CodecCodeBuilder.WriteExpression(a.Field.Shape, a.Field.PropertyName),
                    InvalidPattern = InvalidPattern(u, a),
                }).ToList(),
            }).ToList(),
        }));

    /// <summary>Renders the program versions: a procedure enum, a client interface and its implementation over <c>IRpcTransport</c> each.</summary>
    /// <param name="spec">The output model.</param>
    /// <param name="ns">The namespace.</param>
    /// <returns>The file.</returns>
    public static GeneratedFileSpec EmitRpcClients(OutputSpec spec, string ns) =>
        new(spec.HintName, TemplateRenderer.Render("RpcClients", new
        {
            Header = EmitterHeader.For(spec.Sources),
            Namespace = ns,
            Versions = spec.RpcVersions.Select(static v => new
            {
                v.Name,
                v.WireName,
                v.Number,
                v.ProgramWireName,
                v.ProgramNumber,
                Procedures = v.Procedures.Select(static p => new
                {
                    p.Name,
                    p.WireName,
                    p.Number,
                    Parameters = p.Arguments.Select((_, i) => new { Name = ArgumentName(p, i), Doc = p.Arguments.Count == 1 ? "The argument." : "Argument " + (i + 1).ToString(CultureInfo.InvariantCulture) + "." }).ToList(),
                    ParameterList = string.Concat(p.Arguments.Select((a, i) => XdrShapeSpec.CsTypeOf(a) + " " + ArgumentName(p, i) + ", ")),
                    ReturnType = p.Result is null ? "global::System.Threading.Tasks.ValueTask" : "global::System.Threading.Tasks.ValueTask<" + XdrShapeSpec.CsTypeOf(p.Result) + ">",
                    ReturnsDoc = p.Result is null ? "A task that completes when the server has answered." : "The result.",
                    EncodeArguments = EncodeArguments(p),
                    DecodeResult = p.Result is null
                        ? "global::Guestfs.Xdr.XdrRpc.DecodeVoid(reply)"
                        : "return global::Guestfs.Xdr.XdrRpc.Decode<" + XdrShapeSpec.CsTypeOf(p.Result) + ">(reply, static (ref global::Guestfs.Xdr.XdrReader reader) => " + CodecCodeBuilder.ReadExpression(p.Result) + ")",
                }).ToList(),
            }).ToList(),
        }));

    private static string ArgumentName(RpcProcedureSpec p, int index) => p.Arguments.Count == 1 ? "argument" : "argument" + (index + 1).ToString(CultureInfo.InvariantCulture);

    /// <summary>The expression giving a call's encoded arguments: none, one value, or a tuple of several in order.</summary>
    private static string EncodeArguments(RpcProcedureSpec p)
    {
        const string Writer = "static (ref global::Guestfs.Xdr.XdrWriter writer, ";
        switch (p.Arguments.Count)
        {
            case 0:
                return "global::System.ReadOnlyMemory<byte>.Empty";
            case 1:
                string type = XdrShapeSpec.CsTypeOf(p.Arguments[0]);
                return "global::Guestfs.Xdr.XdrRpc.Encode<" + type + ">(argument, " + Writer + type + " value) => " + CodecCodeBuilder.WriteExpression(p.Arguments[0], "value") + ")";
            default:
                string tuple = "(" + string.Join(", ", p.Arguments.Select(XdrShapeSpec.CsTypeOf)) + ")";
                string values = "(" + string.Join(", ", p.Arguments.Select((_, i) => ArgumentName(p, i))) + ")";
                string body = string.Concat(p.Arguments.Select((a, i) => " " + CodecCodeBuilder.WriteExpression(a, "value.Item" + (i + 1).ToString(CultureInfo.InvariantCulture)) + ";"));
                return "global::Guestfs.Xdr.XdrRpc.Encode<" + tuple + ">(" + values + ", " + Writer + tuple + " value) => {" + body + " })";
        }
    }

    private static IEnumerable<string> ArmParameters(UnionSpec u, UnionArmSpec a)
    {
        if (a.CarriesDiscriminant)
        {
            yield return u.Discriminant.CsType + " " + u.Discriminant.PropertyName;
        }

        if (a.Field is not null)
        {
            yield return a.Field.CsType + " " + a.Field.PropertyName;
        }
    }

    private static IEnumerable<string> DecodeArguments(UnionArmSpec a)
    {
        if (a.CarriesDiscriminant)
        {
            yield return "discriminant";
        }

        if (a.Field is not null)
        {
            yield return CodecCodeBuilder.ReadExpression(a.Field.Shape);
        }
    }

    /// <summary>
    /// The pattern a carried discriminant must not match: for an arm with several labels, anything but them; for the
    /// default arm, any label of another arm. Empty when the record fixes its discriminant or anything goes.
    /// </summary>
    private static string InvalidPattern(UnionSpec u, UnionArmSpec a)
    {
        if (!a.CarriesDiscriminant)
        {
            return string.Empty;
        }

        if (!a.IsDefault)
        {
            return "not (" + string.Join(" or ", a.Labels) + ")";
        }

        var others = u.Arms.Where(static o => !o.IsDefault).SelectMany(static o => o.Labels).ToList();
        return others.Count == 0 ? string.Empty : string.Join(" or ", others);
    }

    /// <summary>An expression giving the discriminant's number as text, for error messages.</summary>
    private static string DiscriminantText(XdrShapeSpec shape, string value) => shape.Kind switch
    {
        ShapeKind.Enum or ShapeKind.Char => "((int)" + value + ").ToString(global::System.Globalization.CultureInfo.InvariantCulture)",
        ShapeKind.Bool => "(" + value + " ? \"TRUE\" : \"FALSE\")",
        _ => value + ".ToString(global::System.Globalization.CultureInfo.InvariantCulture)",
    };

    private static string ArmDoc(UnionSpec u, UnionArmSpec a)
    {
        var lines = new List<string> { XmlDoc.Block("summary", a.Doc, "    ") };
        if (a.CarriesDiscriminant)
        {
            lines.Add(XmlDoc.Param(u.Discriminant.PropertyName, "The discriminant <c>" + u.Discriminant.WireName + "</c>.", "    "));
        }

        if (a.Field is not null)
        {
            lines.Add(XmlDoc.Param(a.Field.PropertyName, a.Field.Doc, "    "));
        }

        return string.Join("\n", lines);
    }

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

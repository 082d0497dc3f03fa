using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading;
using Guestfs.Idl.Common;
using Guestfs.Idl.Xdr;

namespace Guestfs.Generator.Binding;

/// <summary>
/// Gathers what rpcgen's C output gets from elsewhere, so that any rpcgen file binds on its own in
/// <c>guestfs-gen xdr</c>: the files it <c>#include</c>s (rpcgen runs the C preprocessor; their definitions are
/// generated with the file's), <c>.x</c> files given as references (types the file takes from another generated
/// namespace, as <c>%#include &lt;rpcsvc/nis.h&gt;</c> does in C; not generated again), integer
/// <c>%#define</c> lines, and the few libtirpc types and constants rpcsvc files use (<c>netobj</c>,
/// <c>des_block</c>, <c>MAXNETNAMELEN</c>).
/// </summary>
internal static class XdrOnlyInput
{
    /// <summary>The libtirpc definitions rpcgen files use without defining, in rpcgen syntax, with their wire forms.</summary>
    private const string LibtirpcPrelude = """
        /* <rpc/xdr.h>: xdr_netobj is xdr_bytes with MAX_NETOBJ_SZ. */
        const MAX_NETOBJ_SZ = 1024;
        typedef opaque netobj<MAX_NETOBJ_SZ>;
        /* <rpc/auth.h>: xdr_des_block is xdr_opaque of 8 bytes; MAXNETNAMELEN bounds net names. */
        typedef opaque des_block[8];
        const MAXNETNAMELEN = 255;
        """;

    private const int MaxIncludeDepth = 16;

    private static readonly string[] s_headerSymbols = { "RPC_HDR" };

    private static readonly Regex s_include = new("^#\\s*include\\s+\"([^\"]+)\"", RegexOptions.CultureInvariant);

    private static readonly Regex s_define = new("^#\\s*define\\s+([A-Za-z_][A-Za-z0-9_]*)\\s+\\(?\\s*([A-Za-z0-9_]+)\\s*(?:([+-])\\s*([0-9]+))?\\s*\\)?\\s*(?:/\\*.*\\*/)?\\s*$", RegexOptions.CultureInvariant);

    /// <summary>
    /// Parses <paramref name="path"/> with its includes, the references, the <c>%#define</c> constants and the
    /// libtirpc prelude into one syntax to bind.
    /// </summary>
    /// <param name="path">The file to generate.</param>
    /// <param name="text">Its text.</param>
    /// <param name="readFile">Reads an included or referenced file by path; null when it cannot be read.</param>
    /// <param name="references">Other <c>.x</c> files whose types this one uses, with the namespace they are generated in.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The combined syntax, the diagnostics of every file, and the names defined outside the file (with their namespace, or null for names that generate nothing).</returns>
    public static (XdrSyntax Syntax, List<IdlDiagnostic> Diagnostics, Dictionary<string, string?> External) Read(
        string path,
        string text,
        Func<string, string?> readFile,
        IReadOnlyList<(string Path, string Namespace)> references,
        CancellationToken cancellationToken)
    {
        var diagnostics = new List<IdlDiagnostic>();
        var external = new Dictionary<string, string?>(StringComparer.Ordinal);
        var definitions = new List<XdrDefinitionSyntax>();
        foreach ((string referencePath, string ns) in references)
        {
            string? referenceText = readFile(referencePath);
            if (referenceText is null)
            {
                throw new InvalidOperationException("cannot read the reference " + referencePath);
            }

            List<XdrDefinitionSyntax> referenced = ParseWithIncludes(referencePath, referenceText, readFile, diagnostics, new List<XdrPassThroughSyntax>(), 0, cancellationToken);
            definitions.AddRange(referenced);
            foreach (string name in referenced.Select(Name).OfType<string>())
            {
                external[name] = ns;
            }
        }

        var headerLines = new List<XdrPassThroughSyntax>();
        List<XdrDefinitionSyntax> own = ParseWithIncludes(path, text, readFile, diagnostics, headerLines, 0, cancellationToken);
        var defined = new HashSet<string>(definitions.Concat(own).Select(Name).OfType<string>(), StringComparer.Ordinal);
        var prelude = new List<XdrDefinitionSyntax>(Defines(path, headerLines, defined, cancellationToken));
        foreach (XdrDefinitionSyntax d in Parse("libtirpc.x", LibtirpcPrelude, cancellationToken).Syntax.Definitions)
        {
            if (Name(d) is { } name && defined.Add(name))
            {
                prelude.Add(d);
                external[name] = null;
            }
        }

        definitions.InsertRange(0, prelude);
        definitions.AddRange(own);
        return (new XdrSyntax(path, definitions.ToEquatableArray(), EquatableArray<XdrDirectiveSyntax>.Empty), diagnostics, external);
    }

    private static List<XdrDefinitionSyntax> ParseWithIncludes(string path, string text, Func<string, string?> readFile, List<IdlDiagnostic> diagnostics, List<XdrPassThroughSyntax> headerLines, int depth, CancellationToken cancellationToken)
    {
        XdrParseResult parsed = Parse(path, text, cancellationToken);
        var definitions = new List<XdrDefinitionSyntax>();
        var expanded = new HashSet<IdlLocation>();
        foreach (XdrDirectiveSyntax directive in parsed.Syntax.Directives.Where(static d => d.IsActive))
        {
            Match include = s_include.Match(directive.Text);
            if (!include.Success || depth >= MaxIncludeDepth)
            {
                continue;
            }

            string includePath = Sibling(path, include.Groups[1].Value);
            if (readFile(includePath) is { } includeText)
            {
                definitions.AddRange(ParseWithIncludes(includePath, includeText, readFile, diagnostics, headerLines, depth + 1, cancellationToken));
                expanded.Add(directive.Location);
            }
        }

        diagnostics.AddRange(parsed.Diagnostics.Where(d => !(d.Id == XdrDiagnosticIds.IncludeNotExpanded && expanded.Contains(d.Location))));
        definitions.AddRange(parsed.Syntax.Definitions);

        // The %#define lines the XDR routines see come from the header, where rpcgen defines RPC_HDR: read the
        // file once more that way for them alone (a header-only block may hold C that is not rpcgen syntax).
        headerLines.AddRange(XdrParser.Parse(path, text, s_headerSymbols, cancellationToken).Syntax.Definitions.OfType<XdrPassThroughSyntax>());
        return definitions;
    }

    /// <summary>
    /// <c>%#define NAME value</c> lines whose value is a number, or a name defined so and an added or subtracted
    /// number (<c>LM_MAXSTRLEN+1</c>), as constants.
    /// </summary>
    private static IEnumerable<XdrDefinitionSyntax> Defines(string path, IEnumerable<XdrPassThroughSyntax> lines, HashSet<string> defined, CancellationToken cancellationToken)
    {
        var values = new Dictionary<string, long>(StringComparer.Ordinal);
        var constants = new List<string>();
        foreach (XdrPassThroughSyntax line in lines)
        {
            Match define = s_define.Match(line.Text.Trim());
            if (!define.Success || defined.Contains(define.Groups[1].Value))
            {
                continue;
            }

            string operand = define.Groups[2].Value;
            long value;
            if (long.TryParse(operand, NumberStyles.None, CultureInfo.InvariantCulture, out long literal))
            {
                value = literal;
            }
            else if (!values.TryGetValue(operand, out value))
            {
                continue;
            }

            if (define.Groups[3].Success)
            {
                long delta = long.Parse(define.Groups[4].Value, NumberStyles.None, CultureInfo.InvariantCulture);
                value = define.Groups[3].Value == "+" ? value + delta : value - delta;
            }

            defined.Add(define.Groups[1].Value);
            values[define.Groups[1].Value] = value;
            constants.Add("const " + define.Groups[1].Value + " = " + value.ToString(CultureInfo.InvariantCulture) + ";");
        }

        return constants.Count == 0 ? Enumerable.Empty<XdrDefinitionSyntax>() : Parse(path + " (%#define)", string.Join("\n", constants), cancellationToken).Syntax.Definitions;
    }

    private static XdrParseResult Parse(string path, string text, CancellationToken cancellationToken) => XdrParser.Parse(path, text, cancellationToken);

    private static string Sibling(string path, string name)
    {
        int slash = Math.Max(path.LastIndexOf('/'), path.LastIndexOf('\\'));
        return slash < 0 ? name : path.Substring(0, slash + 1) + name;
    }

    /// <summary>The name a definition declares, or null (a <c>%</c> line).</summary>
    private static string? Name(XdrDefinitionSyntax definition) => definition switch
    {
        XdrConstSyntax c => c.Name,
        XdrEnumSyntax e => e.Name,
        XdrStructSyntax s => s.Name,
        XdrUnionSyntax u => u.Name,
        XdrTypedefSyntax t => t.Declaration.Name,
        XdrProgramSyntax p => p.Name,
        _ => null,
    };
}

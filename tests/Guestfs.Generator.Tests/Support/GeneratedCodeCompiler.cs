using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Guestfs.Generator.Tests.Support;

/// <summary>
/// Compiles generated sources in memory together with the runtime's XDR core (<c>src/Guestfs/Xdr</c>), trace formatting and command
/// types (<c>src/Guestfs/Commands</c>), the stand-in of the rest of the runtime contract (<c>Support/StandIn</c>), bodies for the runtime-implemented
/// partial methods, and optional test probes.
/// </summary>
internal static class GeneratedCodeCompiler
{
    private static readonly Lazy<MetadataReference[]> s_references = new(() =>
        ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Where(static p => p.Length > 0)
            .Select(static p => (MetadataReference)MetadataReference.CreateFromFile(p))
            .ToArray());

    public static CSharpCompilation Compile(IReadOnlyDictionary<string, string> generated, bool withStandIn = true)
    {
        var docs = new CSharpParseOptions(LanguageVersion.Latest, DocumentationMode.Diagnose);
        var plain = new CSharpParseOptions(LanguageVersion.Latest, DocumentationMode.None);
        var trees = new List<SyntaxTree>();
        foreach (KeyValuePair<string, string> file in generated.OrderBy(static f => f.Key, StringComparer.Ordinal))
        {
            trees.Add(CSharpSyntaxTree.ParseText(file.Value, docs, path: "generated/" + file.Key, encoding: Encoding.UTF8));
        }

        if (withStandIn)
        {
            trees.Add(CSharpSyntaxTree.ParseText(PartialImplementations(trees), plain, path: "StandIn/PartialImplementations.cs"));
            foreach (string path in Directory.EnumerateFiles(RepoPaths.StandIn, "*.cs").Concat(Directory.EnumerateFiles(RepoPaths.CommandSources, "*.cs"))
                .OrderBy(static p => p, StringComparer.Ordinal))
            {
                trees.Add(CSharpSyntaxTree.ParseText(File.ReadAllText(path), plain, path: path));
            }
        }

        foreach (string path in Directory.EnumerateFiles(RepoPaths.XdrSources, "*.cs").OrderBy(static p => p, StringComparer.Ordinal).Concat(RepoPaths.TraceSources))
        {
            trees.Add(CSharpSyntaxTree.ParseText(File.ReadAllText(path), plain, path: path));
        }

        return CSharpCompilation.Create(
            "Guestfs.Generated." + Guid.NewGuid().ToString("N"),
            trees,
            s_references.Value,
            new CSharpCompilationOptions(
                OutputKind.DynamicallyLinkedLibrary,
                nullableContextOptions: NullableContextOptions.Enable,
                optimizationLevel: OptimizationLevel.Debug,
                generalDiagnosticOption: ReportDiagnostic.Default));
    }

    /// <summary>Errors anywhere, and warnings (including documentation warnings) in generated files.</summary>
    public static IReadOnlyList<Diagnostic> Problems(CSharpCompilation compilation) =>
        compilation.GetDiagnostics()
            .Where(static d => d.Severity == DiagnosticSeverity.Error ||
                (d.Severity == DiagnosticSeverity.Warning && d.Location.SourceTree?.FilePath.StartsWith("generated/", StringComparison.Ordinal) == true))
            .ToList();

    public static Assembly Load(CSharpCompilation compilation)
    {
        using var stream = new MemoryStream();
        Microsoft.CodeAnalysis.Emit.EmitResult result = compilation.Emit(stream);
        if (!result.Success)
        {
            throw new InvalidOperationException(string.Join("\n", result.Diagnostics.Where(static d => d.Severity == DiagnosticSeverity.Error)));
        }

        stream.Position = 0;
        return new AssemblyLoadContext("generated", isCollectible: true).LoadFromStream(stream);
    }

    /// <summary>Bodies for the <c>partial</c> declarations the runtime implements: each throws.</summary>
    private static string PartialImplementations(IEnumerable<SyntaxTree> trees)
    {
        var sb = new StringBuilder();
        sb.AppendLine("#nullable enable");
        sb.AppendLine("using System; using System.Collections.Generic; using System.IO; using System.Threading; using System.Threading.Tasks; using Guestfs.Protocol;");
        sb.AppendLine("namespace Guestfs;");
        sb.AppendLine("public sealed partial class GuestfsHandle {");
        foreach (SyntaxTree tree in trees)
        {
            foreach (MethodDeclarationSyntax m in tree.GetRoot().DescendantNodes().OfType<MethodDeclarationSyntax>())
            {
                if (m.Body is null && m.ExpressionBody is null && m.Modifiers.Any(SyntaxKind.PartialKeyword))
                {
                    string parameters = string.Join(", ", m.ParameterList.Parameters.Select(static p => p.WithDefault(null).WithoutTrivia().ToString()));
                    sb.Append("    ").Append(string.Join(" ", m.Modifiers.Select(static t => t.Text))).Append(' ')
                        .Append(m.ReturnType.ToString()).Append(' ').Append(m.Identifier.Text)
                        .Append('(').Append(parameters).AppendLine(") => throw new NotSupportedException(\"runtime-implemented\");");
                }
            }
        }

        sb.AppendLine("}");
        return sb.ToString();
    }
}

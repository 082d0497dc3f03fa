using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Guestfs.Generator.Tests.Support;

/// <summary>Runs <see cref="GuestfsGenerator"/> through Roslyn's <see cref="CSharpGeneratorDriver"/>.</summary>
internal static class GeneratorHarness
{
    private static readonly Lazy<IReadOnlyList<AdditionalText>> s_idl = new(() => LoadDirectory(RepoPaths.Idl));

    /// <summary>The repository's <c>idl/</c> inputs, with paths relative to the repository (as MSBuild would not,
    /// but stable for snapshots and the same on every machine).</summary>
    public static IReadOnlyList<AdditionalText> IdlInputs => s_idl.Value;

    public static IReadOnlyList<AdditionalText> LoadDirectory(string directory) =>
        Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories)
            .Where(static p => p.EndsWith(".x", StringComparison.Ordinal) || p.EndsWith(".actions", StringComparison.Ordinal))
            .OrderBy(static p => p, StringComparer.Ordinal)
            .Select(p => (AdditionalText)new InMemoryAdditionalText(Path.GetRelativePath(RepoPaths.Root, p).Replace('\\', '/'), File.ReadAllText(p)))
            .ToList();

    public static CSharpCompilation EmptyCompilation() =>
        CSharpCompilation.Create("GeneratorInput", Array.Empty<SyntaxTree>(), Array.Empty<MetadataReference>(), new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));

    /// <summary>Creates a driver that tracks incremental steps.</summary>
    public static GeneratorDriver CreateDriver(IEnumerable<AdditionalText> inputs) =>
        CSharpGeneratorDriver.Create(
            new[] { new GuestfsGenerator().AsSourceGenerator() },
            inputs,
            parseOptions: new CSharpParseOptions(LanguageVersion.Latest),
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    /// <summary>Runs the generator once.</summary>
    public static GeneratorDriverRunResult Run(IEnumerable<AdditionalText> inputs) =>
        CreateDriver(inputs).RunGenerators(EmptyCompilation()).GetRunResult();

    /// <summary>The generated files by hint name.</summary>
    public static ImmutableDictionary<string, string> Sources(GeneratorDriverRunResult result) =>
        result.Results.Single().GeneratedSources.ToImmutableDictionary(static s => s.HintName, static s => s.SourceText.ToString(), StringComparer.Ordinal);
}

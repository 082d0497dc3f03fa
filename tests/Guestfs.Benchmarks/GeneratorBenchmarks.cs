using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Threading;
using BenchmarkDotNet.Attributes;
using Guestfs.Generator;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Guestfs.Benchmarks;

/// <summary>
/// <see cref="GuestfsGenerator"/> on the repository's full <c>idl/</c> through Roslyn's <see cref="CSharpGeneratorDriver"/>:
/// a cold run (new driver: parse, bind, emit everything), and incremental runs of a driver that has already run, after
/// a C# edit (the generator should do no work) and after a comment appended to <c>guestfs_protocol.x</c> (re-parse only).
/// </summary>
[MemoryDiagnoser]
public class GeneratorBenchmarks
{
    private static readonly CSharpParseOptions s_parseOptions = new(LanguageVersion.Latest);
    private ImmutableArray<AdditionalText> _inputs;
    private CSharpCompilation _compilation = null!;
    private CSharpCompilation _editedCompilation = null!;
    private AdditionalText _protocol = null!;
    private AdditionalText _editedProtocol = null!;
    private GeneratorDriver _warmForCSharp = null!;
    private GeneratorDriver _warmForIdl = null!;
    private bool _toggle;

    /// <summary>Loads <c>idl/</c> and warms one driver per incremental benchmark.</summary>
    [GlobalSetup]
    public void Setup()
    {
        string idl = FindIdlDirectory();
        _inputs = Directory.EnumerateFiles(idl, "*", SearchOption.AllDirectories)
            .Where(static p => p.EndsWith(".x", StringComparison.Ordinal) || p.EndsWith(".actions", StringComparison.Ordinal))
            .OrderBy(static p => p, StringComparer.Ordinal)
            .Select(static p => (AdditionalText)new MemoryAdditionalText(p, File.ReadAllText(p)))
            .ToImmutableArray();
        _protocol = _inputs.Single(static t => t.Path.EndsWith(".x", StringComparison.Ordinal));
        _editedProtocol = new MemoryAdditionalText(_protocol.Path, _protocol.GetText()!.ToString() + "\n/* edited */\n");
        _compilation = CSharpCompilation.Create("GeneratorInput", [CSharpSyntaxTree.ParseText("class A { }", s_parseOptions)]);
        _editedCompilation = _compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText("class B { }", s_parseOptions));
        _warmForCSharp = CreateDriver().RunGenerators(_compilation);
        _warmForIdl = CreateDriver().RunGenerators(_compilation);
        if (_warmForCSharp.GetRunResult().Results.Single().GeneratedSources.Length < 10)
        {
            throw new InvalidOperationException("the generator produced almost nothing from idl/; the benchmark would be meaningless");
        }
    }

    /// <summary>A new driver over the full IDL: everything parsed, bound and emitted.</summary>
    /// <returns>The driver after the run.</returns>
    [Benchmark(Baseline = true)]
    public GeneratorDriver Cold() => CreateDriver().RunGenerators(_compilation);

    /// <summary>A warm driver after a C# edit: the IDL pipeline is cached.</summary>
    /// <returns>The driver after the run.</returns>
    [Benchmark]
    public GeneratorDriver IncrementalCSharpEdit()
    {
        _toggle = !_toggle;
        _warmForCSharp = _warmForCSharp.RunGenerators(_toggle ? _editedCompilation : _compilation);
        return _warmForCSharp;
    }

    /// <summary>A warm driver after a comment is appended to (or removed from) <c>guestfs_protocol.x</c>.</summary>
    /// <returns>The driver after the run.</returns>
    [Benchmark]
    public GeneratorDriver IncrementalIdlEdit()
    {
        _toggle = !_toggle;
        _warmForIdl = _toggle
            ? _warmForIdl.ReplaceAdditionalText(_protocol, _editedProtocol)
            : _warmForIdl.ReplaceAdditionalText(_editedProtocol, _protocol);
        _warmForIdl = _warmForIdl.RunGenerators(_compilation);
        return _warmForIdl;
    }

    private GeneratorDriver CreateDriver() =>
        CSharpGeneratorDriver.Create([new GuestfsGenerator().AsSourceGenerator()], _inputs, s_parseOptions);

    private static string FindIdlDirectory()
    {
        for (DirectoryInfo? d = new(AppContext.BaseDirectory); d is not null; d = d.Parent)
        {
            string candidate = Path.Combine(d.FullName, "idl");
            if (File.Exists(Path.Combine(candidate, "guestfs_protocol.x")))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException($"idl/guestfs_protocol.x not found above {AppContext.BaseDirectory}");
    }
}

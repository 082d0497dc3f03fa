using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Guestfs.Generator.Tests.Support;

/// <summary>The generated code for <c>idl/</c>, compiled once per test class with the stand-in runtime.</summary>
public sealed class GeneratedAssemblyFixture
{
    private readonly Lazy<Assembly> _assembly;

    public GeneratedAssemblyFixture()
    {
        Sources = GeneratorHarness.Sources(GeneratorHarness.Run(GeneratorHarness.IdlInputs));
        Compilation = GeneratedCodeCompiler.Compile(Sources);
        Problems = GeneratedCodeCompiler.Problems(Compilation);
        _assembly = new Lazy<Assembly>(() => GeneratedCodeCompiler.Load(Compilation));
    }

    public ImmutableDictionary<string, string> Sources { get; }

    internal CSharpCompilation Compilation { get; }

    public IReadOnlyList<Diagnostic> Problems { get; }

    public Assembly Assembly => _assembly.Value;

    public Type Type(string fullName) => Assembly.GetType(fullName, throwOnError: true)!;
}

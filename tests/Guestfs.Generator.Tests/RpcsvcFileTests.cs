using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Guestfs.Generator.Helpers;
using Guestfs.Generator.Model;
using Guestfs.Generator.Tests.Support;
using Guestfs.Idl.Common;
using Microsoft.CodeAnalysis.CSharp;

namespace Guestfs.Generator.Tests;

/// <summary>
/// Every rpcgen file Debian ships under <c>/usr/include/rpcsvc</c> (libc6-dev, rpcsvc-proto; eng/setup.sh installs them)
/// goes through <c>guestfs-gen xdr</c> without errors, and the C# compiles without warnings on the runtime's XDR core.
/// </summary>
public sealed class RpcsvcFileTests
{
    private const string Directory = "/usr/include/rpcsvc";

    /// <summary>Files whose C output includes another file's header (<c>%#include &lt;rpcsvc/nis.h&gt;</c>): generated with it as a reference.</summary>
    private static readonly Dictionary<string, string[]> s_references = new(StringComparer.Ordinal)
    {
        ["nis_callback.x"] = ["nis.x"],
    };

    public static TheoryData<string> Files() =>
        new(System.IO.Directory.Exists(Directory) ? System.IO.Directory.GetFiles(Directory, "*.x").Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal) : ["(none installed)"]);

    [Fact]
    public void RpcsvcFiles_AreInstalled()
    {
        Assert.True(System.IO.Directory.Exists(Directory) && System.IO.Directory.GetFiles(Directory, "*.x").Length >= 17, "install libc6-dev and rpcsvc-proto (eng/setup.sh): " + Directory + " should hold 17 .x files");
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void RpcsvcFile_XdrOnly_GeneratesCodeThatCompilesWithoutWarnings(string name)
    {
        var sources = new Dictionary<string, string>(StringComparer.Ordinal);
        var references = new List<(string Path, string Namespace)>();
        foreach (string reference in s_references.GetValueOrDefault(name, []))
        {
            string ns = Namespace(reference);
            foreach (GeneratedFileSpec file in Generate(reference, []))
            {
                sources[ns + "/" + file.HintName] = file.Text;
            }

            references.Add((Path.Combine(Directory, reference), ns));
        }

        IReadOnlyList<GeneratedFileSpec> files = Generate(name, references);
        foreach (GeneratedFileSpec file in files)
        {
            sources[Namespace(name) + "/" + file.HintName] = file.Text;
        }

        CSharpCompilation compilation = GeneratedCodeCompiler.Compile(sources, withStandIn: false);

        Assert.NotEmpty(files);
        var problems = GeneratedCodeCompiler.Problems(compilation);
        Assert.True(problems.Count == 0, string.Join("\n", problems.Take(20)));
    }

    private static IReadOnlyList<GeneratedFileSpec> Generate(string name, IReadOnlyList<(string Path, string Namespace)> references)
    {
        string path = Path.Combine(Directory, name);
        (IReadOnlyList<GeneratedFileSpec> files, IReadOnlyList<IdlDiagnostic> diagnostics) =
            PipelineStages.RunXdrOnly(path, File.ReadAllText(path), Namespace(name), static p => File.Exists(p) ? File.ReadAllText(p) : null, references);
        var errors = diagnostics.Where(static d => d.Severity == IdlSeverity.Error).ToList();
        Assert.True(errors.Count == 0, string.Join("\n", errors));
        return files;
    }

    private static string Namespace(string file) => "Rpcsvc." + Naming.PascalCaseWords(Path.GetFileNameWithoutExtension(file));
}

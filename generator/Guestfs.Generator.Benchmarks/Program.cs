using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;

namespace Guestfs.Generator.Benchmarks;

/// <summary>
/// Times the generator over an IDL directory: <c>dotnet run -c Release -- [IDL_DIR] [ITERATIONS]</c>.
/// Prints the cold run (first in this process: JIT, template parsing, everything), the median of warm full
/// runs (new driver each time), and the median of incremental runs on one driver (no change; one action's
/// description edited).
/// </summary>
public static class Program
{
    /// <summary>Entry point.</summary>
    /// <param name="args">Optional IDL directory and iteration count.</param>
    public static void Main(string[] args)
    {
        string idl = args.Length > 0 ? args[0] : FindIdl();
        int iterations = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 20;
        List<AdditionalText> inputs = Directory.EnumerateFiles(idl, "*", SearchOption.AllDirectories)
            .Where(static p => p.EndsWith(".x", StringComparison.Ordinal) || p.EndsWith(".actions", StringComparison.Ordinal))
            .OrderBy(static p => p, StringComparer.Ordinal)
            .Select(static p => (AdditionalText)new Text(p, File.ReadAllText(p)))
            .ToList();
        CSharpCompilation compilation = CSharpCompilation.Create("Bench");

        var sw = Stopwatch.StartNew();
        GeneratorDriver cold = Driver(inputs).RunGenerators(compilation);
        double coldMs = sw.Elapsed.TotalMilliseconds;
        int files = cold.GetRunResult().GeneratedTrees.Length;
        long bytes = cold.GetRunResult().GeneratedTrees.Sum(static t => (long)t.GetText().Length);

        var full = new List<double>();
        for (int i = 0; i < iterations; i++)
        {
            sw.Restart();
            Driver(inputs).RunGenerators(compilation);
            full.Add(sw.Elapsed.TotalMilliseconds);
        }

        var unchanged = new List<double>();
        var edited = new List<double>();
        GeneratorDriver driver = Driver(inputs).RunGenerators(compilation);
        AdditionalText target = inputs.First(static t => t.Path.EndsWith(".actions", StringComparison.Ordinal) && t.GetText()!.ToString().Contains("description:", StringComparison.Ordinal));
        AdditionalText current = target;
        for (int i = 0; i < iterations; i++)
        {
            sw.Restart();
            driver = driver.RunGenerators(compilation);
            unchanged.Add(sw.Elapsed.TotalMilliseconds);

            string text = target.GetText()!.ToString();
            int at = text.IndexOf("| ", text.IndexOf("description:", StringComparison.Ordinal), StringComparison.Ordinal) + 2;
            var next = new Text(target.Path, text.Insert(at, "Edit " + i.ToString(System.Globalization.CultureInfo.InvariantCulture) + ". "));
            driver = driver.ReplaceAdditionalText(current, next);
            current = next;
            sw.Restart();
            driver = driver.RunGenerators(compilation);
            edited.Add(sw.Elapsed.TotalMilliseconds);
        }

        Console.WriteLine($"inputs: {inputs.Count} files, {inputs.Sum(static t => t.GetText()!.Length)} chars; output: {files} files, {bytes} chars");
        Console.WriteLine($"cold full generation (first run in process): {coldMs,8:F1} ms");
        Console.WriteLine($"warm full generation (median of {iterations}):  {Median(full),8:F1} ms");
        Console.WriteLine($"incremental, no change (median):             {Median(unchanged),8:F2} ms");
        Console.WriteLine($"incremental, one description edited (median): {Median(edited),8:F1} ms");
    }

    private static GeneratorDriver Driver(IEnumerable<AdditionalText> inputs) =>
        CSharpGeneratorDriver.Create(new[] { new GuestfsGenerator().AsSourceGenerator() }, inputs, new CSharpParseOptions(LanguageVersion.Latest));

    private static double Median(List<double> values)
    {
        var sorted = values.OrderBy(static v => v).ToList();
        return sorted[sorted.Count / 2];
    }

    private static string FindIdl()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (Directory.Exists(Path.Combine(dir.FullName, "idl")) && File.Exists(Path.Combine(dir.FullName, "Guestfs.sln")))
            {
                return Path.Combine(dir.FullName, "idl");
            }
        }

        throw new InvalidOperationException("pass the idl directory");
    }

    private sealed class Text : AdditionalText
    {
        private readonly SourceText _text;

        public Text(string path, string text)
        {
            Path = path;
            _text = SourceText.From(text);
        }

        public override string Path { get; }

        public override SourceText GetText(CancellationToken cancellationToken = default) => _text;
    }
}

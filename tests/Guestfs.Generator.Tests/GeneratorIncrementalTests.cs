using System;
using System.Collections;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Reflection;
using Guestfs.Generator.Tests.Support;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;

namespace Guestfs.Generator.Tests;

/// <summary>
/// Incremental behaviour: an unchanged input re-emits nothing, a changed action description re-emits only the
/// outputs that show it, and nothing that flows between stages holds a symbol, compilation or syntax object.
/// </summary>
public sealed class GeneratorIncrementalTests
{
    [Fact]
    public void SameInputTwice_EveryTrackedStepIsCachedOrUnchanged()
    {
        CSharpCompilation compilation = GeneratorHarness.EmptyCompilation();
        GeneratorDriver driver = GeneratorHarness.CreateDriver(GeneratorHarness.IdlInputs).RunGenerators(compilation);

        GeneratorRunResult second = driver.RunGenerators(compilation).GetRunResult().Results.Single();

        Assert.NotEmpty(second.TrackedSteps);
        foreach ((string step, ImmutableArray<IncrementalGeneratorRunStep> runs) in second.TrackedSteps)
        {
            foreach (IncrementalGeneratorRunStep run in runs)
            {
                Assert.All(run.Outputs, o => Assert.True(
                    o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged,
                    step + " was " + o.Reason));
            }
        }
    }

    [Fact]
    public void ChangedActionDescription_ReemitsOnlyItsGroupAndTheCommandTable()
    {
        IReadOnlyList<AdditionalText> inputs = GeneratorHarness.IdlInputs;
        AdditionalText mounting = inputs.Single(static t => t.Path.EndsWith("/mounting.actions", StringComparison.Ordinal));
        string text = mounting.GetText()!.ToString();
        int description = text.IndexOf("description:", text.IndexOf("action list_9p(", StringComparison.Ordinal), StringComparison.Ordinal);
        int bar = text.IndexOf("| ", description, StringComparison.Ordinal);
        var edited = new InMemoryAdditionalText(mounting.Path, text.Insert(bar + 2, "Edited. "));
        CSharpCompilation compilation = GeneratorHarness.EmptyCompilation();
        GeneratorDriver driver = GeneratorHarness.CreateDriver(inputs).RunGenerators(compilation);

        GeneratorRunResult run = driver.ReplaceAdditionalText(mounting, edited).RunGenerators(compilation).GetRunResult().Results.Single();

        Assert.Equal(IncrementalStepRunReason.Modified, Reason(run, GuestfsGenerator.BindStep));
        var emitted = run.TrackedSteps[GuestfsGenerator.EmitOutputsStep].SelectMany(static s => s.Outputs).ToList();
        Assert.True(emitted.Count > 30, "only " + emitted.Count + " outputs");
        var modified = emitted.Where(static o => o.Reason != IncrementalStepRunReason.Cached).Select(static o => ((Guestfs.Generator.Model.EmitResult)o.Value).File!.HintName).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(new[] { "Actions.Mounting.g.cs", "CommandTable.g.cs" }, modified);
    }

    [Fact]
    public void StageOutputs_HoldNoRoslynObjects()
    {
        GeneratorRunResult run = GeneratorHarness.Run(GeneratorHarness.IdlInputs).Results.Single();
        var ours = typeof(GuestfsGenerator).GetFields(BindingFlags.Public | BindingFlags.Static).Select(static f => (string)f.GetValue(null)!).ToList();
        var forbidden = new[] { typeof(ISymbol), typeof(Compilation), typeof(SyntaxTree), typeof(SyntaxNode), typeof(Location), typeof(SourceText), typeof(AdditionalText) };
        var visited = new HashSet<object>(ReferenceEqualityComparer.Instance);
        int walked = 0;
        foreach ((string name, ImmutableArray<IncrementalGeneratorRunStep> steps) in run.TrackedSteps.Where(s => ours.Any(o => s.Key.StartsWith(o, StringComparison.Ordinal))))
        {
            foreach (IncrementalGeneratorRunStep step in steps)
            {
                foreach ((object value, IncrementalStepRunReason _) in step.Outputs)
                {
                    Walk(value, forbidden, visited, "output", ref walked);
                }
            }
        }

        Assert.True(walked > 1000, "walked only " + walked + " objects");
    }

    private static IncrementalStepRunReason Reason(GeneratorRunResult run, string step) =>
        run.TrackedSteps[step].SelectMany(static s => s.Outputs).Single().Reason;

    private static void Walk(object? value, Type[] forbidden, HashSet<object> visited, string path, ref int walked)
    {
        if (value is null || value is string || value.GetType().IsPrimitive || value.GetType().IsEnum)
        {
            return;
        }

        Type type = value.GetType();
        Assert.False(forbidden.Any(f => f.IsAssignableFrom(type)), path + " holds a " + type.FullName);
        if (!type.IsValueType && !visited.Add(value))
        {
            return;
        }

        walked++;
        if (value is IEnumerable items)
        {
            int i = 0;
            foreach (object? item in items)
            {
                Walk(item, forbidden, visited, path + "[" + i++ + "]", ref walked);
            }
        }

        foreach (PropertyInfo property in type.GetProperties(BindingFlags.Instance | BindingFlags.Public))
        {
            if (property.GetIndexParameters().Length == 0 && property.Name != "EqualityContract")
            {
                Walk(property.GetValue(value), forbidden, visited, path + "." + property.Name, ref walked);
            }
        }
    }
}

using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using Guestfs.Generator.Diagnostics;
using Guestfs.Generator.Tests.Support;
using Guestfs.Idl.Actions;
using Guestfs.Idl.Common;
using Guestfs.Idl.Xdr;
using Microsoft.CodeAnalysis;

namespace Guestfs.Generator.Tests;

/// <summary>
/// The rules table is the one home of each diagnostic's id, name, severity, category and format: the Roslyn
/// descriptors, the analyzer release notes and the id constants must all agree with it.
/// </summary>
public sealed class DiagnosticRulesTests
{
    [Fact]
    public void Descriptors_ForEveryRule_CarryItsTitleCategoryAndSeverity()
    {
        foreach (DiagnosticRule rule in DiagnosticRules.All)
        {
            DiagnosticDescriptor d = DiagnosticDescriptors.ForId(rule.Id);
            Assert.Equal(rule.Id, d.Id);
            Assert.Equal(rule.Title, d.Title.ToString());
            Assert.Equal(rule.Category, d.Category);
            Assert.Equal(rule.Severity == IdlSeverity.Error ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning, d.DefaultSeverity);
        }
    }

    [Theory]
    [InlineData(XdrDiagnosticIds.IncludeNotExpanded)]
    [InlineData(XdrDiagnosticIds.DuplicateEnumValue)]
    [InlineData(GeneratorDiagnosticIds.UnimplementedLibraryAction)]
    public void Descriptor_OfAWarningRule_IsAWarning(string id)
    {
        Assert.Equal(DiagnosticSeverity.Warning, DiagnosticDescriptors.ForId(id).DefaultSeverity);
        Assert.Equal(IdlSeverity.Warning, IdlDiagnostic.Create(id, "m", new IdlLocation("a.x", 0, 0, 1, 1)).Severity);
    }

    [Fact]
    public void AnalyzerReleases_ListEveryRuleWithItsCategorySeverityAndName()
    {
        string path = Path.Combine(RepoPaths.Root, "generator", "Guestfs.Generator", "Diagnostics", "AnalyzerReleases.Unshipped.md");
        List<string> listed = File.ReadAllLines(path).Where(static l => l.StartsWith("GFS", StringComparison.Ordinal)).ToList();
        List<string> expected = DiagnosticRules.All.Select(static r => $"{r.Id} | {r.Category} | {r.Severity} | {r.Name}").ToList();

        Assert.True(
            listed.SequenceEqual(expected),
            "AnalyzerReleases.Unshipped.md disagrees with DiagnosticRules; its rows should be:\n" + string.Join("\n", expected));
    }

    [Fact]
    public void IdConstants_EachNameOneRule_AndEveryRuleHasOne()
    {
        var constants = new[] { typeof(XdrDiagnosticIds), typeof(ActionsDiagnosticIds), typeof(GeneratorDiagnosticIds) }
            .SelectMany(static t => t.GetFields(BindingFlags.Public | BindingFlags.Static))
            .Where(static f => f.IsLiteral)
            .Select(static f => (Id: (string)f.GetRawConstantValue()!, f.Name))
            .OrderBy(static c => c.Id, StringComparer.Ordinal)
            .ToList();

        Assert.Equal(constants, DiagnosticRules.All.Select(static r => (r.Id, r.Name)).OrderBy(static c => c.Id, StringComparer.Ordinal).ToList());
    }

    [Fact]
    public void Rules_HaveDistinctIds_InTheDocumentedRanges()
    {
        Assert.Equal(DiagnosticRules.All.Count, DiagnosticRules.All.Select(static r => r.Id).Distinct(StringComparer.Ordinal).Count());
        foreach (DiagnosticRule rule in DiagnosticRules.All)
        {
            int n = int.Parse(rule.Id.AsSpan(3), System.Globalization.CultureInfo.InvariantCulture);
            string expectedCategory = n switch
            {
                < 200 => DiagnosticRules.SyntaxCategory,
                < 900 => DiagnosticRules.BindingCategory,
                _ => DiagnosticRules.InternalCategory,
            };
            Assert.Equal(expectedCategory, rule.Category);
        }
    }
}

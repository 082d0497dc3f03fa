using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Guestfs.Fuzz;
using Xunit.Abstractions;

namespace Guestfs.Tests.Hardening;

/// <summary>
/// The coverage-guided fuzz targets (<c>tests/Guestfs.Fuzz</c>, run by <c>eng/fuzz.sh</c>) in their in-process smoke
/// mode: each target's seeds and a few thousand random mutations end in an outcome the code documents, in bounded
/// time; and every input a campaign found (<c>FuzzFindings/TARGET/*</c>) replays as such an outcome.
/// </summary>
public class FuzzSmokeTests(ITestOutputHelper output)
{
    private const int Mutations = 3000;
    private static readonly string s_findings = Path.Combine(AppContext.BaseDirectory, "Hardening", "FuzzFindings");

    public static TheoryData<string> Targets() => new(FuzzTargets.All.Keys);

    public static TheoryData<string, string> Findings()
    {
        var data = new TheoryData<string, string>();
        foreach (string directory in Directory.GetDirectories(s_findings).Order(StringComparer.Ordinal))
        {
            foreach (string file in Directory.GetFiles(directory).Order(StringComparer.Ordinal))
            {
                data.Add(Path.GetFileName(directory), Path.GetFileName(file));
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Targets))]
    public async Task Target_SeedsAndMutations_EndInDocumentedOutcomes(string target)
    {
        // A hang fails the test instead of stalling the suite (the campaign's -t does the same for afl-fuzz).
        Task<Smoke.Result> run = Task.Run(() => Smoke.Run(target, Mutations, TimeSpan.FromSeconds(5)));
        Assert.True(await Task.WhenAny(run, Task.Delay(TimeSpan.FromSeconds(60))) == run, $"{target}: an input did not finish within 60 s (a hang)");
        Smoke.Result result = await run;

        output.WriteLine($"{target}: {result.Executions} executions in {result.Elapsed.TotalSeconds:0.00} s, {result.CrashCount} unexpected outcomes");
        Assert.True(result.CrashCount == 0, $"{target}: {result.CrashCount} inputs ended in an undocumented outcome; first of each kind:\n\n" + string.Join("\n\n", result.Crashes));
        Assert.True(result.Executions > Seeds.For(target).Count(), $"{target}: only {result.Executions} executions");
    }

    [Theory]
    [MemberData(nameof(Findings))]
    public void Finding_ReplaysAsDocumentedOutcome(string target, string file) =>
        FuzzTargets.All[target].Run(File.ReadAllBytes(Path.Combine(s_findings, target, file)));

    [Fact]
    public void Findings_CoverTheArchiveAndPartitionTargets()
    {
        Assert.Contains(Findings(), row => (string)row[0] == "archive");
        Assert.Contains(Findings(), row => (string)row[0] == "partition");
    }
}

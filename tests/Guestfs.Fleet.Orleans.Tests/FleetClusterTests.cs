using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.TestingHost;

namespace Guestfs.Fleet.Orleans.Tests;

/// <summary>
/// The fleet worker on an in-process cluster: jobs spread over several silos, one silo killed while its jobs run,
/// every job reported exactly once (the killed silo's jobs rerun elsewhere); and one real inspection on an appliance.
/// </summary>
public sealed class FleetClusterTests
{
    private static readonly TimeSpan s_limit = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task SiloKilledMidJob_EveryJobCompletesExactlyOnce_ItsJobsOnALiveSilo()
    {
        var started = new ConcurrentQueue<(string Silo, string Job)>();
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        InProcessTestCluster cluster = Build(3, (siloName, worker) =>
        {
            worker.MaxParallelism = 16;
            worker.OpenAsync = (image, ct) => Task.FromResult(new GuestfsHandle(new GuestfsOptions { ReadEnvironment = false, DiagnosticWriter = TextWriter.Null }));
            worker.Actions["wait"] = async (g, job, ct) =>
            {
                started.Enqueue((siloName, job.Id));
                await release.Task.WaitAsync(ct);
                return "done " + job.Image;
            };
        }, TimeSpan.FromSeconds(30));
        await cluster.DeployAsync();
        try
        {
            List<FleetJob> jobs = Enumerable.Range(0, 12).Select(i => new FleetJob($"job{i}", $"/images/{i}.img", "wait")).ToList();
            var client = new FleetClient(cluster.Client, new FleetClientOptions { RetryDelay = TimeSpan.FromMilliseconds(200) });
            Task<List<FleetJobResult>> run = CollectAsync(client.RunAsync(jobs.Append(jobs[3]))); // job3 twice: one result

            await WaitForAsync(() => started.Select(s => s.Job).Distinct().Count() == jobs.Count);
            string primary = cluster.Silos[0].Name;
            IGrouping<string, (string Silo, string Job)> onVictim = started.GroupBy(s => s.Silo).Where(g => g.Key != primary).MaxBy(g => g.Count())!;
            InProcessSiloHandle victim = cluster.Silos.Single(s => s.Name == onVictim.Key);
            string victimAddress = victim.SiloAddress.ToString();
            await cluster.KillSiloAsync(victim);
            release.SetResult();

            List<FleetJobResult> results = await run.WaitAsync(s_limit);

            Assert.Equal(jobs.Select(j => j.Id).Order(), results.Select(r => r.JobId).Order()); // each exactly once
            Assert.All(results, r => Assert.True(r.Succeeded, $"{r.JobId}: {r.ErrorType}: {r.ErrorMessage}"));
            Assert.All(results, r => Assert.Equal("done " + jobs.Single(j => j.Id == r.JobId).Image, r.Result));
            foreach (string lost in onVictim.Select(s => s.Job))
            {
                FleetJobResult result = results.Single(r => r.JobId == lost);
                Assert.NotEqual(victimAddress, result.Silo);
                Assert.True(result.Attempts >= 2, $"{lost} ran on {result.Silo} at attempt {result.Attempts}");
                Assert.Equal(2, started.Count(s => s.Job == lost)); // started on the victim, then once more elsewhere
            }

            Assert.True(results.Select(r => r.Silo).Distinct().Count() >= 2, "the jobs should spread over the live silos");
        }
        finally
        {
            await cluster.DisposeAsync();
        }
    }

    [Fact]
    public async Task JobFailures_AreResultsWithTheirType_NotRetried()
    {
        InProcessTestCluster cluster = Build(2, (_, worker) =>
        {
            worker.OpenAsync = (image, ct) => Task.FromResult(new GuestfsHandle(new GuestfsOptions { ReadEnvironment = false, DiagnosticWriter = TextWriter.Null }));
            worker.ImageTimeout = TimeSpan.FromMilliseconds(300);
            worker.Actions["fail"] = (g, job, ct) => throw new InvalidDataException("no filesystem in " + job.Image);
            worker.Actions["hang"] = async (g, job, ct) =>
            {
                await Task.Delay(Timeout.Infinite, ct);
                return string.Empty;
            };
        }, TimeSpan.FromSeconds(30));
        await cluster.DeployAsync();
        try
        {
            List<FleetJobResult> results = await CollectAsync(new FleetClient(cluster.Client).RunAsync(
            [
                new FleetJob("a", "/a.img", "fail"),
                new FleetJob("b", "/b.img", "hang"),
                new FleetJob("c", "/c.img", "nosuchaction"),
            ])).WaitAsync(s_limit);

            FleetJobResult a = results.Single(r => r.JobId == "a"), b = results.Single(r => r.JobId == "b"), c = results.Single(r => r.JobId == "c");
            Assert.Equal(("InvalidDataException", "no filesystem in /a.img", 1), (a.ErrorType, a.ErrorMessage, a.Attempts));
            Assert.Equal("TimeoutException", b.ErrorType);
            Assert.Equal("ArgumentException", c.ErrorType);
            Assert.Contains("no action 'nosuchaction'", c.ErrorMessage, StringComparison.Ordinal);
        }
        finally
        {
            await cluster.DisposeAsync();
        }
    }

    [Fact]
    [Trait("Category", "Appliance")]
    public async Task RealInspectJob_OnAnAppliance()
    {
        string dir = Directory.CreateTempSubdirectory("fleet-orleans-").FullName;
        string blank = Path.Combine(dir, "blank.img");
        using (FileStream file = File.Create(blank))
        {
            file.SetLength(16 << 20);
        }

        InProcessTestCluster cluster = Build(2, (_, worker) =>
        {
            worker.MaxParallelism = 1;
            worker.UseAppliancePool = false; // one appliance per job is enough here; the runner's tests cover the pool
        }, TimeSpan.FromMinutes(10));
        await cluster.DeployAsync();
        try
        {
            FleetJobResult result = Assert.Single(await CollectAsync(new FleetClient(cluster.Client).RunAsync(
                [new FleetJob("blank", blank, "inspect")])).WaitAsync(TimeSpan.FromMinutes(10)));

            Assert.True(result.Succeeded, $"{result.ErrorType}: {result.ErrorMessage}");
            using JsonDocument json = JsonDocument.Parse(result.Result!);
            Assert.Equal(0, json.RootElement.GetProperty("operatingsystems").GetArrayLength()); // a blank disk has no OS
        }
        finally
        {
            await cluster.DisposeAsync();
            Directory.Delete(dir, recursive: true);
        }
    }

    private static InProcessTestCluster Build(short silos, Action<string, FleetWorkerOptions> worker, TimeSpan responseTimeout)
    {
        var builder = new InProcessTestClusterBuilder(silos);
        builder.ConfigureSilo((options, silo) =>
        {
            silo.AddGuestfsFleetWorker(o => worker(options.SiloName, o));
            silo.Configure<SiloMessagingOptions>(o => o.ResponseTimeout = responseTimeout);
            silo.Configure<ClusterMembershipOptions>(o =>
            {
                o.ProbeTimeout = TimeSpan.FromSeconds(1);
                o.NumMissedProbesLimit = 2;
                o.NumVotesForDeathDeclaration = 1;
            });
        });
        builder.ConfigureClient(client => client.Configure<ClientMessagingOptions>(o => o.ResponseTimeout = responseTimeout));
        return builder.Build();
    }

    private static async Task<List<FleetJobResult>> CollectAsync(IAsyncEnumerable<FleetJobResult> results)
    {
        var list = new List<FleetJobResult>();
        await foreach (FleetJobResult r in results)
        {
            list.Add(r);
        }

        return list;
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        DateTime deadline = DateTime.UtcNow + s_limit;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the condition did not become true in time");
            await Task.Delay(50);
        }
    }
}

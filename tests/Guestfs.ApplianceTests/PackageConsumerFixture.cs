using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Guestfs.Backends.Direct;

namespace Guestfs.ApplianceTests;

/// <summary>
/// What a new user starts from: the library and gfish packed into a local feed, a console application in a temporary
/// directory outside the repository that references the package, and one empty appliance cache. The first run of the
/// application (JIT) builds the appliance there from the packaged recipe; the NativeAOT build of the same application
/// and the installed gfish tool then share that cache, so the class pays for one cold build.
/// </summary>
public sealed class PackageConsumerFixture : IAsyncLifetime
{
    private const string Program = """
        using System;
        using Guestfs;

        await using var g = new GuestfsHandle();
        await g.AddDriveScratchAsync(64L * 1024 * 1024);
        await g.LaunchAsync();
        await g.MkfsAsync("ext4", "/dev/sda");
        await g.MountAsync("/dev/sda", "/");
        await g.WriteAsync("/hello.txt", "hello from the package\n"u8.ToArray());
        Console.Write(await g.CatAsync("/hello.txt"));
        await g.ShutdownAsync();
        """;

    public const string ExpectedOutput = "hello from the package\n";

    public string Root { get; } = Directory.CreateTempSubdirectory("guestfs-consumer-").FullName;

    public string Feed => Path.Combine(Root, "feed");

    public string App => Path.Combine(Root, "app");

    public string Cache => Path.Combine(Root, "cache");

    /// <summary>A private package folder: a package of the same version from an earlier run must not be reused.</summary>
    public string Packages => Path.Combine(Root, "packages");

    /// <summary>The package version MinVer gave this commit (the same for every package).</summary>
    public string Version { get; private set; } = string.Empty;

    /// <summary>The per-user appliance cache inside <see cref="Cache"/>.</summary>
    public string UserCache => Path.Combine(Cache, ApplianceLocator.CacheDirectoryPrefix + NativeMethods.GetEffectiveUserId().ToString(CultureInfo.InvariantCulture));

    internal ProcessOutcome JitBuild { get; private set; } = null!;

    /// <summary>The first session of the JIT application, with the empty cache (it builds the appliance).</summary>
    internal TimedOutcome FirstJitRun { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        string repository = RepositoryPaths.Root;
        Directory.CreateDirectory(Feed);
        Directory.CreateDirectory(App);
        Directory.CreateDirectory(Cache);

        foreach (string project in new[] { "Guestfs", "Gfish", "Guestfs.Tools" })
        {
            ProcessOutcome pack = await DotnetAsync(repository, "pack", Path.Combine(repository, "src", project, project + ".csproj"), "-c", "Release", "-o", Feed);
            Assert.True(pack.ExitCode == 0, pack.Output);
        }

        // Guestfs.<version>.nupkg, not Guestfs.Tools.<version>.nupkg: a version starts with a digit.
        string nupkg = Assert.Single(Directory.GetFiles(Feed, "Guestfs.*.nupkg"), static f => !f.EndsWith(".snupkg", StringComparison.Ordinal) && char.IsAsciiDigit(Path.GetFileName(f)["Guestfs.".Length]));
        Version = Path.GetFileNameWithoutExtension(nupkg)["Guestfs.".Length..];

        // No <clear/>: nuget.org stays a source beside the local feed, for the package's dependencies and the
        // NativeAOT compiler packages.
        File.WriteAllText(Path.Combine(App, "NuGet.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <add key="local" value="{Feed}" />
              </packageSources>
            </configuration>
            """);
        File.WriteAllText(Path.Combine(App, "app.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="Guestfs" Version="{Version}" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(App, "Program.cs"), Program);

        JitBuild = await DotnetAsync(App, "build", "-c", "Release", "-o", Path.Combine(App, "out"));
        if (JitBuild.ExitCode == 0)
        {
            FirstJitRun = await RunJitAppAsync();
        }
    }

    public Task DisposeAsync()
    {
        Directory.Delete(Root, recursive: true);
        return Task.CompletedTask;
    }

    internal Task<TimedOutcome> RunJitAppAsync() => RunSessionAsync("dotnet", [Path.Combine(App, "out", "app.dll")], App);

    /// <summary>Runs a program that opens a session against the shared cache (under TCG on this host).</summary>
    internal async Task<TimedOutcome> RunSessionAsync(string program, IEnumerable<string> arguments, string directory)
    {
        var clock = Stopwatch.StartNew();
        ProcessOutcome outcome = await RunAsync(
            program,
            arguments,
            directory,
            new Dictionary<string, string?> { ["GUESTFS_CACHEDIR"] = Cache, ["LIBGUESTFS_BACKEND_SETTINGS"] = "force_tcg" },
            TimeSpan.FromMinutes(40));
        return new TimedOutcome(outcome, clock.Elapsed);
    }

    /// <summary>Runs the dotnet CLI in <paramref name="directory"/> with the private package folder.</summary>
    internal Task<ProcessOutcome> DotnetAsync(string directory, params string[] arguments) =>
        RunAsync("dotnet", arguments, directory, new Dictionary<string, string?> { ["NUGET_PACKAGES"] = Packages }, TimeSpan.FromMinutes(20));

    private static Task<ProcessOutcome> RunAsync(string program, IEnumerable<string> arguments, string directory,
        IReadOnlyDictionary<string, string?> environment, TimeSpan timeout)
    {
        // The test host runs under MSBuild's and the test platform's variables; a fresh application must not inherit them.
        var variables = new Dictionary<string, string?>();
        foreach (string key in Environment.GetEnvironmentVariables().Keys.Cast<string>().Where(static k => k.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase) ||
                     k.StartsWith("VSTEST", StringComparison.OrdinalIgnoreCase) || k.StartsWith("TESTINGPLATFORM", StringComparison.OrdinalIgnoreCase)))
        {
            variables[key] = null;
        }

        foreach (KeyValuePair<string, string?> pair in environment)
        {
            variables[pair.Key] = pair.Value;
        }

        return ApplianceFixture.RunProcessAsync(program, arguments, variables, timeout, directory);
    }
}

internal sealed record TimedOutcome(ProcessOutcome Outcome, TimeSpan Elapsed);

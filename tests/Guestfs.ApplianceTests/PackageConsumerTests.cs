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
/// What a new user does: pack the library into a local feed, create a console application in a temporary
/// directory outside the repository, add the package, and run a real session with an empty appliance cache, so
/// the first launch builds the appliance from the recipe the package carries. Slow (a full appliance build).
/// </summary>
[Trait("Category", "Appliance")]
public sealed class PackageConsumerTests : IDisposable
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

    private readonly string _root = Directory.CreateTempSubdirectory("guestfs-consumer-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task PackedLibrary_InAFreshConsoleApp_BuildsTheApplianceAndRunsASession()
    {
        string repository = ApplianceFixture.FindRepositoryRoot();
        string feed = Directory.CreateDirectory(Path.Combine(_root, "feed")).FullName;
        string app = Directory.CreateDirectory(Path.Combine(_root, "app")).FullName;
        string cache = Directory.CreateDirectory(Path.Combine(_root, "cache")).FullName;
        // The application restores into a private package folder: a package of the same version from an earlier run
        // must not be reused.
        string packages = Path.Combine(_root, "packages");

        ProcessOutcome pack = await DotnetAsync(repository, null, "pack", Path.Combine(repository, "src", "Guestfs", "Guestfs.csproj"), "-c", "Release", "-o", feed);
        Assert.True(pack.ExitCode == 0, pack.Output);
        string nupkg = Assert.Single(Directory.GetFiles(feed, "Guestfs.*.nupkg"), static f => !f.EndsWith(".snupkg", StringComparison.Ordinal));
        string version = Path.GetFileNameWithoutExtension(nupkg)["Guestfs.".Length..];

        File.WriteAllText(Path.Combine(app, "NuGet.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <add key="local" value="{feed}" />
              </packageSources>
            </configuration>
            """);
        File.WriteAllText(Path.Combine(app, "app.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="Guestfs" Version="{version}" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(app, "Program.cs"), Program);

        ProcessOutcome build = await DotnetAsync(app, packages, "build", "-c", "Release", "-o", Path.Combine(app, "out"));
        Assert.True(build.ExitCode == 0, build.Output);
        Assert.True(File.Exists(Path.Combine(app, "out", "appliance", "build.sh")), "the package did not put the recipe beside the application");

        ProcessOutcome run = await RunAsync(
            "dotnet",
            [Path.Combine(app, "out", "app.dll")],
            app,
            new Dictionary<string, string?> { ["GUESTFS_CACHEDIR"] = cache, ["LIBGUESTFS_BACKEND_SETTINGS"] = "force_tcg" },
            TimeSpan.FromMinutes(40));

        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Equal("hello from the package\n", run.StandardOutput);
        string userCache = Path.Combine(cache, ApplianceLocator.CacheDirectoryPrefix + NativeMethods.GetEffectiveUserId().ToString(CultureInfo.InvariantCulture));
        Assert.True(File.Exists(Path.Combine(userCache, "appliance.d", "root")), "no appliance was built in the empty cache");
        Assert.True(File.Exists(Path.Combine(userCache, "appliance-build.log")), "no build log in the cache");
    }

    private static Task<ProcessOutcome> DotnetAsync(string directory, string? packages, params string[] arguments) =>
        RunAsync("dotnet", arguments, directory, packages is null ? new Dictionary<string, string?>() : new() { ["NUGET_PACKAGES"] = packages }, TimeSpan.FromMinutes(20));

    private static async Task<ProcessOutcome> RunAsync(string program, IEnumerable<string> arguments, string directory,
        IReadOnlyDictionary<string, string?> environment, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(program, arguments)
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        // The test host runs under MSBuild's and the test platform's variables; a fresh application must not inherit them.
        foreach (string key in start.Environment.Keys.Where(static k => k.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase) ||
                     k.StartsWith("VSTEST", StringComparison.OrdinalIgnoreCase) || k.StartsWith("TESTINGPLATFORM", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(key);
        }

        foreach (KeyValuePair<string, string?> pair in environment)
        {
            start.Environment[pair.Key] = pair.Value;
        }

        using Process process = Process.Start(start)!;
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        Task<string> error = process.StandardError.ReadToEndAsync();
        try
        {
            await process.WaitForExitAsync().WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return new ProcessOutcome(process.ExitCode, await output, await output + await error);
    }
}

using System;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using System.Xml.Linq;
using Xunit.Abstractions;

namespace Guestfs.ApplianceTests;

/// <summary>
/// What a new user does with the packages (see <see cref="PackageConsumerFixture"/>): a console application that
/// references Guestfs runs a real session, JIT and published with NativeAOT, and gfish and the virt tools installed as
/// .NET tools run one each. Slow: the fixture's first session builds the appliance in an empty cache.
/// </summary>
[Trait("Category", "Appliance")]
public sealed partial class PackageConsumerTests : IClassFixture<PackageConsumerFixture>
{
    private readonly PackageConsumerFixture _consumer;
    private readonly ITestOutputHelper _output;

    public PackageConsumerTests(PackageConsumerFixture consumer, ITestOutputHelper output)
    {
        _consumer = consumer;
        _output = output;
    }

    [Fact]
    public void PackedLibrary_InAFreshConsoleApp_BuildsTheApplianceAndRunsASession()
    {
        Assert.True(_consumer.JitBuild.ExitCode == 0, _consumer.JitBuild.Output);
        Assert.True(File.Exists(Path.Combine(_consumer.App, "out", "appliance", "build.sh")), "the package did not put the recipe beside the application");

        ProcessOutcome run = _consumer.FirstJitRun.Outcome;
        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Equal(PackageConsumerFixture.ExpectedOutput, run.StandardOutput);
        Assert.True(File.Exists(Path.Combine(_consumer.UserCache, "appliance.d", "root")), "no appliance was built in the empty cache");
        Assert.True(File.Exists(Path.Combine(_consumer.UserCache, "appliance-build.log")), "no build log in the cache");
        _output.WriteLine($"JIT application, first session (cold appliance build): {_consumer.FirstJitRun.Elapsed.TotalSeconds:F1} s");
    }

    [Fact]
    public async Task PackedLibrary_PublishedWithNativeAot_HasNoWarningsAndRunsASession()
    {
        string publish = Path.Combine(_consumer.App, "aot");
        ProcessOutcome published = await _consumer.DotnetAsync(_consumer.App, "publish", "-c", "Release", "-r", "linux-x64", "-p:PublishAot=true", "-o", publish);
        Assert.True(published.ExitCode == 0, published.Output);
        string[] warnings = [.. TrimOrAotWarning().Matches(published.Output).Select(static m => m.Value).Distinct()];
        Assert.True(warnings.Length == 0, "trim/AOT warnings in the publish:\n" + string.Join('\n', warnings));

        string executable = Path.Combine(publish, "app");
        Assert.True(File.Exists(executable), "no native executable in " + publish);
        Assert.False(File.Exists(Path.Combine(publish, "app.dll")), "the publish is not a NativeAOT one");
        Assert.True(File.Exists(Path.Combine(publish, "appliance", "build.sh")), "the package did not put the recipe beside the published executable");

        TimedOutcome jit = await _consumer.RunJitAppAsync();
        Assert.True(jit.Outcome.ExitCode == 0, jit.Outcome.Output);
        TimedOutcome aot = await _consumer.RunSessionAsync(executable, [], _consumer.App);
        Assert.True(aot.Outcome.ExitCode == 0, aot.Outcome.Output);
        Assert.Equal(PackageConsumerFixture.ExpectedOutput, aot.Outcome.StandardOutput);
        _output.WriteLine($"session with a built appliance: JIT {jit.Elapsed.TotalSeconds:F1} s, NativeAOT {aot.Elapsed.TotalSeconds:F1} s");
    }

    [Fact]
    public async Task PackedGfish_InstalledAsADotnetTool_RunsASession()
    {
        string tools = Path.Combine(_consumer.Root, "tools");
        ProcessOutcome install = await _consumer.DotnetAsync(_consumer.Root, "tool", "install", "--tool-path", tools, "--add-source", _consumer.Feed, "Gfish", "--version", _consumer.Version);
        Assert.True(install.ExitCode == 0, install.Output);
        Assert.True(Directory.EnumerateFiles(Path.Combine(tools, ".store"), "build.sh", SearchOption.AllDirectories).Any(static f => Path.GetFileName(Path.GetDirectoryName(f)) == "appliance"),
            "the tool package carries no appliance recipe");

        string work = Directory.CreateDirectory(Path.Combine(_consumer.Root, "gfish-work")).FullName;
        TimedOutcome run = await _consumer.RunSessionAsync(Path.Combine(tools, "gfish"), ["-N", "fs", "-m", "/dev/sda1", "--", "write", "/a", "hi", ":", "cat", "/a"], work);
        Assert.True(run.Outcome.ExitCode == 0, run.Outcome.Output);
        Assert.Equal("hi\n", run.Outcome.StandardOutput);
        _output.WriteLine($"installed gfish session: {run.Elapsed.TotalSeconds:F1} s");
    }

    [Fact]
    public async Task PackedTools_InstalledAsADotnetTool_ReadAFileFromADisk()
    {
        string tools = Path.Combine(_consumer.Root, "virt-tools");
        ProcessOutcome install = await _consumer.DotnetAsync(_consumer.Root, "tool", "install", "--tool-path", tools, "--add-source", _consumer.Feed, "Guestfs.Tools", "--version", _consumer.Version);
        Assert.True(install.ExitCode == 0, install.Output);

        // An ext4 disk made on the host with a file in it (mke2fs -d), so that the installed tool is the only guestfs code run.
        string work = Directory.CreateDirectory(Path.Combine(_consumer.Root, "tools-work")).FullName;
        string content = Directory.CreateDirectory(Path.Combine(work, "content")).FullName;
        await File.WriteAllTextAsync(Path.Combine(content, "hello"), "hello from the disk\n");
        string disk = Path.Combine(work, "disk.img");
        await using (FileStream image = File.Create(disk))
        {
            image.SetLength(32L << 20);
        }

        ProgramResult mkfs = await ExternalProgram.RunAsync("mkfs.ext4", ["-q", "-F", "-d", content, disk]);
        Assert.True(mkfs.ExitCode == 0, mkfs.ToString());

        TimedOutcome run = await _consumer.RunSessionAsync(Path.Combine(tools, "guestfs-tools"), ["cat", "--format=raw", "-a", disk, "-m", "/dev/sda", "/hello"], work);
        Assert.True(run.Outcome.ExitCode == 0, run.Outcome.Output);
        Assert.Equal("hello from the disk\n", run.Outcome.StandardOutput);
        _output.WriteLine($"installed guestfs-tools cat: {run.Elapsed.TotalSeconds:F1} s");
    }

    [Theory]
    [InlineData("Guestfs")]
    [InlineData("Gfish")]
    [InlineData("Guestfs.Tools")]
    public async Task Package_Nuspec_HasLicenceReadmeRepositoryAndASymbolsPackage(string id)
    {
        string nupkg = Path.Combine(_consumer.Feed, $"{id}.{_consumer.Version}.nupkg");
        Assert.True(File.Exists(Path.Combine(_consumer.Feed, $"{id}.{_consumer.Version}.snupkg")), "no symbols package");
        using ZipArchive package = ZipFile.OpenRead(nupkg);
        Assert.NotNull(package.GetEntry("README.md"));
        Assert.NotNull(package.GetEntry("LICENSE"));
        ZipArchiveEntry nuspecEntry = Assert.Single(package.Entries, static e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal));
        XDocument nuspec;
        using (Stream stream = nuspecEntry.Open())
        {
            nuspec = XDocument.Load(stream);
        }

        XNamespace ns = nuspec.Root!.Name.Namespace;
        XElement metadata = nuspec.Root.Element(ns + "metadata")!;
        XElement license = metadata.Element(ns + "license")!;
        Assert.Equal(("expression", "LGPL-2.1-or-later"), ((string?)license.Attribute("type"), license.Value));
        Assert.Equal("README.md", metadata.Element(ns + "readme")?.Value);

        // The repository element carries the commit the package was built from; its URL is the git remote 'origin'
        // when that is a URL (a clone of a local path, as CI's, has none to give).
        XElement repository = metadata.Element(ns + "repository") ?? throw new Xunit.Sdk.XunitException("the nuspec has no repository element");
        ProgramResult head = await ExternalProgram.RunAsync("git", ["-C", RepositoryPaths.Root, "rev-parse", "HEAD"]);
        Assert.Equal(head.Stdout.Trim(), (string?)repository.Attribute("commit"));
        ProgramResult origin = await ExternalProgram.RunAsync("git", ["-C", RepositoryPaths.Root, "remote", "get-url", "origin"]);
        if (origin.ExitCode == 0 && origin.Stdout.Contains("://", StringComparison.Ordinal))
        {
            Assert.False(string.IsNullOrEmpty((string?)repository.Attribute("url")), "the repository has a remote 'origin' but the nuspec gives no URL");
        }
    }

    /// <summary>A trimming (IL2xxx) or AOT (IL3xxx) analysis warning as MSBuild prints it.</summary>
    [GeneratedRegex(@"warning IL[23]\d{3}[^\r\n]*")]
    private static partial Regex TrimOrAotWarning();
}

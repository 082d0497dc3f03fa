using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Guestfs.Host;

namespace Guestfs.Tests.Engine;

/// <summary>
/// disk_create against the host's real qemu-img, each case compared with stock <c>guestfish -- disk-create</c> on the
/// same arguments (it needs no appliance): the same image (as <c>qemu-img info</c> describes it) or the same error text.
/// </summary>
[Collection(QemuImgProgramCollection.Name)]
public sealed class DiskCreateTests : IDisposable
{
    private readonly string _ours = Directory.CreateTempSubdirectory("guestfs-diskcreate-ours-").FullName;
    private readonly string _stock = Directory.CreateTempSubdirectory("guestfs-diskcreate-stock-").FullName;

    public void Dispose()
    {
        Directory.Delete(_ours, recursive: true);
        Directory.Delete(_stock, recursive: true);
    }

    public static TheoryData<string, string, long, string[]> Images() => new()
    {
        { "a.img", "raw", 1048576, [] },
        { "a.img", "raw", 3145728, ["preallocation:full"] },
        { "a.img", "raw", 1048576, ["preallocation:sparse"] },
        { "a.qcow2", "qcow2", 10485760, [] },
        { "a.qcow2", "qcow2", 10485760, ["preallocation:metadata", "compat:0.10", "clustersize:4096"] },
        { "a.qcow2", "qcow2", 2097152, ["preallocation:full", "compat:1.1", "clustersize:2097152"] },
        { "a.qcow2", "qcow2", -1, ["backingfile:base.qcow2"] },
        { "a.qcow2", "qcow2", -1, ["backingfile:base,odd.raw", "backingformat:raw"] },
        { "file:a.qcow2", "qcow2", 1048576, ["preallocation:off"] },
    };

    public static TheoryData<string, long, string[]> BadArguments() => new()
    {
        { "raw", -1, [] },
        { "raw", 0, [] },
        { "vmdk", 1048576, [] },
        { "raw", 1048576, ["backingfile:x"] },
        { "raw", -1, ["backingfile:x"] },
        { "qcow2", 1048576, ["backingfile:x"] },
        { "raw", 1048576, ["backingformat:raw"] },
        { "raw", 1048576, ["preallocation:bogus"] },
        { "raw", 1048576, ["preallocation:metadata"] },
        { "qcow2", 1048576, ["preallocation:bogus"] },
        { "raw", 1048576, ["compat:1.1"] },
        { "qcow2", 1048576, ["compat:1.2"] },
        { "raw", 1048576, ["clustersize:512"] },
        { "qcow2", 1048576, ["clustersize:1000"] },
        { "qcow2", 1048576, ["clustersize:256"] },
        { "qcow2", 1048576, ["clustersize:4194304"] },
        { "qcow2", -1, ["backingfile:x", "backingformat:a-b"] },
        { "qcow2", -1, ["backingfile:x", "backingformat:abcdefghijklmnopq"] },
    };

    [Theory]
    [MemberData(nameof(Images))]
    public async Task DiskCreate_SameImageAsStock(string name, string format, long size, string[] options)
    {
        foreach (string directory in new[] { _ours, _stock })
        {
            Run(directory, "qemu-img", "create", "-q", "-f", "qcow2", "base.qcow2", "4M");
            Run(directory, "qemu-img", "create", "-q", "-f", "raw", "base,odd.raw", "2M");
        }

        (int stockExit, string stockError) = Stock(format, size, options, name);
        Assert.True(stockExit == 0, stockError);

        await using (var g = NewHandle())
        {
            string previous = Environment.CurrentDirectory;
            Environment.CurrentDirectory = _ours;
            try
            {
                await g.DiskCreateAsync(name, format, size, ToOptions(options));
            }
            finally
            {
                Environment.CurrentDirectory = previous;
            }
        }

        JsonObject ours = Info(Path.Combine(_ours, name));
        JsonObject stock = Info(Path.Combine(_stock, name));
        Assert.Equal(stock.ToJsonString(), ours.ToJsonString());
        Assert.Equal(new FileInfo(Path.Combine(_stock, name)).Length, new FileInfo(Path.Combine(_ours, name)).Length);
    }

    [Theory]
    [MemberData(nameof(BadArguments))]
    public async Task DiskCreate_BadArguments_SameErrorAsStock_AndNoFile(string format, long size, string[] options)
    {
        (int stockExit, string stockError) = Stock(format, size, options, "bad.img");
        Assert.Equal(1, stockExit);

        string target = Path.Combine(_ours, "bad.img");
        await using var g = NewHandle();
        GuestfsException e = await Assert.ThrowsAsync<GuestfsException>(() => g.DiskCreateAsync(target, format, size, ToOptions(options)));
        Assert.Equal(StockMessage(stockError), e.Message);
        Assert.False(File.Exists(target));
    }

    [Fact]
    public async Task DiskCreate_SystemErrors_SameTextAsStock()
    {
        await using var g = NewHandle();
        (_, string missingDirectory) = Stock("raw", 1048576, [], "/nonexistent-dir/a.img");
        GuestfsException e = await Assert.ThrowsAsync<GuestfsException>(() => g.DiskCreateAsync("/nonexistent-dir/a.img", "raw", 1048576));
        Assert.Equal(StockMessage(missingDirectory), e.Message);

        (_, string charDevice) = Stock("raw", 1048576, [], "/dev/null");
        e = await Assert.ThrowsAsync<GuestfsException>(() => g.DiskCreateAsync("/dev/null", "raw", 1048576));
        Assert.Equal(StockMessage(charDevice), e.Message);

        // qemu-img's own failure: libguestfs's first line, then qemu-img's message instead of the debugging advice.
        (_, string qemuImg) = Stock("qcow2", 1048576, [], "/nonexistent-dir/a.qcow2");
        e = await Assert.ThrowsAsync<GuestfsException>(() => g.DiskCreateAsync("/nonexistent-dir/a.qcow2", "qcow2", 1048576));
        Assert.StartsWith(StockMessage(qemuImg).Split('\n')[0].TrimEnd('.'), e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DiskCreate_NulInAnOption_ArgumentException()
    {
        await using var g = NewHandle();
        await Assert.ThrowsAsync<ArgumentException>(() => g.DiskCreateAsync(Path.Combine(_ours, "n.qcow2"), "qcow2", -1, new DiskCreateOptions { Backingfile = "a\0b" }));
        Assert.False(File.Exists(Path.Combine(_ours, "n.qcow2")));
    }

    [Fact]
    public async Task DiskCreate_RawOverExistingFile_Truncates()
    {
        string file = Path.Combine(_ours, "existing.img");
        File.WriteAllBytes(file, new byte[8192]);
        await using var g = NewHandle();
        await g.DiskCreateAsync(file, "raw", 4096);
        Assert.Equal(4096, new FileInfo(file).Length);
    }

    private static DiskCreateOptions ToOptions(string[] options)
    {
        var values = options.Select(o => o.Split(':', 2)).ToDictionary(p => p[0], p => p[1]);
        return new DiskCreateOptions
        {
            Backingfile = values.GetValueOrDefault("backingfile"),
            Backingformat = values.GetValueOrDefault("backingformat"),
            Preallocation = values.GetValueOrDefault("preallocation"),
            Compat = values.GetValueOrDefault("compat"),
            Clustersize = values.TryGetValue("clustersize", out string? c) ? int.Parse(c, System.Globalization.CultureInfo.InvariantCulture) : null,
        };
    }

    private (int ExitCode, string Error) Stock(string format, long size, string[] options, string name)
    {
        var arguments = new List<string> { "--", "disk-create", name, format, size.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        arguments.AddRange(options);
        ProgramResult stock = ExternalProgram.Run("guestfish", arguments, _stock, ExternalProgram.StockEnvironment);
        return (stock.ExitCode, stock.Stderr);
    }

    /// <summary>The message after guestfish's <c>libguestfs: error: </c> prefix, without the final newline.</summary>
    private static string StockMessage(string stderr)
    {
        const string marker = "libguestfs: error: ";
        int at = stderr.IndexOf(marker, StringComparison.Ordinal);
        Assert.True(at >= 0, stderr);
        return stderr.Substring(at + marker.Length).TrimEnd('\n');
    }

    private static JsonObject Info(string file)
    {
        string json = ExternalProgram.RunChecked("qemu-img", ["info", "-U", "--output", "json", file], Path.GetDirectoryName(file)).Stdout;
        JsonObject info = JsonNode.Parse(json)!.AsObject();
        info.Remove("filename");
        info.Remove("full-backing-filename");
        return info;
    }

    private static GuestfsHandle NewHandle() => new(new GuestfsOptions { ReadEnvironment = false, DiagnosticWriter = TextWriter.Null });

    private static void Run(string directory, string program, params string[] arguments) =>
        ExternalProgram.RunChecked(program, arguments, directory, ExternalProgram.StockEnvironment);
}

/// <summary>The tests that run qemu-img through <see cref="QemuImgInfo.Program"/>, which some of them swap: never in parallel.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class QemuImgProgramCollection
{
    /// <summary>The collection's name.</summary>
    public const string Name = "qemu-img program";
}

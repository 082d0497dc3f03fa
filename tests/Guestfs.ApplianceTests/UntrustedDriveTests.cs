using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using System.Threading.Tasks;
using Xunit.Abstractions;

namespace Guestfs.ApplianceTests;

/// <summary>
/// Untrusted images and odd drive names, run through <c>eng/gfish</c> as a user would. Without <c>--format</c> an
/// image whose header names other host files (a VMDK extent, a qcow2 backing or data file) is refused before qemu
/// starts; with the format given the caller vouches for it. A drive name is a file name and nothing else, whatever
/// it looks like to qemu (<c>json:</c>, <c>nbd:</c>, <c>fat:</c>, commas).
/// </summary>
[Collection(ApplianceCollection.Name)]
[Trait("Category", "Appliance")]
public sealed class UntrustedDriveTests : IDisposable
{
    private const string Secret = "HOST-SECRET-NOT-FOR-THE-GUEST";
    private const string SecretLength = "29";

    private readonly ApplianceFixture _fixture;
    private readonly ITestOutputHelper _output;
    private readonly string _directory = Directory.CreateTempSubdirectory("guestfs-untrusted-drives-").FullName;

    public UntrustedDriveTests(ApplianceFixture fixture, ITestOutputHelper output)
    {
        _fixture = fixture;
        _output = output;
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task VmdkExtentNamingAHostFile_WithoutFormat_IsRefusedAndNothingLeaks()
    {
        string evil = WriteVmdkDescriptor("evil.img", WriteSecret("secret"));

        ProcessOutcome gfish = await GfishAsync(["--ro", "-a", evil, "run", ":", "pread-device", "/dev/sda", SecretLength, "0"]);

        Assert.Equal(1, gfish.ExitCode);
        Assert.DoesNotContain(Secret, gfish.Output, StringComparison.Ordinal);
        Assert.Contains(evil, gfish.Output, StringComparison.Ordinal);
        Assert.Contains("vmdk", gfish.Output, StringComparison.Ordinal);
        Assert.Contains("format", gfish.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task VmdkExtentNamingAHostFile_WithFormatGiven_IsOpenedBecauseTheCallerVouchesForIt()
    {
        string vmdk = WriteVmdkDescriptor("trusted.vmdk", WriteSecret("extent"));

        ProcessOutcome gfish = await GfishAsync(["--ro", "--format=vmdk", "-a", vmdk, "run", ":", "pread-device", "/dev/sda", SecretLength, "0"]);

        Assert.True(gfish.ExitCode == 0, gfish.Output);
        Assert.Equal(Secret, gfish.StandardOutput.Trim());
    }

    [Fact]
    public async Task Qcow2WithBackingFile_WithoutFormat_IsRefused()
    {
        string secret = WriteSecret("secret");
        string image = await QemuImgCreateAsync("backed.qcow2", "-f", "qcow2", "-F", "raw", "-b", secret);

        ProcessOutcome gfish = await GfishAsync(["--ro", "-a", image, "run", ":", "pread-device", "/dev/sda", SecretLength, "0"]);

        Assert.Equal(1, gfish.ExitCode);
        Assert.DoesNotContain(Secret, gfish.Output, StringComparison.Ordinal);
        Assert.Contains("backing file", gfish.Output, StringComparison.Ordinal);
        Assert.Contains("format=qcow2", gfish.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Qcow2WithExternalDataFile_WithoutFormat_IsRefused()
    {
        string data = Path.Combine(_directory, "data.raw");
        string image = await QemuImgCreateAsync("external.qcow2", "-f", "qcow2", "-o", "data_file=" + data + ",data_file_raw=on");
        using (var stream = new FileStream(data, FileMode.Open, FileAccess.Write))
        {
            stream.Write(Encoding.ASCII.GetBytes(Secret));
        }

        ProcessOutcome gfish = await GfishAsync(["--ro", "-a", image, "run", ":", "pread-device", "/dev/sda", SecretLength, "0"]);

        Assert.Equal(1, gfish.ExitCode);
        Assert.DoesNotContain(Secret, gfish.Output, StringComparison.Ordinal);
        Assert.Contains("data file", gfish.Output, StringComparison.Ordinal);
        Assert.Contains("format=qcow2", gfish.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PlainQcow2_WithoutFormat_IsProbedAndOpened()
    {
        string image = await QemuImgCreateAsync("plain.qcow2", "-f", "qcow2");

        ProcessOutcome gfish = await GfishAsync(["--ro", "-a", image, "run", ":", "blockdev-getsize64", "/dev/sda"]);

        Assert.True(gfish.ExitCode == 0, gfish.Output);
        Assert.Equal("16777216", gfish.StandardOutput.Trim());
    }

    [Theory]
    [InlineData("1")]
    [InlineData("0")]
    public async Task RelativeNamesThatLookLikeQemuSyntax_AreOpenedAsTheFilesThemselves(string snapshot)
    {
        // Snapshot launch hot-plugs the drives (drive_add); a normal boot puts them on qemu's command line.
        // Each name would mean something else to qemu if it reached it as written: a JSON block-device description
        // that opens /etc/hostname, an NBD server, a virtual FAT directory, and option syntax with commas.
        string[] names =
        [
            "json:{\"file\":{\"driver\":\"file\",\"filename\":\"/etc/hostname\"}}",
            "nbd:localhost:10809",
            "fat:rw:.",
            "a:b,c,,d.img",
        ];
        var arguments = new List<string> { "--ro" };
        for (int i = 0; i < names.Length; i++)
        {
            WriteMarkedDisk(Path.Combine(_directory, names[i]), Marker(i));
            arguments.AddRange(["-a", names[i]]);
        }

        // The same names once more as absolute paths, with the format given.
        for (int i = 0; i < names.Length; i++)
        {
            arguments.AddRange(["--format=raw", "-a", Path.Combine(_directory, names[i])]);
        }

        arguments.Add("run");
        for (int i = 0; i < names.Length * 2; i++)
        {
            arguments.AddRange([":", "pread-device", "/dev/sd" + (char)('a' + i), Marker(0).Length.ToString(CultureInfo.InvariantCulture), "0", ":", "echo"]);
        }

        ProcessOutcome gfish = await GfishAsync([.. arguments], snapshot);

        Assert.True(gfish.ExitCode == 0, gfish.Output);
        string[] expected = [.. Markers(0..names.Length), .. Markers(0..names.Length)];
        Assert.Equal(expected, gfish.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }

    private static string Marker(int index) => "MARKER-OF-DRIVE-" + index.ToString("D2", CultureInfo.InvariantCulture);

    private static string[] Markers(Range range)
    {
        var markers = new List<string>();
        for (int i = range.Start.Value; i < range.End.Value; i++)
        {
            markers.Add(Marker(i));
        }

        return [.. markers];
    }

    private static void WriteMarkedDisk(string path, string marker)
    {
        // A '/' inside a name (the JSON one names /etc/hostname) makes directories: the relative name still resolves.
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write);
        stream.Write(Encoding.ASCII.GetBytes(marker));
        stream.SetLength(1024 * 1024);
    }

    private string WriteSecret(string name)
    {
        string path = Path.Combine(_directory, name);
        WriteMarkedDisk(path, Secret);
        return path;
    }

    /// <summary>A 200-byte VMDK descriptor whose flat extent is <paramref name="extent"/>.</summary>
    private string WriteVmdkDescriptor(string name, string extent)
    {
        string path = Path.Combine(_directory, name);
        File.WriteAllText(
            path,
            "# Disk DescriptorFile\nversion=1\nCID=fffffffe\nparentCID=ffffffff\ncreateType=\"monolithicFlat\"\n\n" +
            $"RW 2048 FLAT \"{extent}\" 0\nddb.adapterType = \"ide\"\n");
        return path;
    }

    private async Task<string> QemuImgCreateAsync(string name, params string[] arguments)
    {
        string path = Path.Combine(_directory, name);
        ProcessOutcome made = await ApplianceFixture.RunAsync("qemu-img", ["create", "-q", .. arguments, path, "16M"], TimeSpan.FromSeconds(60));
        Assert.True(made.ExitCode == 0, made.Output);
        return path;
    }

    /// <summary>Runs <c>eng/gfish</c> in the test's directory, so relative drive names resolve there.</summary>
    private async Task<ProcessOutcome> GfishAsync(string[] arguments, string snapshot = "1")
    {
        var environment = new Dictionary<string, string>
        {
            ["LIBGUESTFS_BACKEND"] = "direct",
            ["LIBGUESTFS_BACKEND_SETTINGS"] = "force_tcg",
            ["GUESTFS_SNAPSHOT"] = snapshot,
        };
        ProcessOutcome gfish = await ApplianceFixture.RunAsync(
            "env", ["-C", _directory, "bash", Path.Combine(_fixture.RepositoryRoot, "eng", "gfish"), .. arguments], TimeSpan.FromMinutes(10), environment);
        _output.WriteLine($"gfish {string.Join(' ', arguments)}: exit {gfish.ExitCode}\n{gfish.Output}");
        return gfish;
    }
}

using System.Threading.Tasks;

namespace Guestfs.Tools.Tests;

/// <summary>
/// What the tools do before any appliance starts: help, version, option listings, option errors (glibc getopt's
/// texts), missing or unreadable disks, misplaced <c>--format</c>; stdout, stderr and exit code as stock.
/// </summary>
public sealed class ToolOptionsTests
{
    public static TheoryData<string, string[]> StockCases() => new()
    {
        { "virt-cat", ["--help"] },
        { "virt-cat", ["-V"] },
        { "virt-cat", ["--long-options"] },
        { "virt-cat", ["--short-options"] },
        { "virt-cat", [] },
        { "virt-cat", ["/etc/hostname"] },
        { "virt-cat", ["-z"] },
        { "virt-cat", ["--foo=1"] },
        { "virt-cat", ["-a"] },
        { "virt-cat", ["--add"] },
        { "virt-cat", ["--help=3"] },
        { "virt-cat", ["--ke"] },
        { "virt-cat", ["-a", "/nonexistent.img", "/etc/hostname"] },
        { "virt-cat", ["-a", "/", "--format=raw", "/etc/hostname"] },
        { "virt-cat", ["--blocksize=x", "-a", "/"] },
        { "virt-cat", ["--", "-a"] },
        { "virt-ls", ["--help"] },
        { "virt-ls", ["--short-options"] },
        { "virt-ls", ["--h"] },
        { "virt-ls", ["--ti", "/"] },
        { "virt-ls", ["-lh", "/"] },
        { "virt-ls", ["-lRh", "--csv", "/"] },
        { "virt-ls", ["--checksum", "-R", "/"] },
        { "virt-ls", ["-lR"] },
        { "virt-ls", ["-lR", "/"] },
        { "virt-copy-out", ["--rw", "-a", "/nonexistent.img", "/etc", "."] },
        { "virt-copy-in", ["-V"] },
        { "virt-copy-out", ["--long-options"] },
        { "virt-tar-out", ["-a", "/nonexistent.img", "/", "-"] },
        { "virt-tar-in", ["--foo"] },
        { "virt-tar-in", ["-a"] },
        { "virt-copy-in", ["--format=qcow2"] },
        { "virt-log", ["--help"] },
        { "virt-log", ["--long-options"] },
        { "virt-log", ["--short-options"] },
        { "virt-log", [] },
        { "virt-log", ["-a", "/dev/null", "extra"] },
        { "virt-log", ["-m", "/dev/sda1"] },
        { "virt-log", ["-a", "/nonexistent.img"] },
        { "virt-edit", ["--help"] },
        { "virt-edit", ["--long-options"] },
        { "virt-edit", ["--short-options"] },
        { "virt-edit", [] },
        { "virt-edit", ["/etc/hostname"] },
        { "virt-edit", ["-a", "/dev/null"] },
        { "virt-edit", ["-b", ".x", "-b", ".y", "/etc/hostname"] },
        { "virt-edit", ["-e", "1", "--expr", "2", "/etc/hostname"] },
        { "virt-edit", ["-a", "/dev/null", "--format=raw", "/etc/hostname"] },
        { "virt-diff", ["--help"] },
        { "virt-diff", ["--long-options"] },
        { "virt-diff", ["--short-options"] },
        { "virt-diff", [] },
        { "virt-diff", ["-a", "/dev/null"] },
        { "virt-diff", ["-A", "/dev/null"] },
        { "virt-diff", ["-h", "--csv", "-a", "/dev/null", "-A", "/dev/null"] },
        { "virt-diff", ["-a", "/dev/null", "-A", "/dev/null", "--checksum", "md5"] },
        { "virt-diff", ["-a", "/dev/null", "-A", "/nonexistent.img"] },
        { "virt-diff", ["-a", "/dev/null", "--format=raw"] },
    };

    [Theory]
    [MemberData(nameof(StockCases))]
    public async Task Tool_OptionCase_SameAsStock(string tool, string[] args)
    {
        var run = await ToolComparison.RunAsync(tool, args, "/tmp");
        run.AssertSameWithStderr();
    }

    [Theory]
    [InlineData("virt-cat")]
    [InlineData("virt-ls")]
    [InlineData("virt-log")]
    [InlineData("virt-edit")]
    [InlineData("virt-diff")]
    [InlineData("virt-inspector")]
    [InlineData("virt-df")]
    [InlineData("virt-filesystems")]
    [InlineData("virt-copy-in")]
    [InlineData("virt-copy-out")]
    [InlineData("virt-tar-in")]
    [InlineData("virt-tar-out")]
    public async Task Tool_LongOptions_ListsItsTable(string tool)
    {
        // Every tool's table is built from the shared definitions on first use: a name it neither shares nor defines fails here.
        var ours = await ExternalProgram.RunStockAsync(System.IO.Path.Combine(RepositoryPaths.Root, "eng", tool), ["--long-options"], "/tmp");
        Assert.True(ours.ExitCode == 0, ours.ToString());
        Assert.StartsWith("--add\n", ours.Stdout, System.StringComparison.Ordinal);
        Assert.Contains("\n--verbose\n--version\n", ours.Stdout, System.StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("virt-cat", "-d")]
    [InlineData("virt-ls", "--domain")]
    [InlineData("virt-cat", "-c")]
    public async Task Tool_Libvirt_ClearError(string tool, string option)
    {
        var ours = await ExternalProgram.RunStockAsync(System.IO.Path.Combine(RepositoryPaths.Root, "eng", tool), [option, "guest", "/etc/hostname"], "/tmp");
        Assert.Equal(1, ours.ExitCode);
        Assert.Equal($"{tool}: error: libvirt is not available: -c/--connect and -d/--domain cannot be used; add the guest's disk images with -a instead\n", ours.Stderr);
    }
}

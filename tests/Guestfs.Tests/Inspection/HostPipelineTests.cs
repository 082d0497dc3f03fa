using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Guestfs.Inspection;

namespace Guestfs.Tests.Inspection;

/// <summary>The shell-free converter pipeline inspect_get_icon uses on the host.</summary>
public sealed class HostPipelineTests
{
    [Fact]
    public async Task Pipeline_FeedsEachProgramIntoTheNext()
    {
        byte[]? output = await HostPipeline.RunAsync([["cat"], ["tr", "a-z", "A-Z"], ["rev"]], Encoding.ASCII.GetBytes("abc\n"), 1024, CancellationToken.None);
        Assert.Equal("CBA\n", Encoding.ASCII.GetString(output!));
    }

    [Fact]
    public async Task Pipeline_MissingProgram_Null()
    {
        Assert.Null(await HostPipeline.RunAsync([["cat"], ["no-such-converter-guestfs"]], [1, 2, 3], 1024, CancellationToken.None));
    }

    [Fact]
    public async Task Pipeline_LastProgramFails_Null_ButOnlyTheLastCounts()
    {
        Assert.Null(await HostPipeline.RunAsync([["cat"], ["false"]], [1], 1024, CancellationToken.None));
        byte[]? lastSucceeds = await HostPipeline.RunAsync([["false"], ["cat"]], null, 1024, CancellationToken.None);
        Assert.Equal(0, lastSucceeds?.Length);
    }

    [Fact]
    public async Task Pipeline_OutputOverTheLimit_NullAndProgramsStopped()
    {
        Assert.Null(await HostPipeline.RunAsync([["yes"]], null, 64 * 1024, CancellationToken.None));
    }

    [Fact]
    public async Task Pipeline_Cancelled_Throws()
    {
        using var cancel = new CancellationTokenSource(200);
        await Assert.ThrowsAnyAsync<System.OperationCanceledException>(() => HostPipeline.RunAsync([["sleep", "30"]], null, 1024, cancel.Token));
    }
}

using System.IO;
using Gfish.Execution;
using Gfish.Terminal;

namespace Gfish.Tests;

public class ProgressBarTests
{
    [Theory]
    [InlineData(0, 100, "[----------]   0%")]
    [InlineData(50, 100, "[#####-----]  50%")]
    [InlineData(100, 100, "[##########] 100%")]
    [InlineData(150, 100, "[##########] 100%")]
    public void Render_FillsInProportion(long position, long total, string expected)
    {
        Assert.Equal(expected, ProgressBar.Render(new TransferProgress(position, total), 17));
    }

    [Fact]
    public void Report_ThenDispose_DrawsAndErasesOnTheSameLine()
    {
        var terminal = new StringWriter();
        using (var bar = new ProgressBar(terminal))
        {
            bar.Report(new TransferProgress(1, 2));
        }

        var text = terminal.ToString();
        Assert.StartsWith("\r[", text);
        Assert.Contains(" 50%", text);
        Assert.EndsWith("\r", text);
        Assert.DoesNotContain("\n", text);
    }

    [Fact]
    public void Report_UnknownTotal_DrawsNothing()
    {
        var terminal = new StringWriter();
        using (var bar = new ProgressBar(terminal))
        {
            bar.Report(new TransferProgress(5, 0));
        }

        Assert.Equal(string.Empty, terminal.ToString());
    }
}

using System.IO;
using System.Threading.Tasks;

namespace Guestfs.Tools.Tests;

/// <summary>
/// <c>virt-inspector --xpath</c> reads XML on stdin and needs no appliance: stock and ours on the same document
/// and query print the same and exit the same.
/// </summary>
[Trait("Category", "Appliance")]
public sealed class InspectorXPathTests
{
    private const string Document = """
        <?xml version="1.0"?>
        <operatingsystems>
          <operatingsystem>
            <root>/dev/debvg/root</root>
            <name>linux</name>
            <distro>debian</distro>
            <major_version>12</major_version>
            <hostname>debtest</hostname>
            <mountpoints>
              <mountpoint dev="/dev/debvg/root">/</mountpoint>
              <mountpoint dev="/dev/sda1">/boot</mountpoint>
            </mountpoints>
            <applications>
              <application>
                <name>bash</name>
                <summary>a &lt;b&gt; &amp; "c"</summary>
              </application>
              <application>
                <name>libc6</name>
                <epoch>2</epoch>
              </application>
              <application/>
            </applications>
          </operatingsystem>
        </operatingsystems>
        """;

    [Theory]
    [InlineData("//application/name")]
    [InlineData("//mountpoints")]
    [InlineData("//operatingsystem")]
    [InlineData("string(//distro)")]
    [InlineData("count(//application)")]
    [InlineData("//mountpoint/@dev")]
    [InlineData("//name/text()")]
    [InlineData("//summary")]
    [InlineData("boolean(//nothing)")]
    [InlineData("1 div 3")]
    [InlineData("100 div 7")]
    [InlineData("1 div 0")]
    [InlineData("0 div 0")]
    [InlineData("12345678901")]
    [InlineData("0.000001")]
    [InlineData("//nothing")]
    [InlineData("string(//nothing)")]
    [InlineData("//operatingsystem/root|//hostname")]
    [InlineData("(((")]
    public async Task Query_StockAndOurs_Same(string query)
    {
        var run = await ToolComparison.RunAsync("virt-inspector", ["--xpath", query], Path.GetTempPath(), input: Document);
        run.AssertSame();
    }
}

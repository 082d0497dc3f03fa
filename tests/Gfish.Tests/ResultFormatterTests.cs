using System.Collections.Generic;
using Gfish.Commands;
using Gfish.Output;
using Gfish.Tests.Fakes;
using Guestfs.Commands;

namespace Gfish.Tests;

public class ResultFormatterTests
{
    private static readonly ResultFormatter s_formatter = new();

    private static string Format(ReturnInfo info, object? value) => s_formatter.Format(info, value);

    [Fact]
    public void Format_Scalars_AsGuestfish()
    {
        Assert.Equal("", Format(ReturnInfo.None, null));
        Assert.Equal("true\n", Format(new ReturnInfo(ReturnKind.Bool), true));
        Assert.Equal("false\n", Format(new ReturnInfo(ReturnKind.Bool), false));
        Assert.Equal("-3\n", Format(new ReturnInfo(ReturnKind.Int), -3));
        Assert.Equal("8211218615489767729\n", Format(new ReturnInfo(ReturnKind.Int64), 8211218615489767729L));
        Assert.Equal("hello\n", Format(new ReturnInfo(ReturnKind.String), "hello"));
        Assert.Equal("(null)\n", Format(new ReturnInfo(ReturnKind.OptString), null));
    }

    [Theory]
    [InlineData(18, "octal", "022")]
    [InlineData(0, "octal", "0")]
    [InlineData(255, "hex", "0xff")]
    [InlineData(0, "hex", "0")]
    [InlineData(-1, "hex", "0xffffffff")]
    [InlineData(-1, "decimal", "-1")]
    public void FormatInteger_Styles(long value, string style, string expected)
    {
        var numberStyle = style switch { "octal" => CommandNumberStyle.Octal, "hex" => CommandNumberStyle.Hexadecimal, _ => CommandNumberStyle.Decimal };
        Assert.Equal(expected, ResultFormatter.FormatInteger(value, is32Bit: true, numberStyle));
    }

    [Fact]
    public void Format_StringList_OnePerLine()
    {
        Assert.Equal("/dev/sda\n/dev/sdb\n", Format(new ReturnInfo(ReturnKind.StringList), new[] { "/dev/sda", "/dev/sdb" }));
        Assert.Equal("", Format(new ReturnInfo(ReturnKind.StringList), new string[0]));
    }

    [Fact]
    public void Format_Hashtable_KeyColonValue_InOrder()
    {
        var pairs = new List<KeyValuePair<string, string>> { new("/dev/VG/LV", "ext4"), new("/dev/sda1", "unknown") };
        Assert.Equal("/dev/VG/LV: ext4\n/dev/sda1: unknown\n", Format(new ReturnInfo(ReturnKind.Hashtable), pairs));
        Assert.Equal("a: 1\nb: 2\n", Format(new ReturnInfo(ReturnKind.Hashtable), new[] { "a", "1", "b", "2" }));
    }

    [Fact]
    public void Format_StructList_BlocksWithIndentedFields()
    {
        var lv = new FakeLV("LV", "xMafeen93IHtFmSenoB6PHPEpbsGkUws", 62914560, -1);
        var expected = """
            [0] = {
              lv_name: LV
              lv_uuid: xMafeen93IHtFmSenoB6PHPEpbsGkUws
              lv_size: 62914560
              snap_percent: 
            }
            [1] = {
              lv_name: LV
              lv_uuid: xMafeen93IHtFmSenoB6PHPEpbsGkUws
              lv_size: 62914560
              snap_percent: 12.5 %
            }

            """.Replace("\r", "");
        Assert.Equal(expected, Format(new ReturnInfo(ReturnKind.StructList), CommandResult.FromStructList(new[] { lv, lv with { SnapPercent = 12.5f } }, FakeLV.Fields).Value));
    }

    [Fact]
    public void Format_Struct_NoIndent()
    {
        var lv = new FakeLV("root", "abc", 1, 100);
        Assert.Equal("lv_name: root\nlv_uuid: abc\nlv_size: 1\nsnap_percent: 100 %\n", Format(new ReturnInfo(ReturnKind.Struct), CommandResult.FromStruct(lv, FakeLV.Fields).Value));
    }

    [Fact]
    public void Format_StructFieldTypes_AsGuestfishPrintsTheirCTypes()
    {
        IReadOnlyList<CommandField> fields = [new("part_name", "p1"), new("part_start", 65536L), new("flag", 'x'), new("data", new byte[] { 0x41, 0x00, 0x7f, 0x7e }), new("absent", null), new("ratio", -1f)];
        Assert.Equal("part_name: p1\npart_start: 65536\nflag: x\ndata: A\\x00\\x7f~\nabsent: \nratio: \n", Format(new ReturnInfo(ReturnKind.Struct), fields));
    }

    [Theory]
    [InlineData(12.5, "12.5")]
    [InlineData(100, "100")]
    [InlineData(0.000012345, "1.2345e-05")]
    [InlineData(1234567, "1.23457e+06")]
    [InlineData(99.99999, "100")]
    [InlineData(0.1, "0.1")]
    public void CFormatG_MatchesPrintf(double value, string expected)
    {
        Assert.Equal(expected, CFormat.G(value));
    }

    [Fact]
    public void Write_Buffer_IsRawBytesWithoutNewline()
    {
        using var output = new System.IO.MemoryStream();
        s_formatter.Write(output, new ReturnInfo(ReturnKind.Buffer), new byte[] { 0, 1, 0xff });
        Assert.Equal([0, 1, 0xff], output.ToArray());
    }
}

using System.Linq;
using Gfish.Cli;

namespace Gfish.Tests;

public class OptionParserTests
{
    [Fact]
    public void Parse_FormatAppliesToFollowingImagesOnly()
    {
        var o = OptionParser.Parse(["-a", "one.img", "--format=qcow2", "-a", "two.qcow2", "--add=three.qcow2", "--format", "-afour.img"]);
        Assert.Equal(
            [new ImageOption("one.img", null), new ImageOption("two.qcow2", "qcow2"), new ImageOption("three.qcow2", "qcow2"), new ImageOption("four.img", null)],
            o.Images);
    }

    [Fact]
    public void Parse_ReadOnlyThenReadWrite_LastWins()
    {
        Assert.True(OptionParser.Parse(["--rw", "--ro"]).ReadOnly);
        Assert.False(OptionParser.Parse(["-r", "-w"]).ReadOnly);
    }

    [Fact]
    public void Parse_ShortOptionCluster_AppliesEach()
    {
        var o = OptionParser.Parse(["-vxia", "disk.img"]);
        Assert.True(o.Verbose);
        Assert.True(o.Trace);
        Assert.True(o.Inspect);
        Assert.Equal("disk.img", o.Images.Single().Path);
    }

    [Theory]
    [InlineData("/dev/sda1", "/dev/sda1", "/", null, null)]
    [InlineData("/dev/sda1:/boot", "/dev/sda1", "/boot", null, null)]
    [InlineData("/dev/sda1:/:ro,noatime", "/dev/sda1", "/", "ro,noatime", null)]
    [InlineData("/dev/sda1:/mnt::ext4", "/dev/sda1", "/mnt", "", "ext4")]
    public void Parse_Mount_SplitsFields(string value, string device, string mountPoint, string? options, string? fsType)
    {
        var m = OptionParser.Parse(["-m", value]).Mounts.Single();
        Assert.Equal(new MountOption(device, mountPoint, options, fsType), m);
    }

    [Fact]
    public void Parse_CommandsAfterDoubleDash_SplitAtColonWords()
    {
        var o = OptionParser.Parse(["-N", "fs", "--", "echo", "a", "-x", ":", "echo", "b:c", ":"]);
        Assert.False(o.Trace);
        Assert.Equal(2, o.Commands.Count);
        Assert.Equal(["echo", "a", "-x"], o.Commands[0]);
        Assert.Equal(["echo", "b:c"], o.Commands[1]);
    }

    [Fact]
    public void Parse_OptionsBetweenCommandWords_ArePermutedLikeGetopt()
    {
        var o = OptionParser.Parse(["echo", "a", "-x"]);
        Assert.True(o.Trace);
        Assert.Equal(["echo", "a"], o.Commands.Single());
    }

    [Fact]
    public void Parse_ScriptFileAndHelp()
    {
        Assert.Equal("s.gfs", OptionParser.Parse(["-f", "s.gfs"]).ScriptFile);
        var h = OptionParser.Parse(["-h", "mkfs"]);
        Assert.Equal(OptionAction.CommandHelp, h.Action);
        Assert.Equal("mkfs", h.HelpCommand);
        Assert.Null(OptionParser.Parse(["--cmd-help"]).HelpCommand);
        Assert.Equal(OptionAction.ScratchHelp, OptionParser.Parse(["-N", "help"]).Action);
    }

    [Theory]
    [InlineData("--nosuch", "unrecognized option '--nosuch'")]
    [InlineData("-q", "invalid option -- 'q'")]
    [InlineData("-a", "option requires an argument -- 'a'")]
    [InlineData("-N", "option requires an argument -- 'N'")]
    public void Parse_BadOption_Throws(string arg, string message)
    {
        var e = Assert.Throws<OptionException>(() => OptionParser.Parse([arg]));
        Assert.Equal(message, e.Message);
    }

    [Fact]
    public void Parse_ScratchDisks_NumberedFileNames()
    {
        var o = OptionParser.Parse(["-N", "fs", "-N", "mine.img=disk:10M", "-N", "part"]);
        Assert.Equal(["test1.img", "mine.img", "test3.img"], o.ScratchDisks.Select(d => d.FileName));
    }
}

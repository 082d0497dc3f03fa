using System.Collections.Generic;
using System.Linq;
using Gfish.Cli;

namespace Gfish.Tests;

public class ScratchDiskSpecTests
{
    [Theory]
    [InlineData("disk", 1L << 30)]
    [InlineData("disk:100M", 100L << 20)]
    [InlineData("fs:ext4:64M", 64L << 20)]
    [InlineData("fs::64M", 64L << 20)]
    [InlineData("lvfs:/dev/A/B:xfs:300M:gpt", 300L << 20)]
    public void Parse_Size_DefaultOrGiven(string value, long size)
    {
        Assert.Equal(size, ScratchDiskSpec.Parse(value, 1).Size);
    }

    [Fact]
    public void Parse_Defaults_AsGuestfish()
    {
        var fs = ScratchDiskSpec.Parse("fs", 1);
        Assert.Equal("ext2", fs.Parameters["filesystem"]);
        Assert.Equal("mbr", fs.Parameters["partition"]);
        Assert.Equal("/dev/VG/LV", ScratchDiskSpec.Parse("lv", 1).Parameters["name"]);
        Assert.Equal("128M", ScratchDiskSpec.Parse("bootroot", 1).Parameters["bootsize"]);
    }

    [Theory]
    [InlineData("nosuch", "-N parameter 'nosuch': no such prepared disk image known.\nUse 'gfish -N help' to list possible values for the -N parameter.")]
    [InlineData("disk:1G:extra", "-N disk: too many parameters.")]
    [InlineData("disk:lots", "could not parse size specification 'lots'")]
    [InlineData("lv:VG", "cannot parse 'VG' as a logical volume name (expecting /dev/VG/LV)")]
    public void Parse_Invalid_Throws(string value, string message)
    {
        var e = Assert.Throws<OptionException>(() => ScratchDiskSpec.Parse(value, 1));
        Assert.Equal(message, e.Message);
    }

    [Fact]
    public void PreparationSteps_Lvfs_CreatesPartitionPvVgLvAndFilesystem()
    {
        var steps = ScratchDiskSpec.Parse("lvfs:/dev/data/vol:ext4:100M:gpt", 1).PreparationSteps("/dev/sdb").ToList();
        Assert.Equal(["part_disk", "pvcreate", "vgcreate", "lvcreate_free", "mkfs"], steps.Select(s => s.Action));
        Assert.Equal(["/dev/sdb", "gpt"], steps[0].Arguments);
        Assert.Equal(["/dev/sdb1"], steps[1].Arguments);
        Assert.Equal("data", steps[2].Arguments[0]);
        Assert.Equal(["/dev/sdb1"], (IReadOnlyList<string>)steps[2].Arguments[1]!);
        Assert.Equal(["vol", "data", 100], steps[3].Arguments);
        Assert.Equal(["ext4", "/dev/data/vol"], steps[4].Arguments);
    }

    [Fact]
    public void PreparationSteps_Disk_HasNone()
    {
        Assert.Empty(ScratchDiskSpec.Parse("disk", 1).PreparationSteps("/dev/sda"));
    }
}

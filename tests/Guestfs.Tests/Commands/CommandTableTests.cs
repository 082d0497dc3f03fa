using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Guestfs.Commands;

namespace Guestfs.Tests.Commands;

/// <summary>The generated command table's facts and the hand-written argument and result types its invokers use.</summary>
public class CommandTableTests
{
    [Fact]
    public void All_EveryEntryHasAnInvoker_AndFindAcceptsDashesAndAliases()
    {
        Assert.All(CommandTable.All, c => Assert.NotNull(c.InvokeAsync));
        Assert.Equal("mount_ro", CommandTable.Find("Mount-Ro")?.Name);
        Assert.Equal("add_drive", CommandTable.Find("add")?.Name);
        Assert.Null(CommandTable.Find("no_such_command"));
    }

    [Fact]
    public void All_FishOutputAndProgress_FromTheActionsTable()
    {
        Assert.Equal(CommandNumberStyle.Octal, CommandTable.Find("umask")!.NumberStyle);
        Assert.Equal(CommandNumberStyle.Hexadecimal, CommandTable.Find("part_get_mbr_id")!.NumberStyle);
        Assert.Equal(CommandNumberStyle.Decimal, CommandTable.Find("filesize")!.NumberStyle);
        Assert.True(CommandTable.Find("upload")!.ReportsProgress);
        Assert.False(CommandTable.Find("cat")!.ReportsProgress);
        string[] octalOrHex = [.. CommandTable.All.Where(static c => c.NumberStyle != CommandNumberStyle.Decimal).Select(static c => c.Name)];
        Assert.Equal(["fsck", "get_umask", "part_get_mbr_id", "umask"], octalOrHex);
    }

    [Fact]
    public void Fields_RealStructRecord_LibguestfsNamesInDeclarationOrder()
    {
        var lv = new LvmLv("LV", "xMafeen93IHtFmSenoB6PHPEpbsGkUws", "-wi-ao----", -1, -1, 253, 0, 62914560, 1, "", null, 12.5f, "", "", "", "");
        IReadOnlyList<CommandField> fields = CommandTable.Fields(lv);
        Assert.Equal(
            ["lv_name", "lv_uuid", "lv_attr", "lv_major", "lv_minor", "lv_kernel_major", "lv_kernel_minor", "lv_size", "seg_count", "origin", "snap_percent", "copy_percent", "move_pv", "lv_tags", "mirror_log", "modules"],
            fields.Select(static f => f.Name));
        Assert.Equal(62914560L, fields[7].Value);
        Assert.Null(fields[10].Value);
        Assert.Equal(12.5f, fields[11].Value);
    }

    [Fact]
    public void FromStructList_OneFieldListPerElement()
    {
        var lv = new LvmLv("LV", "u", "a", 0, 0, 0, 0, 1, 1, "", null, null, "", "", "", "");
        var value = Assert.IsAssignableFrom<IReadOnlyList<IReadOnlyList<CommandField>>>(CommandResult.FromStructList(new[] { lv, lv }, CommandTable.Fields).Value);
        Assert.Equal(2, value.Count);
        Assert.Equal("lv_name", value[1][0].Name);
    }

    [Fact]
    public void Arguments_TypedAccessors_ConvertNothingAndNameTheWrongArgument()
    {
        using var stream = new MemoryStream();
        var arguments = new CommandArguments(
            ["s", null, new[] { "a", "b" }, true, 7, 8L, new byte[] { 1 }, stream],
            new Dictionary<string, object?> { ["blocksize"] = 4096, ["label"] = "L" });
        Assert.Equal("s", arguments.String(0));
        Assert.Null(arguments.OptString(1));
        Assert.Equal(["a", "b"], arguments.StringList(2));
        Assert.True(arguments.Bool(3));
        Assert.Equal(7, arguments.Int32(4));
        Assert.Equal(8L, arguments.Int64(5));
        Assert.Equal([1], arguments.Buffer(6));
        Assert.Same(stream, arguments.Stream(7));
        Assert.True(arguments.HasOptions);
        Assert.Equal(4096, arguments.OptionalInt32("blocksize"));
        Assert.Equal("L", arguments.OptionalString("label"));
        Assert.Null(arguments.OptionalBool("readonly"));

        Assert.Contains("Argument 4 must be a Int64, not a Int32", Assert.Throws<ArgumentException>(() => arguments.Int64(4)).Message, StringComparison.Ordinal);
        Assert.Contains("'label' must be a Int32", Assert.Throws<ArgumentException>(() => arguments.OptionalInt32("label")).Message, StringComparison.Ordinal);
        Assert.Contains("no argument 9", Assert.Throws<ArgumentException>(() => arguments.String(9)).Message, StringComparison.Ordinal);
        Assert.False(new CommandArguments([]).HasOptions);
    }
}

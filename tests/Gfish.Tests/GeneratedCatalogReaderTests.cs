using System.Linq;
using Gfish.Commands;

namespace Gfish.Tests;

/// <summary>The catalog built from the generator's real command table and the real handle's signatures.</summary>
public class GeneratedCatalogReaderTests
{
    private static readonly CommandCatalog s_catalog =
        GeneratedCatalogReader.TryRead(LibraryBinding.Library, typeof(Guestfs.GuestfsHandle))!;

    [Fact]
    public void TryRead_AssemblyWithoutTable_ReturnsNull()
    {
        Assert.Null(GeneratedCatalogReader.TryRead(typeof(object).Assembly, null));
    }

    [Fact]
    public void TryRead_LibraryTable_HasThePublicActions()
    {
        Assert.NotNull(s_catalog);
        Assert.True(s_catalog.Commands.Count > 400, $"only {s_catalog.Commands.Count} commands");
        Assert.True(s_catalog.TryGetCommand("RUN", out var run));
        Assert.Equal("launch", run.Name);
    }

    [Fact]
    public void TryRead_NamesAliasesAndOptionalArguments()
    {
        Assert.True(s_catalog.TryGetCommand("add", out var add));
        Assert.Equal("add_drive", add.Name);
        Assert.Equal("AddDrive", add.MethodStem);
        Assert.Equal([new ParameterInfo("filename", ParameterKind.String)], add.Parameters);
        Assert.Equal(
            "add-drive filename [readonly:true|false] [format:..] [iface:..] [name:..] [label:..] [protocol:..] [server:..] [username:..] [secret:..] [cachemode:..] [discard:..] [copyonread:true|false] [blocksize:N]",
            add.Usage);
        Assert.Equal(ParameterKind.StringList, add.OptionalParameters.Single(o => o.Name == "server").Kind);
    }

    [Fact]
    public void TryRead_IntegerWidthsFromTheHandleSignature()
    {
        Assert.True(s_catalog.TryGetCommand("pread", out var pread));
        Assert.Equal([ParameterKind.String, ParameterKind.Int, ParameterKind.Int64], pread.Parameters.Select(p => p.Kind));
        Assert.Equal(ReturnKind.Buffer, pread.Return.Kind);
        Assert.True(s_catalog.TryGetCommand("filesize", out var filesize));
        Assert.Equal(ReturnKind.Int64, filesize.Return.Kind);
        Assert.True(s_catalog.TryGetCommand("tune2fs", out var tune2fs));
        Assert.Equal(ParameterKind.Int64, tune2fs.OptionalParameters.Single(o => o.Name == "group").Kind);
        Assert.Equal(ParameterKind.Int, tune2fs.OptionalParameters.Single(o => o.Name == "mountcount").Kind);
    }

    [Fact]
    public void TryRead_ProgressFromTheHandleSignature()
    {
        Assert.True(s_catalog.TryGetCommand("upload", out var upload));
        Assert.True(upload.Progress);
        Assert.Equal(ParameterKind.FileIn, upload.Parameters[0].Kind);
        Assert.True(s_catalog.TryGetCommand("download", out var download));
        Assert.Equal(ParameterKind.FileOut, download.Parameters[1].Kind);
        Assert.True(s_catalog.TryGetCommand("pread", out var pread));
        Assert.False(pread.Progress);
    }

    [Fact]
    public void TryRead_KeysAreNotCommandLineArguments()
    {
        Assert.True(s_catalog.TryGetCommand("luks-open", out var luks));
        Assert.Equal(ParameterKind.Key, luks.Parameters[1].Kind);
        Assert.Equal("luks-open device mapname", luks.Usage);
    }

    [Fact]
    public void TryRead_ResultKindsAndFishOutputStyles()
    {
        Assert.True(s_catalog.TryGetCommand("part-get-mbr-id", out var mbr));
        Assert.Equal(NumberStyle.Hexadecimal, mbr.Return.NumberStyle);
        Assert.True(s_catalog.TryGetCommand("get-umask", out var umask));
        Assert.Equal(NumberStyle.Octal, umask.Return.NumberStyle);
        Assert.True(s_catalog.TryGetCommand("lvs-full", out var lvs));
        Assert.Equal(ReturnKind.StructList, lvs.Return.Kind);
        Assert.True(s_catalog.TryGetCommand("list-filesystems", out var fs));
        Assert.Equal(ReturnKind.Hashtable, fs.Return.Kind);
        Assert.True(s_catalog.TryGetCommand("statns", out var statns));
        Assert.Equal(ReturnKind.Struct, statns.Return.Kind);
    }

    [Fact]
    public void Formatter_RealStructRecord_FieldNamesAsGuestfish()
    {
        var lv = new Guestfs.LvmLv("LV", "xMafeen93IHtFmSenoB6PHPEpbsGkUws", "-wi-ao----", -1, -1, 253, 0, 62914560, 1, "", null, null, "", "", "", "");
        var text = new Gfish.Output.ResultFormatter(s_catalog).Format(new ReturnInfo(ReturnKind.StructList), new[] { lv });
        Assert.Equal(
            "[0] = {\n  lv_name: LV\n  lv_uuid: xMafeen93IHtFmSenoB6PHPEpbsGkUws\n  lv_attr: -wi-ao----\n  lv_major: -1\n  lv_minor: -1\n  lv_kernel_major: 253\n  lv_kernel_minor: 0\n  lv_size: 62914560\n  seg_count: 1\n  origin: \n  snap_percent: \n  copy_percent: \n  move_pv: \n  lv_tags: \n  mirror_log: \n  modules: \n}\n",
            text);
    }
}

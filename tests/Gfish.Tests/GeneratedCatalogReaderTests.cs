using System.Linq;
using Gfish.Commands;
using Gfish.Tests.Fakes;

namespace Gfish.Tests;

public class GeneratedCatalogReaderTests
{
    private static readonly CommandCatalog s_catalog =
        GeneratedCatalogReader.TryRead(typeof(GeneratedCatalogReaderTests).Assembly, typeof(FakeHandle))!;

    [Fact]
    public void TryRead_AssemblyWithoutTable_ReturnsNull()
    {
        Assert.Null(GeneratedCatalogReader.TryRead(typeof(object).Assembly, null));
    }

    [Fact]
    public void TryRead_NamesAliasesAndOptionalArguments()
    {
        Assert.True(s_catalog.TryGetCommand("ADD", out var add));
        Assert.Equal("add_drive", add.Name);
        Assert.Equal("AddDrive", add.MethodStem);
        Assert.Equal([new ParameterInfo("filename", ParameterKind.String)], add.Parameters);
        Assert.Equal([new ParameterInfo("readonly", ParameterKind.Bool), new ParameterInfo("format", ParameterKind.String)], add.OptionalParameters);
        Assert.Equal("add-drive filename [readonly:true|false] [format:..]", add.Usage);
    }

    [Fact]
    public void TryRead_IntegerWidthsComeFromTheHandleSignature()
    {
        Assert.True(s_catalog.TryGetCommand("pread", out var pread));
        Assert.Equal([ParameterKind.String, ParameterKind.Int, ParameterKind.Int64], pread.Parameters.Select(p => p.Kind));
        Assert.Equal(ReturnKind.Buffer, pread.Return.Kind);
        Assert.True(s_catalog.TryGetCommand("get-memsize", out var memsize));
        Assert.Equal(ReturnKind.Int, memsize.Return.Kind);
    }

    [Fact]
    public void TryRead_ProgressFromTheHandleSignature()
    {
        Assert.True(s_catalog.TryGetCommand("upload", out var upload));
        Assert.True(upload.Progress);
        Assert.Equal(ParameterKind.FileIn, upload.Parameters[0].Kind);
        Assert.True(s_catalog.TryGetCommand("pread", out var pread));
        Assert.False(pread.Progress);
    }

    [Fact]
    public void TryRead_FishOutputStyles()
    {
        Assert.True(s_catalog.TryGetCommand("part-get-mbr-id", out var mbr));
        Assert.Equal(NumberStyle.Hexadecimal, mbr.Return.NumberStyle);
    }
}

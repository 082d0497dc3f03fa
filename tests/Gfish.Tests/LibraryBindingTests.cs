using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Gfish.Commands;
using Gfish.Execution;
using Guestfs.Commands;
using CommandInfo = Gfish.Commands.CommandInfo;
using ParameterInfo = Gfish.Commands.ParameterInfo;

namespace Gfish.Tests;

/// <summary>The catalog built from the generator's command table, and the real handle called through its invokers.</summary>
public class LibraryBindingTests
{
    private static readonly CommandCatalog s_catalog = LibraryBinding.CreateCatalog();

    private static CommandInfo Get(string name)
    {
        Assert.True(s_catalog.TryGetCommand(name, out var command), name);
        return command;
    }

    [Fact]
    public void Catalog_HasThePublicActions_EachWithAnInvoker()
    {
        Assert.True(s_catalog.Commands.Count > 400, $"only {s_catalog.Commands.Count} commands");
        Assert.Equal("launch", Get("RUN").Name);
        Assert.All(s_catalog.Commands, c => Assert.NotNull(c.Invoke));
    }

    [Fact]
    public void Catalog_NamesAliasesAndOptionalArguments()
    {
        var add = Get("add");
        Assert.Equal("add_drive", add.Name);
        Assert.Equal([new ParameterInfo("filename", ParameterKind.String)], add.Parameters);
        Assert.Equal(
            "add-drive filename [readonly:true|false] [format:..] [iface:..] [name:..] [label:..] [protocol:..] [server:..] [username:..] [secret:..] [cachemode:..] [discard:..] [copyonread:true|false] [blocksize:N]",
            add.Usage);
        Assert.Equal(ParameterKind.StringList, add.OptionalParameters.Single(o => o.Name == "server").Kind);
    }

    [Fact]
    public void Catalog_IntegerWidthsFromTheTable()
    {
        Assert.Equal([ParameterKind.String, ParameterKind.Int, ParameterKind.Int64], Get("pread").Parameters.Select(p => p.Kind));
        Assert.Equal(ReturnKind.Buffer, Get("pread").Return.Kind);
        Assert.Equal(ReturnKind.Int64, Get("filesize").Return.Kind);
        Assert.Equal(ParameterKind.Int64, Get("tune2fs").OptionalParameters.Single(o => o.Name == "group").Kind);
        Assert.Equal(ParameterKind.Int, Get("tune2fs").OptionalParameters.Single(o => o.Name == "mountcount").Kind);
    }

    [Fact]
    public void Catalog_ProgressFromTheTable()
    {
        Assert.True(Get("upload").Progress);
        Assert.Equal(ParameterKind.FileIn, Get("upload").Parameters[0].Kind);
        Assert.Equal(ParameterKind.FileOut, Get("download").Parameters[1].Kind);
        Assert.False(Get("pread").Progress);
    }

    [Fact]
    public void Catalog_KeysAreNotCommandLineArguments()
    {
        var luks = Get("luks-open");
        Assert.Equal(ParameterKind.Key, luks.Parameters[1].Kind);
        Assert.Equal("luks-open device mapname", luks.Usage);
    }

    [Fact]
    public void Catalog_ResultKindsAndFishOutputStyles()
    {
        Assert.Equal(CommandNumberStyle.Hexadecimal, Get("part-get-mbr-id").Return.NumberStyle);
        Assert.Equal(CommandNumberStyle.Hexadecimal, Get("fsck").Return.NumberStyle);
        Assert.Equal(CommandNumberStyle.Octal, Get("get-umask").Return.NumberStyle);
        Assert.Equal(CommandNumberStyle.Octal, Get("umask").Return.NumberStyle);
        Assert.Equal(CommandNumberStyle.Decimal, Get("filesize").Return.NumberStyle);
        Assert.Equal(ReturnKind.StructList, Get("lvs-full").Return.Kind);
        Assert.Equal(ReturnKind.Hashtable, Get("list-filesystems").Return.Kind);
        Assert.Equal(ReturnKind.Struct, Get("statns").Return.Kind);
    }

    [Fact]
    public async Task HandleSession_CallsTheTypedMethods_WithConvertedArguments()
    {
        await using var session = new HandleSession(new Guestfs.GuestfsHandle(), LibraryBinding.Describe);
        var none = new Dictionary<string, object?>();
        Assert.Null(await session.InvokeAsync(Get("set-memsize"), [640], none, null, default));
        Assert.Equal(640, await session.InvokeAsync(Get("get-memsize"), [], none, null, default));
        Assert.Null(await session.InvokeAsync(Get("set-append"), [null], none, null, default));
        Assert.Null(await session.InvokeAsync(Get("get-append"), [], none, null, default));
        Assert.Null(await session.InvokeAsync(Get("set-append"), ["console=ttyS0"], none, null, default));
        Assert.Equal("console=ttyS0", await session.InvokeAsync(Get("get-append"), [], none, null, default));
        Assert.Equal(false, await session.InvokeAsync(Get("get-trace"), [], none, null, default));
    }

    [Fact]
    public async Task HandleSession_LibraryErrorOrWrongArgumentType_IsAnActionFailure()
    {
        await using var session = new HandleSession(new Guestfs.GuestfsHandle(), LibraryBinding.Describe);
        var tooSmall = await Assert.ThrowsAsync<ActionFailedException>(() =>
            session.InvokeAsync(Get("set-memsize"), [1], new Dictionary<string, object?>(), null, default));
        Assert.Contains("memsize", tooSmall.Message, System.StringComparison.Ordinal);
        var wrongType = await Assert.ThrowsAsync<ActionFailedException>(() =>
            session.InvokeAsync(Get("set-memsize"), ["512"], new Dictionary<string, object?>(), null, default));
        Assert.Contains("Int32", wrongType.Message, System.StringComparison.Ordinal);
    }

    [Fact]
    public void Describe_DaemonErrorWithoutMessage_IsTheActionAndColonAsInLibguestfs()
    {
        // libguestfs prints "NAME: " and the daemon's message, even when that message is empty.
        var empty = new Guestfs.GuestfsException("lvcreate: the daemon reported an error without a message", "EINVAL", "lvcreate");
        Assert.Equal("lvcreate: ", LibraryBinding.Describe("lvcreate", empty));
        var other = new Guestfs.GuestfsException("lvcreate: Volume group \"VG\" not found", "EINVAL", "lvcreate");
        Assert.Equal("lvcreate: Volume group \"VG\" not found", LibraryBinding.Describe("lvcreate", other));
    }

    [Fact]
    public void Describe_ArgumentError_NamesTheActionAndTheArgumentOnce()
    {
        var e = new System.ArgumentException("guid parameter is not a valid GUID", "guid");
        Assert.Equal("part_set_gpt_type: guid: parameter is not a valid GUID", LibraryBinding.Describe("part_set_gpt_type", e));
    }
}

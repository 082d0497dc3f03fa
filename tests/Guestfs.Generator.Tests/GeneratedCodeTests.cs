using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Threading;
using System.Threading.Tasks;
using Guestfs.Generator.Tests.Support;

namespace Guestfs.Generator.Tests;

/// <summary>
/// Compile-and-run: the code generated for <c>idl/</c> compiles without warnings against the runtime's XDR core
/// and a stand-in of the rest of the runtime contract, and it behaves: encodings match the XDR rules byte for
/// byte, decodings round-trip and name the failing field, and every optional argument sets its own bit.
/// </summary>
public sealed class GeneratedCodeTests : IClassFixture<GeneratedAssemblyFixture>
{
    private readonly GeneratedAssemblyFixture _fixture;

    public GeneratedCodeTests(GeneratedAssemblyFixture fixture)
    {
        _fixture = fixture;
    }

    [Fact]
    public void GeneratedCode_ForRepositoryIdl_CompilesWithoutErrorsOrWarnings()
    {
        Assert.True(_fixture.Problems.Count == 0, _fixture.Problems.Count + " problems:\n" + string.Join("\n", _fixture.Problems.Take(40)));
    }

    [Fact]
    public void MessageHeader_Encode_WritesTheWireLayout()
    {
        Type header = _fixture.Type("Guestfs.Protocol.MessageHeader");
        Type procedure = _fixture.Type("Guestfs.Protocol.Procedure");
        Type direction = _fixture.Type("Guestfs.Protocol.MessageDirection");
        Type status = _fixture.Type("Guestfs.Protocol.MessageStatus");
        object value = Activator.CreateInstance(
            header,
            0x2000F5F5u,
            4u,
            Enum.ToObject(procedure, 1),
            Enum.ToObject(direction, 0),
            0x00123400u,
            0x1122334455667788ul,
            0x5ul,
            Enum.ToObject(status, 0))!;

        byte[] bytes = XdrProbe.Encode(_fixture.Assembly, value);

        byte[] expected =
        {
            0x20, 0x00, 0xF5, 0xF5, 0, 0, 0, 4, 0, 0, 0, 1, 0, 0, 0, 0, 0x00, 0x12, 0x34, 0x00,
            0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88, 0, 0, 0, 0, 0, 0, 0, 5, 0, 0, 0, 0,
        };
        Assert.Equal(expected, bytes);
        Assert.Equal(value, XdrProbe.Decode(_fixture.Assembly, header, bytes));
    }

    [Fact]
    public void MessageError_Decode_ReadsStringsWithPadding()
    {
        byte[] bytes =
        {
            0, 0, 0, 6, (byte)'E', (byte)'N', (byte)'O', (byte)'E', (byte)'N', (byte)'T', 0, 0,
            0, 0, 0, 3, (byte)'b', (byte)'a', (byte)'d', 0,
        };
        Type error = _fixture.Type("Guestfs.Protocol.MessageError");

        object value = XdrProbe.Decode(_fixture.Assembly, error, bytes);

        Assert.Equal("ENOENT", error.GetProperty("ErrnoString")!.GetValue(value));
        Assert.Equal("bad", error.GetProperty("ErrorMessage")!.GetValue(value));
    }

    [Fact]
    public void MessageError_Decode_RejectsAnErrnoLongerThanDeclared()
    {
        byte[] bytes = new byte[4 + 36 + 4];
        bytes[3] = 33;
        Type error = _fixture.Type("Guestfs.Protocol.MessageError");

        Exception e = Assert.ThrowsAny<Exception>(() => XdrProbe.Decode(_fixture.Assembly, error, bytes));

        Assert.Equal("XdrException", e.GetType().Name);
        Assert.Equal("errno_string", e.GetType().GetProperty("FieldPath")!.GetValue(e));
    }

    [Fact]
    public void StructListRet_RoundTrip_KeepsEveryElement()
    {
        Type statNs = _fixture.Type("Guestfs.StatNs");
        Type ret = _fixture.Type("Guestfs.Protocol.InternalLstatnslistRet");
        object first = XdrProbe.CreateWithDistinctValues(statNs, seed: 1);
        object second = XdrProbe.CreateWithDistinctValues(statNs, seed: 100);
        Array list = Array.CreateInstance(statNs, 2);
        list.SetValue(first, 0);
        list.SetValue(second, 1);
        object value = Activator.CreateInstance(ret, list)!;

        byte[] bytes = XdrProbe.Encode(_fixture.Assembly, value);
        object decoded = XdrProbe.Decode(_fixture.Assembly, ret, bytes);

        var items = ((IEnumerable)ret.GetProperty("Statbufs")!.GetValue(decoded)!).Cast<object>().ToList();
        Assert.Equal(new[] { first, second }, items);
        Assert.Equal(4 + (2 * statNs.GetProperties().Count(static p => p.Name != "EqualityContract") * 8), bytes.Length);
    }

    [Fact]
    public void StructListRet_CountBeyondRemainingBytes_FailsAtTheList()
    {
        Type ret = _fixture.Type("Guestfs.Protocol.InternalLstatnslistRet");

        // A count of 2 with no elements: rejected before allocating, at the list itself.
        Exception e = Assert.ThrowsAny<Exception>(() => XdrProbe.Decode(_fixture.Assembly, ret, new byte[] { 0, 0, 0, 2 }));

        Assert.Equal("statbufs", e.GetType().GetProperty("FieldPath")!.GetValue(e));
    }

    [Fact]
    public void StructListRet_BadStringInSecondElement_NamesTheFieldPath()
    {
        Type dirent = _fixture.Type("Guestfs.Dirent");
        Type ret = _fixture.Type("Guestfs.Protocol.ReaddirRet");
        Array list = Array.CreateInstance(dirent, 2);
        list.SetValue(Activator.CreateInstance(dirent, 1L, 'r', "a"), 0);
        list.SetValue(Activator.CreateInstance(dirent, 2L, 'd', "bb"), 1);
        byte[] bytes = XdrProbe.Encode(_fixture.Assembly, Activator.CreateInstance(ret, list)!);

        // count (4) + element 0: ino 8, ftyp 4, name 4+4 = 20; element 1's name length is at 4 + 20 + 12.
        Assert.Equal(4 + 20 + 20, bytes.Length);
        bytes[4 + 20 + 12] = 0x7F;
        Exception e = Assert.ThrowsAny<Exception>(() => XdrProbe.Decode(_fixture.Assembly, ret, bytes));

        Assert.Equal("entries[1].name", e.GetType().GetProperty("FieldPath")!.GetValue(e));
    }

    [Fact]
    public void PublicRecord_OptPercentAndUuid_MapToDotNetTypes()
    {
        Type lv = _fixture.Type("Guestfs.LvmLv");
        PropertyInfo uuid = lv.GetProperty("LvUuid")!;
        PropertyInfo percent = lv.GetProperty("SnapPercent")!;

        Assert.Equal(typeof(string), uuid.PropertyType);
        Assert.Equal(typeof(float?), percent.PropertyType);
    }

    [Fact]
    public async Task MkfsAsync_WithOneOption_SendsItsBitAndZeroesTheOthers()
    {
        object handle = NewHandle();
        object options = Activator.CreateInstance(_fixture.Type("Guestfs.MkfsOptions"))!;
        options.GetType().GetProperty("Label")!.SetValue(options, "root");

        await Invoke(handle, "MkfsAsync", "ext4", "/dev/sda1", options, CancellationToken.None);

        object call = Calls(handle).Single();
        Assert.Equal(1UL << 4, call.GetType().GetProperty("OptargsBitmask")!.GetValue(call));
        byte[] expected =
        {
            0, 0, 0, 4, (byte)'e', (byte)'x', (byte)'t', (byte)'4',
            0, 0, 0, 9, (byte)'/', (byte)'d', (byte)'e', (byte)'v', (byte)'/', (byte)'s', (byte)'d', (byte)'a', (byte)'1', 0, 0, 0,
            0, 0, 0, 0, // blocksize (unset)
            0, 0, 0, 0, // features "" (unset)
            0, 0, 0, 0, // inode (unset)
            0, 0, 0, 0, // sectorsize (unset)
            0, 0, 0, 4, (byte)'r', (byte)'o', (byte)'o', (byte)'t',
        };
        Assert.Equal(expected, (byte[])call.GetType().GetProperty("Args")!.GetValue(call)!);
    }

    [Fact]
    public void OptionsRecords_EachOptionalArgument_SetsExactlyItsOwnBit()
    {
        var records = _fixture.Assembly.GetTypes().Where(static t => t.Namespace == "Guestfs" && t.Name.EndsWith("Options", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(records);
        int checkedPositions = 0;
        foreach (Type record in records)
        {
            MethodInfo bitmask = record.GetMethod("GetOptargsBitmask", BindingFlags.Instance | BindingFlags.NonPublic)!;
            PropertyInfo[] properties = record.GetProperties().Where(static p => p.Name != "EqualityContract").ToArray();
            Assert.Equal(0UL, bitmask.Invoke(Activator.CreateInstance(record), null));
            for (int i = 0; i < properties.Length; i++)
            {
                object options = Activator.CreateInstance(record)!;
                properties[i].SetValue(options, SampleValue(properties[i].PropertyType));

                Assert.Equal(1UL << i, bitmask.Invoke(options, null));
                checkedPositions++;
            }
        }

        Assert.True(checkedPositions >= 64, "expected at least 64 optional arguments (internal_test_63_optargs alone has 63), saw " + checkedPositions);
    }

    [Fact]
    public async Task ReadlinkStyleCall_RelativePath_ThrowsBeforeSending()
    {
        object handle = NewHandle();

        await Assert.ThrowsAsync<ArgumentException>(() => Invoke(handle, "MkdirAsync", "relative/dir", CancellationToken.None));

        Assert.Empty(Calls(handle));
    }

    [Theory]
    [InlineData(-1L, "size")]
    [InlineData(long.MinValue, "size")]
    public async Task TruncateSizeAsync_NegativeSize_ThrowsNamingItBeforeSending(long size, string name)
    {
        object handle = NewHandle();

        ArgumentOutOfRangeException e = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Invoke(handle, "TruncateSizeAsync", "/f", size, CancellationToken.None));

        Assert.Equal(name, e.ParamName);
        Assert.Equal(size, e.ActualValue);
        Assert.Empty(Calls(handle));
    }

    [Fact]
    public async Task TruncateSizeAsync_ZeroSize_IsSent()
    {
        object handle = NewHandle();

        await Invoke(handle, "TruncateSizeAsync", "/f", 0L, CancellationToken.None);

        Assert.Single(Calls(handle));
    }

    [Theory]
    [InlineData("Blocksize", 0)]
    [InlineData("Inode", -5)]
    [InlineData("Sectorsize", int.MinValue)]
    public async Task MkfsAsync_OptionBelowItsRange_ThrowsNamingThePropertyBeforeSending(string property, int value)
    {
        object handle = NewHandle();
        object options = Activator.CreateInstance(_fixture.Type("Guestfs.MkfsOptions"))!;
        options.GetType().GetProperty(property)!.SetValue(options, value);

        ArgumentOutOfRangeException e = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Invoke(handle, "MkfsAsync", "ext4", "/dev/sda1", options, CancellationToken.None));

        Assert.Equal("options." + property, e.ParamName);
        Assert.Empty(Calls(handle));
    }

    [Theory]
    [InlineData(-1, false)]
    [InlineData(0, true)]
    [InlineData(255, true)]
    [InlineData(256, false)]
    public async Task FillAsync_ByteOutsideZeroTo255_ThrowsNamingIt(int c, bool sent)
    {
        object handle = NewHandle();

        Task call = Invoke(handle, "FillAsync", c, 10, "/f", null, CancellationToken.None);

        if (sent)
        {
            await call;
            Assert.Single(Calls(handle));
        }
        else
        {
            Assert.Equal("c", (await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => call)).ParamName);
            Assert.Empty(Calls(handle));
        }
    }

    [Fact]
    public async Task BlkidAsync_FlatReply_BecomesADictionary()
    {
        object handle = NewHandle();
        Type ret = _fixture.Type("Guestfs.Protocol.BlkidRet");
        object reply = Activator.CreateInstance(ret, new object[] { new[] { "TYPE", "ext4", "UUID", "1234" } })!;
        Queue(handle, XdrProbe.Encode(_fixture.Assembly, reply));

        object? result = await Invoke(handle, "BlkidAsync", "/dev/sda1", CancellationToken.None);

        var table = Assert.IsAssignableFrom<IReadOnlyDictionary<string, string>>(result);
        Assert.Equal("ext4", table["TYPE"]);
        Assert.Equal("1234", table["UUID"]);
        Assert.Equal(2, table.Count);
    }

    [Fact]
    public async Task DownloadAsync_FilePathOverload_WritesTheLocalFile()
    {
        object handle = NewHandle();
        string path = Path.Combine(Path.GetTempPath(), "guestfs-gen-test-" + Guid.NewGuid().ToString("N"));
        try
        {
            MethodInfo method = handle.GetType().GetMethods().Single(static m => m.Name == "DownloadAsync" && m.GetParameters()[1].ParameterType == typeof(string));
            await (Task)method.Invoke(handle, new object?[] { "/etc/hostname", path, null, CancellationToken.None })!;

            Assert.Equal(new byte[] { 1, 2, 3 }, File.ReadAllBytes(path));
            object call = Calls(handle).Single();
            object transfer = call.GetType().GetProperty("Transfer")!.GetValue(call)!;
            Assert.Equal("download", transfer.GetType().GetProperty("ActionName")!.GetValue(transfer));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void DeprecatedAction_CarriesObsoleteNamingTheReplacement()
    {
        Type handle = _fixture.Type("Guestfs.GuestfsHandle");
        MethodInfo tgzIn = handle.GetMethods().First(static m => m.Name == "TgzInAsync");

        ObsoleteAttribute obsolete = Assert.IsType<ObsoleteAttribute>(tgzIn.GetCustomAttribute<ObsoleteAttribute>());
        Assert.Contains("TarInAsync", obsolete.Message, StringComparison.Ordinal);
    }

    private static object? SampleValue(Type type)
    {
        Type t = Nullable.GetUnderlyingType(type) ?? type;
        return t == typeof(bool) ? false
            : t == typeof(int) ? 0
            : t == typeof(long) ? 0L
            : t == typeof(string) ? string.Empty
            : Array.Empty<string>();
    }

    private object NewHandle() => Activator.CreateInstance(_fixture.Type("Guestfs.GuestfsHandle"))!;

    private static List<object> Calls(object handle) =>
        ((IEnumerable)handle.GetType().GetProperty("Calls")!.GetValue(handle)!).Cast<object>().ToList();

    private static void Queue(object handle, byte[] bytes) => handle.GetType().GetMethod("QueueReply")!.Invoke(handle, new object[] { bytes });

    private static async Task<object?> Invoke(object handle, string name, params object?[] args)
    {
        MethodInfo method = handle.GetType().GetMethods().Single(m => m.Name == name && m.GetParameters().Length == args.Length && (args.Length == 0 || m.GetParameters()[0].ParameterType != typeof(Stream)));
        Task task;
        try
        {
            task = (Task)method.Invoke(handle, args)!;
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            throw e.InnerException;
        }

        await task;
        return task.GetType().IsGenericType ? task.GetType().GetProperty("Result")!.GetValue(task) : null;
    }
}

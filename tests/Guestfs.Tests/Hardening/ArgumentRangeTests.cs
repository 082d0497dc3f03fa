using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Guestfs.Protocol;
using Guestfs.Tests.Engine;
using Guestfs.Xdr;

namespace Guestfs.Tests.Hardening;

/// <summary>
/// Integer arguments the actions table restricts (<c>size: Int64 &gt;= 0</c>, <c>blocksize: OInt &gt;= 1</c>, …) are
/// checked by the generated method: a value out of range throws <see cref="ArgumentOutOfRangeException"/> naming the
/// argument (or <c>options.Property</c>) while the handle is READY, not one byte reaches the daemon, and the handle
/// stays usable.
/// </summary>
public class ArgumentRangeTests
{
    public static TheoryData<string, string, long> OutOfRangeCalls() => new()
    {
        { "TruncateSize", "size", -1 },
        { "PreadCount", "count", -1 },
        { "PreadOffset", "offset", long.MinValue },
        { "Fallocate64", "len", -4096 },
        { "Umask", "mask", 512 },
        { "FillByte", "c", 256 },
        { "PartDel", "partnum", 0 },
        { "MkfsBlocksize", "options.Blocksize", 0 },
        { "CopySize", "options.Size", -1 },
        { "FstrimLength", "options.Length", 0 },
    };

    [Theory]
    [MemberData(nameof(OutOfRangeCalls))]
    public async Task Call_ValueOutOfRange_ThrowsNamingItAndSendsNothing(string call, string name, long value)
    {
        await using FakeDaemon daemon = FakeDaemon.Start();
        await using GuestfsHandle g = await daemon.LaunchHandleAsync();

        ArgumentOutOfRangeException e = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Invoke(g, call, value));

        Assert.Equal(name, e.ParamName);
        Assert.Equal(value, Convert.ToInt64(e.ActualValue, System.Globalization.CultureInfo.InvariantCulture));
        Assert.StartsWith(name + " must ", e.Message, StringComparison.Ordinal);
        Assert.True(await daemon.IsSilentAsync(TimeSpan.FromMilliseconds(200)), "bytes reached the daemon");
        Assert.Equal(GuestfsState.Ready, g.State);
    }

    [Fact]
    public async Task Call_AfterARejectedValue_TheNextCallIsTheFirstOnTheWire()
    {
        await using FakeDaemon daemon = FakeDaemon.Start();
        await using GuestfsHandle g = await daemon.LaunchHandleAsync();
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => g.TruncateSizeAsync("/f", -1));

        Task ok = g.TruncateSizeAsync("/f", 0);
        ReceivedCall call = await daemon.ReadCallAsync();
        await daemon.SendReplyAsync(call);
        await ok;

        Assert.Equal(Procedure.TruncateSize, call.Header.Proc);
        Assert.Equal(("/f", 0L), DecodeStringAndInt64(call.Args));
    }

    [Fact]
    public async Task Call_BoundaryValues_AreSent()
    {
        await using FakeDaemon daemon = FakeDaemon.Start();
        await using GuestfsHandle g = await daemon.LaunchHandleAsync();
        var values = new List<(long Count, long Offset)>();
        foreach ((int count, long offset) in new[] { (0, 0L), (int.MaxValue, long.MaxValue) })
        {
            Task<byte[]> read = g.PreadAsync("/f", count, offset);
            ReceivedCall call = await daemon.ReadCallAsync();
            await daemon.SendReplyAsync(call, w => w.WriteOpaque(ReadOnlySpan<byte>.Empty));
            await read;
            values.Add(DecodePreadArgs(call.Args));
        }

        Assert.Equal([(0L, 0L), (int.MaxValue, long.MaxValue)], values);
    }

    private static (string Path, long Value) DecodeStringAndInt64(byte[] args)
    {
        var reader = new XdrReader(args);
        return (reader.ReadString(), reader.ReadInt64());
    }

    private static (long Count, long Offset) DecodePreadArgs(byte[] args)
    {
        var reader = new XdrReader(args);
        reader.ReadString();
        return (reader.ReadInt32(), reader.ReadInt64());
    }

    private static Task Invoke(GuestfsHandle g, string call, long value) => call switch
    {
        "TruncateSize" => g.TruncateSizeAsync("/f", value),
        "PreadCount" => g.PreadAsync("/f", checked((int)value), 0),
        "PreadOffset" => g.PreadAsync("/f", 1, value),
        "Fallocate64" => g.Fallocate64Async("/f", value),
        "Umask" => g.UmaskAsync(checked((int)value)),
        "FillByte" => g.FillAsync(checked((int)value), 1, "/f"),
        "PartDel" => g.PartDelAsync("/dev/sda", checked((int)value)),
        "MkfsBlocksize" => g.MkfsAsync("ext4", "/dev/sda1", new MkfsOptions { Blocksize = checked((int)value) }),
        "CopySize" => g.CopyFileToFileAsync("/a", "/b", new CopyFileToFileOptions { Size = value }),
        "FstrimLength" => g.FstrimAsync("/", new FstrimOptions { Length = value }),
        _ => throw new ArgumentException(call, nameof(call)),
    };
}

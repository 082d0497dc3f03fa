using System.Collections.Generic;
using System.Linq;
using Guestfs.Protocol;
using Guestfs.Xdr;

namespace Guestfs.Tests.Engine;

/// <summary>Args of strings, in order (stand-in for generated <c>_args</c> records in engine tests); traced as libguestfs traces strings.</summary>
internal sealed record StringArgs(params string[] Values) : IXdrEncodable, ITraceArguments
{
    public string FormatTraceArguments() => string.Join(' ', Values.Select(TraceFormatter.FormatArgument));

    public void Encode(ref XdrWriter writer)
    {
        foreach (string v in Values)
        {
            writer.WriteString(v);
        }
    }
}

internal sealed record StringRet(string Value) : IXdrDecodable<StringRet>, ITraceResult
{
    public string FormatTraceResult() => TraceFormatter.FormatValue(Value);

    public static StringRet Decode(ref XdrReader reader) => new(reader.ReadString());
}

internal sealed record IntRet(int Value) : IXdrDecodable<IntRet>, ITraceResult
{
    public string FormatTraceResult() => TraceFormatter.FormatValue(Value);

    public static IntRet Decode(ref XdrReader reader) => new(reader.ReadInt32());
}

internal sealed record OpaqueRet(byte[] Value) : IXdrDecodable<OpaqueRet>, ITraceResult
{
    public string FormatTraceResult() => TraceFormatter.FormatValue(Value);

    public static OpaqueRet Decode(ref XdrReader reader) => new(reader.ReadOpaque());
}

internal sealed record StringListRet(IReadOnlyList<string> Value) : IXdrDecodable<StringListRet>, ITraceResult
{
    public string FormatTraceResult() => TraceFormatter.FormatValue(Value);

    public static StringListRet Decode(ref XdrReader reader)
    {
        int n = reader.ReadArrayLength();
        var list = new string[n];
        for (int i = 0; i < n; i++)
        {
            list[i] = reader.ReadString();
        }

        return new(list);
    }
}

/// <summary>Shaped like the generated <c>MountArgs</c>: one property per field, in order.</summary>
internal sealed record MountArgs(string Mountable, string Mountpoint) : IXdrEncodable, ITraceArguments
{
    public string FormatTraceArguments() => TraceFormatter.FormatArgument(Mountable) + " " + TraceFormatter.FormatArgument(Mountpoint);

    public void Encode(ref XdrWriter writer)
    {
        writer.WriteString(Mountable);
        writer.WriteString(Mountpoint);
    }
}

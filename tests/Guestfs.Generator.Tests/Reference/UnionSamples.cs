// The values unions_main.c builds, written with the records generated from Cases/RpcgenUnions/unions.x. Compiled in
// memory with the generated code (it is not part of the test assembly); UnionCodecReferenceTests calls it by reflection.
#nullable enable
using System;
using System.Collections.Generic;
using Guestfs.Xdr;

namespace Sample.Protocol;

public static class UnionSamples
{
    private static readonly Dictionary<string, IXdrEncodable> s_values = new()
    {
        ["shape_void"] = new UShape.Case0(),
        ["shape_first_label"] = new UShape.Case1OrCase2(1, 77),
        ["shape_second_label"] = new UShape.Case1OrCase2(2, -77),
        ["shape_struct"] = new UShape.Case3(new UPoint(5, -6)),
        ["shape_negative_label"] = new UShape.CaseMinus7("abc"),
        ["shape_default"] = new UShape.Default(99, -1234567890123L),
        ["result_ok"] = new UResult.Ok(new[] { new UPoint(1, 2), new UPoint(3, 4) }),
        ["result_void"] = new UResult.NotFoundOrDenied(UStatus.Denied),
        ["result_later"] = new UResult.Later(9223372036854775813UL),
        ["maybe_true"] = new UMaybe.True(1.5),
        ["maybe_false"] = new UMaybe.False(),
        ["code_digest"] = new UCode.Case4000000000("ABCDE"u8.ToArray()),
        ["code_default"] = new UCode.Default(7),
        ["outer_nested"] = new UOuter.Ok(new UShape.Case1OrCase2(1, 5)),
        ["outer_default"] = new UOuter.Default(UStatus.Denied, UStatus.NotFound),
        ["everything"] = Everything(),
    };

    public static IEnumerable<string> Names => s_values.Keys;

    /// <summary>The rpcgen type of a sample, from its name.</summary>
    public static string TypeOf(string name) => "u_" + (name.StartsWith("everything", StringComparison.Ordinal) ? "everything" : name[..name.IndexOf('_')]);

    public static byte[] Encode(string name) => Encode(s_values[name]);

    /// <summary>Decodes one value of the rpcgen type <paramref name="type"/>, requiring every byte, and encodes it again.</summary>
    public static byte[] RoundTrip(string type, byte[] bytes)
    {
        var reader = new XdrReader(bytes);
        IXdrEncodable value = type switch
        {
            "u_shape" => UShape.Decode(ref reader),
            "u_result" => UResult.Decode(ref reader),
            "u_maybe" => UMaybe.Decode(ref reader),
            "u_code" => UCode.Decode(ref reader),
            "u_outer" => UOuter.Decode(ref reader),
            "u_everything" => UEverything.Decode(ref reader),
            _ => throw new ArgumentException("unknown type " + type, nameof(type)),
        };
        reader.ExpectEnd();
        return Encode(value);
    }

    /// <summary>An arm record with a discriminant its labels do not allow.</summary>
    public static byte[] EncodeMislabelled() => Encode(new UShape.Case1OrCase2(3, 1));

    /// <summary>The default arm with a discriminant another arm owns.</summary>
    public static byte[] EncodeDefaultWithOwnedLabel() => Encode(new UShape.Default(3, 0));

    /// <summary>A pattern match over every arm of a union, as a caller writes it.</summary>
    public static string Describe(string name) => s_values[name] switch
    {
        UShape.Case0 => "nothing",
        UShape.Case1OrCase2 { Kind: var kind, Radius: var radius } => "radius " + radius + " (case " + kind + ")",
        UShape.Case3 { Corner: var corner } => "corner " + corner.X + "," + corner.Y,
        UShape.CaseMinus7 { Name: var label } => "name " + label,
        UShape.Default { Kind: var kind, Other: var other } => "other " + other + " (case " + kind + ")",
        UShape => throw new InvalidOperationException("unreachable: every arm is matched above"),
        _ => "not a shape",
    };

    private static UEverything Everything() => new(
        Figure: new UShape.Case3(new UPoint(10, -10)),
        Result: new UResult.Ok(new[] { new UPoint(1, 2), new UPoint(-3, 4) }),
        Maybe: new UMaybe.True(-0.25),
        Code: new UCode.Case4000000000("ABCDE"u8.ToArray()),
        Outer: new UOuter.Ok(new UShape.Case1OrCase2(2, 5)),
        Action: new UAction.EncodeArm(3),
        Shapes: new UShape[] { new UShape.Case0(), new UShape.Case1OrCase2(1, -9), new UShape.CaseMinus7("abc") },
        Pair: new UShape[] { new UShape.Case1OrCase2(1, 1), new UShape.Default(12345, -1234567890123L) },
        OptionalShape: new UShape.Case0(),
        OptionalTag: "one",
        OptionalCount: 42,
        Blobs: new[] { new byte[] { 1, 2, 3 }, Array.Empty<byte>() },
        FixedBlobs: new[] { new byte[] { 9 }, Array.Empty<byte>() },
        Tags: new[] { "one", "tw" },
        Statuses: new[] { UStatus.Ok, UStatus.Later, UStatus.Denied },
        FixedStatuses: new[] { UStatus.NotFound, UStatus.Later },
        Points: new[] { new UPoint(100, 200), new UPoint(-100, -200) },
        Counts: new[] { 0, -1, int.MaxValue, int.MinValue },
        Hypers: new[] { long.MaxValue, long.MinValue },
        Flags: new[] { true, false, true },
        Chain: new UPoint(7, 8));

    private static byte[] Encode(IXdrEncodable value)
    {
        using var buffer = new PooledBufferWriter();
        var writer = new XdrWriter(buffer);
        value.Encode(ref writer);
        return buffer.WrittenSpan.ToArray();
    }
}

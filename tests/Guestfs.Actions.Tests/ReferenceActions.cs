using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;

namespace Guestfs.Actions.Tests;

/// <summary>Reads tests/reference/actions.json and structs.json.</summary>
internal static class ReferenceActions
{
    private static readonly Lazy<JsonDocument> s_actions = new(() => JsonDocument.Parse(File.ReadAllText(TestPaths.Reference("actions.json"))));
    private static readonly Lazy<JsonDocument> s_structs = new(() => JsonDocument.Parse(File.ReadAllText(TestPaths.Reference("structs.json"))));

    /// <summary>Every action except the VBindTest ones (bindings tests, not part of the table).</summary>
    public static IReadOnlyList<JsonElement> TableActions =>
        s_actions.Value.RootElement.GetProperty("actions").EnumerateArray()
            .Where(a => a.GetProperty("visibility").GetString() != "VBindTest")
            .ToList();

    public static IReadOnlyList<JsonElement> Structs =>
        s_structs.Value.RootElement.GetProperty("structs").EnumerateArray().ToList();

    /// <summary>The argument kind as the table spells it, from the reference spelling.</summary>
    public static string ArgumentKind(JsonElement argument)
    {
        string kind = argument.GetProperty("kind").GetString()!;
        return kind switch
        {
            "String(PlainString)" => "String",
            "StringList(PlainString)" => "StringList",
            "StringList(Device)" => "DeviceList",
            "StringList(Filename)" => "FilenameList",
            "Pointer" => "Pointer(" + argument.GetProperty("c_type").GetString() + ")",
            _ when kind.StartsWith("String(", StringComparison.Ordinal) => kind.Substring(7, kind.Length - 8),
            _ => kind,
        };
    }

    /// <summary>The return kind as the table spells it.</summary>
    public static string ReturnKind(JsonElement ret)
    {
        string kind = ret.GetProperty("kind").GetString()!;
        return kind switch
        {
            "RErr" => "err",
            "RInt" => "int",
            "RInt64" => "int64",
            "RBool" => "bool",
            "RConstString" => "const string",
            "RConstOptString" => "const opt string",
            "RString" => "string",
            "RStringList" => "string list",
            "RStruct" => "struct " + ret.GetProperty("struct").GetString(),
            "RStructList" => "struct list " + ret.GetProperty("struct").GetString(),
            "RHashtable" => "hashtable",
            "RBufferOut" => "buffer",
            _ => throw new InvalidOperationException("unknown return kind " + kind),
        };
    }

    public static string Visibility(JsonElement action) => action.GetProperty("visibility").GetString() switch
    {
        "VPublic" => "public",
        "VPublicNoFish" => "public-no-fish",
        "VInternal" => "internal",
        "VDebug" => "debug",
        "VStateTest" => "test",
        var other => throw new InvalidOperationException("unknown visibility " + other),
    };
}

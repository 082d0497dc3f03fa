using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using Guestfs.Idl.Actions;
using Guestfs.Idl.Common;

namespace Guestfs.Actions.Tests;

/// <summary>
/// Builds <see cref="ProtocolFactsSpec"/> from tests/reference/procs.json and xdr_types.json, resolving the
/// handful of type spellings they use. An independent second source of the protocol facts, next to the .x.
/// </summary>
internal static class ReferenceProtocol
{
    private static readonly Lazy<ProtocolFactsSpec> s_facts = new(Load);

    public static ProtocolFactsSpec Facts => s_facts.Value;

    private static ProtocolFactsSpec Load()
    {
        using JsonDocument types = JsonDocument.Parse(File.ReadAllText(TestPaths.Reference("xdr_types.json")));
        var typedefs = types.RootElement.GetProperty("typedefs").EnumerateArray()
            .ToDictionary(t => t.GetProperty("name").GetString()!, t => t.GetProperty("type").GetString()!, StringComparer.Ordinal);

        WireTypeSpec Resolve(string text)
        {
            text = text.Trim();
            if (text.StartsWith("struct ", StringComparison.Ordinal))
            {
                text = text.Substring(7);
            }

            if (text.EndsWith("*", StringComparison.Ordinal))
            {
                return WireTypeSpec.OptionalOf(Resolve(text.Substring(0, text.Length - 1)));
            }

            switch (text)
            {
                case "int": return WireTypeSpec.Int;
                case "unsigned int": return new WireTypeSpec(WireTypeKind.UInt);
                case "int64_t": case "hyper": return WireTypeSpec.Hyper;
                case "uint64_t": case "unsigned hyper": return new WireTypeSpec(WireTypeKind.UHyper);
                case "bool": return WireTypeSpec.Bool;
                case "char": return new WireTypeSpec(WireTypeKind.Char);
                case "float": return new WireTypeSpec(WireTypeKind.Float);
                case "string<>": return WireTypeSpec.String;
                case "opaque<>": return WireTypeSpec.Opaque;
                case "opaque[32]": return new WireTypeSpec(WireTypeKind.FixedOpaque, FixedLength: 32);
            }

            if (text.EndsWith("<>", StringComparison.Ordinal))
            {
                return WireTypeSpec.ArrayOf(Resolve(text.Substring(0, text.Length - 2)));
            }

            return typedefs.TryGetValue(text, out string? target) ? Resolve(target) : WireTypeSpec.StructOf(text);
        }

        EquatableArray<WireFieldSpec>? Fields(JsonElement element) =>
            element.ValueKind == JsonValueKind.Null
                ? null
                : element.EnumerateArray().Select(f => new WireFieldSpec(f.GetProperty("name").GetString()!, Resolve(f.GetProperty("type").GetString()!))).ToEquatableArray();

        using JsonDocument procs = JsonDocument.Parse(File.ReadAllText(TestPaths.Reference("procs.json")));
        var procedures = procs.RootElement.GetProperty("procs").EnumerateArray()
            .Select(p => new ProcedureFactsSpec(
                p.GetProperty("name").GetString()!,
                p.GetProperty("number").GetInt32(),
                Fields(p.GetProperty("args")),
                Fields(p.GetProperty("ret")),
                IdlLocation.None))
            .ToEquatableArray();

        var structs = types.RootElement.GetProperty("structs").EnumerateArray()
            .Select(s => new WireStructSpec(s.GetProperty("name").GetString()!, Fields(s.GetProperty("fields"))!.Value, IdlLocation.None))
            .ToEquatableArray();

        return new ProtocolFactsSpec(procedures, structs);
    }
}

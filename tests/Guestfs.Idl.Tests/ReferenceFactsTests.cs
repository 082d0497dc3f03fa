using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using Guestfs.Idl.Xdr;

namespace Guestfs.Idl.Tests;

/// <summary>
/// The project's .x against the facts of libguestfs 1.48.6 in tests/reference: every procedure, structure
/// and field with the same number, order and type. Types are compared in the facts' notation, rendered from the
/// model's resolved kinds (so "unsigned" and "unsigned int" are the same wire type).
/// </summary>
public class ReferenceFactsTests
{
    private static readonly XdrSpec s_spec = XdrTestHelpers.CompileClean(File.ReadAllText(TestPaths.ProtocolFile), TestPaths.ProtocolFile);

    private static JsonElement Load(string name) =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(TestPaths.ReferenceDirectory, name))).RootElement;

    /// <summary>Renders a resolved type the way the reference files write it.</summary>
    private static string Notation(XdrTypeSpec type)
    {
        string Size(XdrTypeSpec t) => t.Size?.Text ?? string.Empty;
        string Base(XdrTypeSpec t) => t.Alias ?? t.Kind switch
        {
            XdrTypeKind.Int => "int",
            XdrTypeKind.UnsignedInt => "unsigned int",
            XdrTypeKind.Hyper => "int64_t",
            XdrTypeKind.UnsignedHyper => "uint64_t",
            XdrTypeKind.Bool => "bool",
            XdrTypeKind.Char => "char",
            XdrTypeKind.Float => "float",
            XdrTypeKind.String => "string<" + Size(t) + ">",
            XdrTypeKind.FixedOpaque => "opaque[" + Size(t) + "]",
            XdrTypeKind.VariableOpaque => "opaque<" + Size(t) + ">",
            XdrTypeKind.Struct or XdrTypeKind.Enum => (t.Spelling.StartsWith("struct ") ? "struct " : string.Empty) + t.Name,
            _ => "?" + t.Kind,
        };

        return type.Alias is not null ? type.Alias : type.Kind switch
        {
            XdrTypeKind.Optional => Base(type.Element!) + "*",
            XdrTypeKind.VariableArray => Base(type.Element!) + "<" + Size(type) + ">",
            XdrTypeKind.FixedArray => Base(type.Element!) + "[" + Size(type) + "]",
            _ => Base(type),
        };
    }

    private static string Normalize(string factType) => factType == "unsigned" ? "unsigned int" : factType;

    private static void AssertFields(string structName, JsonElement expectedFields)
    {
        XdrStructSpec? actual = s_spec.FindStruct(structName);
        Assert.True(actual is not null, $"struct {structName} is missing");
        var expected = expectedFields.EnumerateArray()
            .Select(f => (Name: f.GetProperty("name").GetString()!, Type: Normalize(f.GetProperty("type").GetString()!)))
            .ToList();
        var fields = actual!.Fields.Select(f => (f.Name, Type: Notation(f.Type))).ToList();
        Assert.Equal(expected, fields);
    }

    [Fact]
    public void Procedures_EveryReferenceProcedure_HasItsNumberAndEnumName()
    {
        JsonElement procs = Load("procs.json");
        XdrEnumSpec procedureEnum = s_spec.FindEnum("guestfs_procedure")!;
        var expected = procs.GetProperty("procs").EnumerateArray()
            .Select(p => (p.GetProperty("enum").GetString()!, p.GetProperty("number").GetInt32()))
            .OrderBy(p => p.Item2)
            .ToList();
        var actual = procedureEnum.Members.Select(m => (m.Name, m.Value)).OrderBy(p => p.Value).ToList();

        Assert.Equal(procs.GetProperty("count").GetInt32(), expected.Count);
        Assert.Equal(expected, actual);
        Assert.Equal(procs.GetProperty("GUESTFS_MAX_PROC_NR").GetInt64(), s_spec.FindConstant("GUESTFS_MAX_PROC_NR")!.Value.Value);
    }

    [Fact]
    public void Procedures_EveryArgsAndRetStruct_MatchesTheReferenceFieldByField()
    {
        var expectedNames = new HashSet<string>();
        foreach (JsonElement proc in Load("procs.json").GetProperty("procs").EnumerateArray())
        {
            string name = proc.GetProperty("name").GetString()!;
            foreach (string part in new[] { "args", "ret" })
            {
                JsonElement fields = proc.GetProperty(part);
                string structName = $"guestfs_{name}_{part}";
                if (fields.ValueKind == JsonValueKind.Null)
                {
                    Assert.True(s_spec.FindStruct(structName) is null, $"{structName} must not exist");
                }
                else
                {
                    expectedNames.Add(structName);
                    AssertFields(structName, fields);
                }
            }
        }

        var actualNames = s_spec.Structs.Select(s => s.Name).Where(n => n.EndsWith("_args") || n.EndsWith("_ret")).ToHashSet();
        Assert.Equal(expectedNames.OrderBy(n => n), actualNames.OrderBy(n => n));
    }

    [Fact]
    public void InternalTypes_EveryStructAndTypedef_MatchesTheReference()
    {
        JsonElement types = Load("xdr_types.json");
        foreach (JsonElement s in types.GetProperty("structs").EnumerateArray())
        {
            AssertFields(s.GetProperty("name").GetString()!, s.GetProperty("fields"));
        }

        var expectedTypedefs = types.GetProperty("typedefs").EnumerateArray()
            .Select(t => (t.GetProperty("name").GetString()!, t.GetProperty("type").GetString()!))
            .ToList();
        var actualTypedefs = s_spec.Typedefs.Select(t => (t.Name, Notation(t.Type))).ToList();
        Assert.Equal(expectedTypedefs, actualTypedefs);
        Assert.Empty(s_spec.Unions);
    }

    [Fact]
    public void Protocol_ConstantsEnumsAndMessageStructs_MatchTheReference()
    {
        JsonElement protocol = Load("protocol.json");
        foreach (JsonProperty constant in protocol.GetProperty("constants").EnumerateObject())
        {
            XdrConstantSpec? actual = s_spec.FindConstant(constant.Name);
            Assert.True(actual is not null, $"const {constant.Name} is missing");
            Assert.Equal(constant.Value.GetInt64(), actual!.Value.Value);
        }

        Assert.Equal(protocol.GetProperty("constants").EnumerateObject().Count(), s_spec.Constants.Count);

        foreach (JsonProperty enumFact in protocol.GetProperty("enums").EnumerateObject())
        {
            var expected = enumFact.Value.EnumerateArray().Select(m => (m[0].GetString()!, m[1].GetInt32())).ToList();
            Assert.Equal(expected, s_spec.FindEnum(enumFact.Name)!.Members.Select(m => (m.Name, m.Value)).ToList());
        }

        foreach (JsonProperty structFact in protocol.GetProperty("structs").EnumerateObject())
        {
            AssertFields(structFact.Name, structFact.Value);
        }
    }

    [Fact]
    public void Protocol_HasNoStructsBeyondTheReference()
    {
        int expected = Load("xdr_types.json").GetProperty("structs").GetArrayLength()
            + Load("protocol.json").GetProperty("structs").EnumerateObject().Count()
            + Load("procs.json").GetProperty("procs").EnumerateArray()
                .Sum(p => (p.GetProperty("args").ValueKind == JsonValueKind.Null ? 0 : 1) + (p.GetProperty("ret").ValueKind == JsonValueKind.Null ? 0 : 1));

        Assert.Equal(expected, s_spec.Structs.Count);
        Assert.Equal(3, s_spec.Enums.Count);
    }
}

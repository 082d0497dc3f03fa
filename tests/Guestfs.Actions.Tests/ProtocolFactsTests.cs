using System.Linq;
using System.Threading;
using Guestfs.Idl.Actions;
using Guestfs.Idl.Xdr;

namespace Guestfs.Actions.Tests;

public class ProtocolFactsTests
{
    private static XdrSpec Bind(string text)
    {
        XdrParseResult parsed = XdrParser.Parse("p.x", text, CancellationToken.None);
        Assert.False(parsed.HasErrors, string.Join("\n", parsed.Diagnostics));
        XdrBindResult bound = XdrBinder.Bind(parsed.Syntax, CancellationToken.None);
        Assert.False(bound.HasErrors, string.Join("\n", bound.Diagnostics));
        return bound.Spec;
    }

    [Fact]
    public void FromXdr_ProcedureEnumAndStructs_GiveNamesFieldsAndResolvedTypes()
    {
        XdrSpec xdr = Bind("""
            typedef string guestfs_str<>;
            struct guestfs_int_thing { opaque uuid[32]; unsigned hyper size; };
            typedef struct guestfs_int_thing guestfs_int_thing_list<>;
            struct guestfs_mke2fs_J_args { string device<>; guestfs_str *label; guestfs_str names<>; };
            struct guestfs_things_ret { guestfs_int_thing_list things; };
            enum guestfs_procedure {
              GUESTFS_PROC_MKE2FS_J = 5,
              GUESTFS_PROC_SYNC = 2,
              GUESTFS_PROC_THINGS = 7
            };
            """);

        ProtocolFactsSpec facts = ProtocolFacts.FromXdr(xdr);

        Assert.Equal([("mke2fs_J", 5), ("sync", 2), ("things", 7)], facts.Procedures.Select(p => (p.Name, p.Number)));
        ProcedureFactsSpec mke2fs = facts.Procedures[0];
        Assert.Null(mke2fs.Ret);
        Assert.Equal(
            [
                new WireFieldSpec("device", WireTypeSpec.String),
                new WireFieldSpec("label", WireTypeSpec.OptionalOf(WireTypeSpec.String)),
                new WireFieldSpec("names", WireTypeSpec.StringArray),
            ],
            mke2fs.Args!.Value);
        Assert.Null(facts.Procedures[1].Args);
        Assert.Equal([new WireFieldSpec("things", WireTypeSpec.ArrayOf(WireTypeSpec.StructOf("guestfs_int_thing")))], facts.Procedures[2].Ret!.Value);
        Assert.Equal(
            ["opaque[32] uuid", "unsigned hyper size"],
            facts.Structs.Single(s => s.Name == "guestfs_int_thing").Fields.Select(f => f.Type + " " + f.Name));
        Assert.Equal((7, 3), (mke2fs.Location.Line, mke2fs.Location.Column));
    }
}

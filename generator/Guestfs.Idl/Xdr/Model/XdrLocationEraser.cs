using System.Linq;
using Guestfs.Idl.Common;

namespace Guestfs.Idl.Xdr;

/// <summary>Implements <see cref="XdrSpec.WithoutLocations"/>.</summary>
internal static class XdrLocationEraser
{
    private static readonly IdlLocation s_none = IdlLocation.None;

    public static XdrSpec Erase(XdrSpec spec) => spec with
    {
        Path = string.Empty,
        Constants = spec.Constants.Select(c => c with { Location = s_none }).ToEquatableArray(),
        Enums = spec.Enums.Select(e => e with
        {
            Location = s_none,
            Members = e.Members.Select(m => m with { Location = s_none }).ToEquatableArray(),
        }).ToEquatableArray(),
        Typedefs = spec.Typedefs.Select(t => t with { Location = s_none }).ToEquatableArray(),
        Structs = spec.Structs.Select(s => s with
        {
            Location = s_none,
            Fields = s.Fields.Select(Field).ToEquatableArray(),
        }).ToEquatableArray(),
        Unions = spec.Unions.Select(u => u with
        {
            Location = s_none,
            Discriminant = Field(u.Discriminant),
            Arms = u.Arms.Select(Arm).ToEquatableArray(),
            Default = u.Default is null ? null : Arm(u.Default),
        }).ToEquatableArray(),
        Programs = spec.Programs.Select(p => p with
        {
            Location = s_none,
            Versions = p.Versions.Select(v => v with
            {
                Location = s_none,
                Procedures = v.Procedures.Select(r => r with { Location = s_none }).ToEquatableArray(),
            }).ToEquatableArray(),
        }).ToEquatableArray(),
        PassThrough = spec.PassThrough.Select(p => p with { Location = s_none }).ToEquatableArray(),
    };

    private static XdrFieldSpec Field(XdrFieldSpec field) => field with { Location = s_none };

    private static XdrUnionArmSpec Arm(XdrUnionArmSpec arm) => arm with
    {
        Location = s_none,
        Field = arm.Field is null ? null : Field(arm.Field),
    };
}

using System.Linq;
using Guestfs.Idl.Common;

namespace Guestfs.Generator.Model;

/// <summary>A generated C# enum from an XDR <c>enum</c>.</summary>
/// <param name="WireName">The enum name in the <c>.x</c>.</param>
/// <param name="Name">The C# name.</param>
/// <param name="Namespace">The C# namespace.</param>
/// <param name="Doc">Documentation of the type.</param>
/// <param name="Members">The members in declaration order.</param>
internal sealed record EnumSpec(string WireName, string Name, string Namespace, string Doc, EquatableArray<EnumMemberSpec> Members)
{
    /// <summary>Public enum (the procedure enum, or any enum of an rpcgen file on its own) or internal protocol enum.</summary>
    public bool IsPublic { get; init; }

    /// <summary>Whether the members carry libguestfs action names (the procedure enum): an extension method then returns them.</summary>
    public bool HasActionNames => Members.Any(static m => m.ActionName.Length > 0);
}

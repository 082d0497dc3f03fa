using Guestfs.Idl.Common;

namespace Guestfs.Idl.Xdr;

/// <summary>A typedef. References to it elsewhere in the model are already expanded (see <see cref="XdrTypeSpec.Alias"/>).</summary>
/// <param name="Name">The typedef's name.</param>
/// <param name="Type">The resolved target type, with its own declaration shape (e.g. <c>VariableArray</c> for <c>typedef struct x x_list&lt;&gt;</c>).</param>
/// <param name="Location">Where the typedef's name is defined.</param>
public sealed record XdrTypedefSpec(string Name, XdrTypeSpec Type, IdlLocation Location);

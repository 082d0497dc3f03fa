using Guestfs.Idl.Common;

namespace Guestfs.Idl.Actions;

/// <summary>
/// The facts of the <c>.x</c> protocol the actions validator checks against: the procedure enum with each procedure's
/// <c>_args</c>/<c>_ret</c> fields, and the other structures (for the public structs). Built from the XDR model
/// (see <c>ProtocolFacts.FromProtocol</c> once the XDR model is merged) or, in tests, from reference data.
/// </summary>
/// <param name="Procedures">Every member of the procedure enum.</param>
/// <param name="Structs">The non-procedure structures, typedefs resolved.</param>
public sealed record ProtocolFactsSpec(EquatableArray<ProcedureFactsSpec> Procedures, EquatableArray<WireStructSpec> Structs);

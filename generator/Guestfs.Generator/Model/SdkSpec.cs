using Guestfs.Idl.Common;

namespace Guestfs.Generator.Model;

/// <summary>
/// The bound model of the whole IDL: what the binder produces from the parsed <c>.x</c> file and actions table,
/// and what every output is selected from.
/// </summary>
/// <remarks>
/// Must stay equatable (records, strings, numbers, enums, <see cref="EquatableArray{T}"/> only; no symbols,
/// syntax trees, locations or parser objects): the incremental pipeline compares it with the previous run's
/// to decide what to re-emit, and a reference-compared member would make every edit re-emit everything and
/// keep old compilations alive.
/// </remarks>
/// <param name="ProtocolSource">The <c>.x</c> file name (for headers).</param>
/// <param name="Constants">Protocol constants.</param>
/// <param name="Procedure">The procedure enum, members named after the actions' C# stems.</param>
/// <param name="Enums">The other XDR enums.</param>
/// <param name="Codecs">Every XDR structure.</param>
/// <param name="Actions">Every action that is emitted (daemon actions and runtime library-side ones).</param>
internal sealed record SdkSpec(
    string ProtocolSource,
    EquatableArray<ConstantSpec> Constants,
    EnumSpec? Procedure,
    EquatableArray<EnumSpec> Enums,
    EquatableArray<CodecSpec> Codecs,
    EquatableArray<MethodSpec> Actions)
{
    /// <summary>Every XDR discriminated union.</summary>
    public EquatableArray<UnionSpec> Unions { get; init; } = EquatableArray<UnionSpec>.Empty;

    /// <summary>Every version of every rpcgen <c>program</c>.</summary>
    public EquatableArray<RpcVersionSpec> RpcVersions { get; init; } = EquatableArray<RpcVersionSpec>.Empty;
}

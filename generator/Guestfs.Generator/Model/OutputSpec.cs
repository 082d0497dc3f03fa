using Guestfs.Idl.Common;

namespace Guestfs.Generator.Model;

/// <summary>
/// The part of the <see cref="SdkSpec"/> one output file needs. Each output is selected into its own model so
/// the incremental pipeline re-emits a file only when its own inputs changed.
/// </summary>
/// <remarks>Must stay equatable for the same reason as <see cref="SdkSpec"/>.</remarks>
/// <param name="HintName">The output's hint name.</param>
/// <param name="Sources">The input file names named in its header.</param>
/// <param name="Constants">Constants (ProtocolConstants).</param>
/// <param name="Enums">Enums (Procedures, Xdr.Enums).</param>
/// <param name="Codecs">Structures (Xdr.Structs, Records; CommandTable: the ones actions return).</param>
/// <param name="Actions">Actions (Actions.*, CommandTable).</param>
/// <param name="OptionRecords">Options records (Options).</param>
internal sealed record OutputSpec(
    string HintName,
    string Sources,
    EquatableArray<ConstantSpec> Constants,
    EquatableArray<EnumSpec> Enums,
    EquatableArray<CodecSpec> Codecs,
    EquatableArray<MethodSpec> Actions,
    EquatableArray<OptionsRecordSpec> OptionRecords)
{
    /// <summary>An output with only a name and header.</summary>
    /// <param name="hintName">Hint name.</param>
    /// <param name="sources">Input names.</param>
    /// <returns>The spec, to be filled with <c>with</c>.</returns>
    public static OutputSpec Create(string hintName, string sources) => new(
        hintName,
        sources,
        EquatableArray<ConstantSpec>.Empty,
        EquatableArray<EnumSpec>.Empty,
        EquatableArray<CodecSpec>.Empty,
        EquatableArray<MethodSpec>.Empty,
        EquatableArray<OptionsRecordSpec>.Empty);

    /// <summary>The name of the output in <c>OutputRegistry</c> that renders this file.</summary>
    public string Output { get; init; } = string.Empty;

    /// <summary>The namespace the file declares its types in, for the outputs that take it from their row (protocol and XDR files).</summary>
    public string Namespace { get; init; } = string.Empty;

    /// <summary>Discriminated unions (Xdr.Unions).</summary>
    public EquatableArray<UnionSpec> Unions { get; init; } = EquatableArray<UnionSpec>.Empty;

    /// <summary>Program versions (Rpc.Clients).</summary>
    public EquatableArray<RpcVersionSpec> RpcVersions { get; init; } = EquatableArray<RpcVersionSpec>.Empty;
}

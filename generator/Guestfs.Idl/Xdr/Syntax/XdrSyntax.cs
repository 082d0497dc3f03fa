using Guestfs.Idl.Common;

namespace Guestfs.Idl.Xdr;

/// <summary>
/// The parsed form of one <c>.x</c> file: its definitions in source order, as written, before any name is
/// resolved. Produced by <see cref="XdrParser"/>; turned into an <see cref="XdrSpec"/> by <see cref="XdrBinder"/>.
/// </summary>
/// <remarks>Immutable and equatable by value, so the incremental generator can cache on it.</remarks>
/// <param name="Path">The file path given to the parser.</param>
/// <param name="Definitions">The definitions in source order (constants, types, programs, <c>%</c> lines).</param>
/// <param name="Directives">The preprocessor lines (<c>#…</c>) met in the file, in order.</param>
public sealed record XdrSyntax(
    string Path,
    EquatableArray<XdrDefinitionSyntax> Definitions,
    EquatableArray<XdrDirectiveSyntax> Directives);

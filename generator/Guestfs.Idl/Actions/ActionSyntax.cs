using Guestfs.Idl.Common;

namespace Guestfs.Idl.Actions;

/// <summary>An action block as written: <c>action name(args) -&gt; return { clauses }</c>.</summary>
/// <param name="Name">The action name.</param>
/// <param name="Arguments">The ordinary arguments.</param>
/// <param name="ReturnWords">The words after <c>-&gt;</c>, e.g. <c>struct list lvm_pv</c>.</param>
/// <param name="ReturnLocation">Where the return words are.</param>
/// <param name="Clauses">The clauses in order.</param>
/// <param name="Location">The whole block.</param>
public sealed record ActionSyntax(
    NameSyntax Name,
    EquatableArray<ArgumentSyntax> Arguments,
    EquatableArray<NameSyntax> ReturnWords,
    IdlLocation ReturnLocation,
    EquatableArray<ClauseSyntax> Clauses,
    IdlLocation Location);

using System.Globalization;
using Guestfs.Idl.Common;

namespace Guestfs.Idl.Actions;

/// <summary>
/// Builds the actions-table diagnostics with their message texts, one method per id in
/// <see cref="ActionsDiagnosticIds"/>, so the wording lives in one place.
/// </summary>
public static class ActionsDiagnostics
{
    /// <summary>Creates a <see cref="ActionsDiagnosticIds.SyntaxError"/>.</summary>
    /// <param name="location">Where the parser stopped.</param>
    /// <param name="problem">What was wrong, e.g. <c>unexpected '}'</c>.</param>
    /// <param name="expected">What the parser expected there.</param>
    /// <returns>The diagnostic.</returns>
    public static IdlDiagnostic SyntaxError(IdlLocation location, string problem, string expected) =>
        Error(ActionsDiagnosticIds.SyntaxError, location, "Syntax error: {0}; expected {1}", problem, expected);

    /// <summary>Creates a <see cref="ActionsDiagnosticIds.UnknownArgumentKind"/>.</summary>
    /// <param name="location">The kind's location.</param>
    /// <param name="argument">Argument name.</param>
    /// <param name="action">Action name.</param>
    /// <param name="kind">The unknown kind.</param>
    /// <returns>The diagnostic.</returns>
    public static IdlDiagnostic UnknownArgumentKind(IdlLocation location, string argument, string action, string kind) =>
        Error(ActionsDiagnosticIds.UnknownArgumentKind, location, "Argument '{0}' of action '{1}' has unknown kind '{2}'; use one of {3}", argument, action, kind, ActionsVocabulary.ArgumentKindList);

    /// <summary>Creates a <see cref="ActionsDiagnosticIds.UnknownOptionalArgumentKind"/>.</summary>
    /// <param name="location">The kind's location.</param>
    /// <param name="argument">Optional argument name.</param>
    /// <param name="action">Action name.</param>
    /// <param name="kind">The unknown kind.</param>
    /// <returns>The diagnostic.</returns>
    public static IdlDiagnostic UnknownOptionalArgumentKind(IdlLocation location, string argument, string action, string kind) =>
        Error(ActionsDiagnosticIds.UnknownOptionalArgumentKind, location, "Optional argument '{0}' of action '{1}' has unknown kind '{2}'; use one of {3}", argument, action, kind, ActionsVocabulary.OptionalArgumentKindList);

    /// <summary>Creates a <see cref="ActionsDiagnosticIds.UnknownReturnKind"/>.</summary>
    /// <param name="location">The return kind's location.</param>
    /// <param name="action">Action name.</param>
    /// <param name="kind">The unknown kind as written.</param>
    /// <returns>The diagnostic.</returns>
    public static IdlDiagnostic UnknownReturnKind(IdlLocation location, string action, string kind) =>
        Error(ActionsDiagnosticIds.UnknownReturnKind, location, "Action '{0}' has unknown return kind '{1}'; use one of {2}", action, kind, ActionsVocabulary.ReturnKindList);

    /// <summary>Creates a <see cref="ActionsDiagnosticIds.UnknownClause"/>.</summary>
    /// <param name="location">The clause keyword's location.</param>
    /// <param name="clause">The keyword.</param>
    /// <param name="action">Action name.</param>
    /// <returns>The diagnostic.</returns>
    public static IdlDiagnostic UnknownClause(IdlLocation location, string clause, string action) =>
        Error(ActionsDiagnosticIds.UnknownClause, location, "Unknown clause '{0}' in action '{1}'; use one of {2}", clause, action, ActionsVocabulary.ClauseList);

    /// <summary>Creates a <see cref="ActionsDiagnosticIds.UnknownFlag"/>.</summary>
    /// <param name="location">The flag's location.</param>
    /// <param name="flag">The flag.</param>
    /// <param name="action">Action name.</param>
    /// <returns>The diagnostic.</returns>
    public static IdlDiagnostic UnknownFlag(IdlLocation location, string flag, string action) =>
        Error(ActionsDiagnosticIds.UnknownFlag, location, "Unknown flag '{0}' in action '{1}'; use one of {2}", flag, action, ActionsVocabulary.FlagList);

    /// <summary>Creates a <see cref="ActionsDiagnosticIds.DuplicateClause"/>.</summary>
    /// <param name="location">The second clause's location.</param>
    /// <param name="clause">The keyword.</param>
    /// <param name="action">Action name.</param>
    /// <returns>The diagnostic.</returns>
    public static IdlDiagnostic DuplicateClause(IdlLocation location, string clause, string action) =>
        Error(ActionsDiagnosticIds.DuplicateClause, location, "Clause '{0}' appears more than once in action '{1}'; keep one", clause, action);

    /// <summary>Creates a <see cref="ActionsDiagnosticIds.InvalidClauseValue"/>.</summary>
    /// <param name="location">The value's location.</param>
    /// <param name="clause">The keyword.</param>
    /// <param name="action">Action name.</param>
    /// <param name="expected">What the clause takes.</param>
    /// <param name="actual">What was written.</param>
    /// <returns>The diagnostic.</returns>
    public static IdlDiagnostic InvalidClauseValue(IdlLocation location, string clause, string action, string expected, string actual) =>
        Error(ActionsDiagnosticIds.InvalidClauseValue, location, "Clause '{0}' of action '{1}' expects {2}, not '{3}'", clause, action, expected, actual);

    /// <summary>Creates a <see cref="ActionsDiagnosticIds.MissingGroup"/>.</summary>
    /// <param name="location">Start of the file, or the second group line.</param>
    /// <param name="path">The file.</param>
    /// <param name="count">How many group lines there are.</param>
    /// <returns>The diagnostic.</returns>
    public static IdlDiagnostic MissingGroup(IdlLocation location, string path, int count) =>
        Error(ActionsDiagnosticIds.MissingGroup, location, "File '{0}' must start with exactly one 'group <name>' line; found {1}", path, count);

    /// <summary>Creates a <see cref="ActionsDiagnosticIds.MissingDocumentation"/>.</summary>
    /// <param name="location">The action's location.</param>
    /// <param name="action">Action name.</param>
    /// <param name="what"><c>summary</c> or <c>description</c>.</param>
    /// <returns>The diagnostic.</returns>
    public static IdlDiagnostic MissingDocumentation(IdlLocation location, string action, string what) =>
        Error(ActionsDiagnosticIds.MissingDocumentation, location, "Action '{0}' has no {1}; add a '{1}:' clause", action, what);

    /// <summary>Creates a <see cref="ActionsDiagnosticIds.UnknownStructFieldKind"/>.</summary>
    /// <param name="location">The kind's location.</param>
    /// <param name="field">Field name.</param>
    /// <param name="structName">Struct name.</param>
    /// <param name="kind">The unknown kind.</param>
    /// <returns>The diagnostic.</returns>
    public static IdlDiagnostic UnknownStructFieldKind(IdlLocation location, string field, string structName, string kind) =>
        Error(ActionsDiagnosticIds.UnknownStructFieldKind, location, "Field '{0}' of struct '{1}' has unknown kind '{2}'; use one of {3}", field, structName, kind, ActionsVocabulary.StructFieldKindList);

    /// <summary>Creates a <see cref="ActionsDiagnosticIds.InvalidArgumentKindParameter"/>.</summary>
    /// <param name="location">The argument's location.</param>
    /// <param name="argument">Argument name.</param>
    /// <param name="action">Action name.</param>
    /// <param name="problem">What is wrong.</param>
    /// <returns>The diagnostic.</returns>
    public static IdlDiagnostic InvalidArgumentKindParameter(IdlLocation location, string argument, string action, string problem) =>
        Error(ActionsDiagnosticIds.InvalidArgumentKindParameter, location, "Argument '{0}' of action '{1}': {2}", argument, action, problem);

    /// <summary>Creates a <see cref="ActionsDiagnosticIds.RangeOnNonIntegerArgument"/>.</summary>
    /// <param name="location">The range's location.</param>
    /// <param name="argument">Argument name.</param>
    /// <param name="action">Action name.</param>
    /// <param name="kind">The argument's kind as written.</param>
    /// <returns>The diagnostic.</returns>
    public static IdlDiagnostic RangeOnNonIntegerArgument(IdlLocation location, string argument, string action, string kind) =>
        Error(ActionsDiagnosticIds.RangeOnNonIntegerArgument, location, "Argument '{0}' of action '{1}' is {2}, which cannot take a range; only Int, Int64, OInt and OInt64 arguments can", argument, action, kind);

    /// <summary>Creates a <see cref="ActionsDiagnosticIds.InvalidArgumentRange"/>.</summary>
    /// <param name="location">The range's (or the offending bound's) location.</param>
    /// <param name="argument">Argument name.</param>
    /// <param name="action">Action name.</param>
    /// <param name="range">The range as written.</param>
    /// <param name="problem">What is wrong, e.g. <c>is empty: the minimum is above the maximum</c>.</param>
    /// <returns>The diagnostic.</returns>
    public static IdlDiagnostic InvalidArgumentRange(IdlLocation location, string argument, string action, string range, string problem) =>
        Error(ActionsDiagnosticIds.InvalidArgumentRange, location, "Argument '{0}' of action '{1}' has the range '{2}', which {3}", argument, action, range, problem);

    /// <summary>Creates a <see cref="ActionsDiagnosticIds.DuplicateActionName"/>.</summary>
    /// <param name="location">The second definition.</param>
    /// <param name="action">Action name.</param>
    /// <param name="first">The first definition.</param>
    /// <returns>The diagnostic.</returns>
    public static IdlDiagnostic DuplicateActionName(IdlLocation location, string action, IdlLocation first) =>
        Error(ActionsDiagnosticIds.DuplicateActionName, location, "Action '{0}' is already defined at {1}; action names must be unique", action, first);

    /// <summary>Creates a <see cref="ActionsDiagnosticIds.DuplicateProcedureNumber"/>.</summary>
    /// <param name="location">The second action.</param>
    /// <param name="action">Second action name.</param>
    /// <param name="number">The shared number.</param>
    /// <param name="other">First action name.</param>
    /// <returns>The diagnostic.</returns>
    public static IdlDiagnostic DuplicateProcedureNumber(IdlLocation location, string action, int number, string other) =>
        Error(ActionsDiagnosticIds.DuplicateProcedureNumber, location, "Action '{0}' uses procedure number {1}, which action '{2}' already uses; procedure numbers must be unique", action, number, other);

    /// <summary>Creates a <see cref="ActionsDiagnosticIds.UnknownProcedure"/>.</summary>
    /// <param name="location">The action.</param>
    /// <param name="action">Action name.</param>
    /// <param name="number">Its procedure number.</param>
    /// <returns>The diagnostic.</returns>
    public static IdlDiagnostic UnknownProcedure(IdlLocation location, string action, int number) =>
        Error(ActionsDiagnosticIds.UnknownProcedure, location, "Action '{0}' has procedure number {1}, but the protocol's procedure enum has no GUESTFS_PROC_{2}; add it to the .x", action, number, action.ToUpperInvariant());

    /// <summary>Creates a <see cref="ActionsDiagnosticIds.ProcedureNumberMismatch"/>.</summary>
    /// <param name="location">The action.</param>
    /// <param name="action">Action name.</param>
    /// <param name="number">The action's number.</param>
    /// <param name="protocolNumber">The enum's number.</param>
    /// <returns>The diagnostic.</returns>
    public static IdlDiagnostic ProcedureNumberMismatch(IdlLocation location, string action, int number, int protocolNumber) =>
        Error(ActionsDiagnosticIds.ProcedureNumberMismatch, location, "Action '{0}' has procedure number {1}, but GUESTFS_PROC_{2} is {3} in the protocol; make them agree", action, number, action.ToUpperInvariant(), protocolNumber);

    /// <summary>Creates a <see cref="ActionsDiagnosticIds.ArgumentCountMismatch"/>.</summary>
    /// <param name="location">The action.</param>
    /// <param name="action">Action name.</param>
    /// <param name="count">Values the action sends.</param>
    /// <param name="structName">The <c>_args</c> structure name.</param>
    /// <param name="fieldCount">Fields it has (0 when absent).</param>
    /// <returns>The diagnostic.</returns>
    public static IdlDiagnostic ArgumentCountMismatch(IdlLocation location, string action, int count, string structName, int fieldCount) =>
        Error(ActionsDiagnosticIds.ArgumentCountMismatch, location, "Action '{0}' sends {1} value(s) (arguments without FileIn/FileOut, then optional arguments), but {2} has {3} field(s)", action, count, structName, fieldCount);

    /// <summary>Creates a <see cref="ActionsDiagnosticIds.ArgumentNameMismatch"/>.</summary>
    /// <param name="location">The argument.</param>
    /// <param name="index">0-based index among the sent values.</param>
    /// <param name="action">Action name.</param>
    /// <param name="argument">The argument's name.</param>
    /// <param name="structName">The <c>_args</c> structure.</param>
    /// <param name="field">The field's name.</param>
    /// <returns>The diagnostic.</returns>
    public static IdlDiagnostic ArgumentNameMismatch(IdlLocation location, int index, string action, string argument, string structName, string field) =>
        Error(ActionsDiagnosticIds.ArgumentNameMismatch, location, "Value {0} of action '{1}' is '{2}', but field {0} of {3} is '{4}'; keep the same names in the same order", index, action, argument, structName, field);

    /// <summary>Creates a <see cref="ActionsDiagnosticIds.ArgumentTypeMismatch"/>.</summary>
    /// <param name="location">The argument.</param>
    /// <param name="argument">Argument name.</param>
    /// <param name="action">Action name.</param>
    /// <param name="kind">Its kind as written in the table.</param>
    /// <param name="expected">The wire type the kind needs.</param>
    /// <param name="structName">The <c>_args</c> structure.</param>
    /// <param name="actual">The field's wire type.</param>
    /// <returns>The diagnostic.</returns>
    public static IdlDiagnostic ArgumentTypeMismatch(IdlLocation location, string argument, string action, string kind, WireTypeSpec expected, string structName, WireTypeSpec actual) =>
        Error(ActionsDiagnosticIds.ArgumentTypeMismatch, location, "Argument '{0}' of action '{1}' is {2}, which travels as {3}, but field '{0}' of {4} is {5}", argument, action, kind, expected, structName, actual);

    /// <summary>Creates a <see cref="ActionsDiagnosticIds.StreamArgumentInArgs"/>.</summary>
    /// <param name="location">The argument.</param>
    /// <param name="argument">Argument name.</param>
    /// <param name="action">Action name.</param>
    /// <param name="kind"><c>FileIn</c> or <c>FileOut</c>.</param>
    /// <param name="structName">The <c>_args</c> structure.</param>
    /// <returns>The diagnostic.</returns>
    public static IdlDiagnostic StreamArgumentInArgs(IdlLocation location, string argument, string action, string kind, string structName) =>
        Error(ActionsDiagnosticIds.StreamArgumentInArgs, location, "Argument '{0}' of action '{1}' is a {2} stream, which is sent as chunks and must not appear in {3}; remove the field", argument, action, kind, structName);

    /// <summary>Creates a <see cref="ActionsDiagnosticIds.ReturnMismatch"/>.</summary>
    /// <param name="location">The action.</param>
    /// <param name="action">Action name.</param>
    /// <param name="kind">The return kind as written.</param>
    /// <param name="expected">What the kind needs.</param>
    /// <param name="actual">What the protocol has.</param>
    /// <returns>The diagnostic.</returns>
    public static IdlDiagnostic ReturnMismatch(IdlLocation location, string action, string kind, string expected, string actual) =>
        Error(ActionsDiagnosticIds.ReturnMismatch, location, "Action '{0}' returns {1}, which needs {2}, but the protocol has {3}", action, kind, expected, actual);

    /// <summary>Creates a <see cref="ActionsDiagnosticIds.TooManyOptionalArguments"/>.</summary>
    /// <param name="location">The action.</param>
    /// <param name="action">Action name.</param>
    /// <param name="count">How many it has.</param>
    /// <returns>The diagnostic.</returns>
    public static IdlDiagnostic TooManyOptionalArguments(IdlLocation location, string action, int count) =>
        Error(ActionsDiagnosticIds.TooManyOptionalArguments, location, "Action '{0}' has {1} optional arguments; at most 64 fit in the optargs bitmask", action, count);

    /// <summary>Creates a <see cref="ActionsDiagnosticIds.DuplicateArgumentName"/>.</summary>
    /// <param name="location">The second declaration.</param>
    /// <param name="action">Action name.</param>
    /// <param name="argument">The repeated name.</param>
    /// <returns>The diagnostic.</returns>
    public static IdlDiagnostic DuplicateArgumentName(IdlLocation location, string action, string argument) =>
        Error(ActionsDiagnosticIds.DuplicateArgumentName, location, "Action '{0}' declares '{1}' more than once; argument and optional-argument names must be unique", action, argument);

    /// <summary>Creates a <see cref="ActionsDiagnosticIds.UnknownDeprecatedByTarget"/>.</summary>
    /// <param name="location">The clause value.</param>
    /// <param name="action">Action name.</param>
    /// <param name="target">The named replacement.</param>
    /// <returns>The diagnostic.</returns>
    public static IdlDiagnostic UnknownDeprecatedByTarget(IdlLocation location, string action, string target) =>
        Error(ActionsDiagnosticIds.UnknownDeprecatedByTarget, location, "Action '{0}' is deprecated by '{1}', which is not an action; name an existing action", action, target);

    /// <summary>Creates a <see cref="ActionsDiagnosticIds.ProcedureWithoutAction"/>.</summary>
    /// <param name="location">The procedure in the .x.</param>
    /// <param name="procedure">Procedure name (lower case, without prefix).</param>
    /// <param name="number">Its number.</param>
    /// <returns>The diagnostic.</returns>
    public static IdlDiagnostic ProcedureWithoutAction(IdlLocation location, string procedure, int number) =>
        Error(ActionsDiagnosticIds.ProcedureWithoutAction, location, "Procedure {0} ({1}) of the protocol has no action; add one or declare it with 'unused-procedure {0} {1}'", procedure, number);

    /// <summary>Creates a <see cref="ActionsDiagnosticIds.UnknownReturnStruct"/>.</summary>
    /// <param name="location">The return kind.</param>
    /// <param name="action">Action name.</param>
    /// <param name="structName">The struct named.</param>
    /// <returns>The diagnostic.</returns>
    public static IdlDiagnostic UnknownReturnStruct(IdlLocation location, string action, string structName) =>
        Error(ActionsDiagnosticIds.UnknownReturnStruct, location, "Action '{0}' returns struct '{1}', which is not declared; add a 'struct {1}' block", action, structName);

    /// <summary>Creates a <see cref="ActionsDiagnosticIds.DuplicateStruct"/>.</summary>
    /// <param name="location">The second declaration.</param>
    /// <param name="structName">Struct name.</param>
    /// <param name="first">The first declaration.</param>
    /// <returns>The diagnostic.</returns>
    public static IdlDiagnostic DuplicateStruct(IdlLocation location, string structName, IdlLocation first) =>
        Error(ActionsDiagnosticIds.DuplicateStruct, location, "Struct '{0}' is already declared at {1}", structName, first);

    /// <summary>Creates a <see cref="ActionsDiagnosticIds.InvalidUnusedProcedure"/>.</summary>
    /// <param name="location">The declaration.</param>
    /// <param name="procedure">Procedure name.</param>
    /// <param name="problem">What contradicts it.</param>
    /// <returns>The diagnostic.</returns>
    public static IdlDiagnostic InvalidUnusedProcedure(IdlLocation location, string procedure, string problem) =>
        Error(ActionsDiagnosticIds.InvalidUnusedProcedure, location, "Procedure '{0}' is declared unused, but {1}", procedure, problem);

    /// <summary>Creates a <see cref="ActionsDiagnosticIds.DaemonActionMarker"/>.</summary>
    /// <param name="location">The marker.</param>
    /// <param name="action">Action name.</param>
    /// <param name="number">Its procedure number.</param>
    /// <param name="marker">The marker.</param>
    /// <param name="advice">What to do.</param>
    /// <returns>The diagnostic.</returns>
    public static IdlDiagnostic DaemonActionMarker(IdlLocation location, string action, int number, string marker, string advice) =>
        Error(ActionsDiagnosticIds.DaemonActionMarker, location, "Action '{0}' is a daemon action (procedure {1}) and cannot be marked '{2}'; {3}", action, number, marker, advice);

    /// <summary>Creates a <see cref="ActionsDiagnosticIds.DuplicateCSharpName"/>.</summary>
    /// <param name="location">The second action.</param>
    /// <param name="action">Action name.</param>
    /// <param name="csharpName">The clashing C# name.</param>
    /// <param name="other">The first action.</param>
    /// <returns>The diagnostic.</returns>
    public static IdlDiagnostic DuplicateCSharpName(IdlLocation location, string action, string csharpName, string other) =>
        Error(ActionsDiagnosticIds.DuplicateCSharpName, location, "Action '{0}' has C# name '{1}', which action '{2}' already has; add a 'csharp-name' override", action, csharpName, other);

    /// <summary>Creates a <see cref="ActionsDiagnosticIds.PublicStructMismatch"/>.</summary>
    /// <param name="location">The struct.</param>
    /// <param name="structName">Struct name.</param>
    /// <param name="xdrName">The XDR structure's name.</param>
    /// <param name="problem">The difference.</param>
    /// <returns>The diagnostic.</returns>
    public static IdlDiagnostic PublicStructMismatch(IdlLocation location, string structName, string xdrName, string problem) =>
        Error(ActionsDiagnosticIds.PublicStructMismatch, location, "Struct '{0}' does not match {1} in the protocol: {2}", structName, xdrName, problem);

    /// <summary>Creates a <see cref="ActionsDiagnosticIds.InvalidStreamArguments"/>.</summary>
    /// <param name="location">The offending argument.</param>
    /// <param name="action">Action name.</param>
    /// <param name="problem">What is wrong.</param>
    /// <returns>The diagnostic.</returns>
    public static IdlDiagnostic InvalidStreamArguments(IdlLocation location, string action, string problem) =>
        Error(ActionsDiagnosticIds.InvalidStreamArguments, location, "Action '{0}': {1}", action, problem);

    private static IdlDiagnostic Error(string id, IdlLocation location, string format, params object[] args) =>
        new(id, IdlSeverity.Error, string.Format(CultureInfo.InvariantCulture, format, args), location);
}

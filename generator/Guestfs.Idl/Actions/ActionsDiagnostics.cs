using System.Globalization;
using Guestfs.Idl.Common;

namespace Guestfs.Idl.Actions;

/// <summary>
/// Builds the actions-table diagnostics, one method per id in <see cref="ActionsDiagnosticIds"/>, from the
/// message formats of <see cref="DiagnosticRules"/>.
/// </summary>
public static class ActionsDiagnostics
{
    /// <summary>Creates a <see cref="ActionsDiagnosticIds.SyntaxError"/>.</summary>
    /// <param name="location">Where the parser stopped.</param>
    /// <param name="problem">What was wrong, e.g. <c>unexpected '}'</c>.</param>
    /// <param name="expected">What the parser expected there.</param>
    /// <returns>The diagnostic.</returns>
    public static IdlDiagnostic SyntaxError(IdlLocation location, string problem, string expected) =>
        Create(ActionsDiagnosticIds.SyntaxError, location, problem, expected);

    /// <summary>Creates a <see cref="ActionsDiagnosticIds.UnknownArgumentKind"/>.</summary>
    /// <param name="location">The kind's location.</param>
    /// <param name="argument">Argument name.</param>
    /// <param name="action">Action name.</param>
    /// <param name="kind">The unknown kind.</param>
    /// <returns>The diagnostic.</returns>
    public static IdlDiagnostic UnknownArgumentKind(IdlLocation location, string argument, string action, string kind) =>
        Create(ActionsDiagnosticIds.UnknownArgumentKind, location, argument, action, kind, ActionsVocabulary.ArgumentKindList);

    /// <summary>Creates a <see cref="ActionsDiagnosticIds.UnknownOptionalArgumentKind"/>.</summary>
    /// <param name="location">The kind's location.</param>
    /// <param name="argument">Optional argument name.</param>
    /// <param name="action">Action name.</param>
    /// <param name="kind">The unknown kind.</param>
    /// <returns>The diagnostic.</returns>
    public static IdlDiagnostic UnknownOptionalArgumentKind(IdlLocation location, string argument, string action, string kind) =>
        Create(ActionsDiagnosticIds.UnknownOptionalArgumentKind, location, argument, action, kind, ActionsVocabulary.OptionalArgumentKindList);

    /// <summary>Creates a <see cref="ActionsDiagnosticIds.UnknownReturnKind"/>.</summary>
    /// <param name="location">The return kind's location.</param>
    /// <param name="action">Action name.</param>
    /// <param name="kind">The unknown kind as written.</param>
    /// <returns>The diagnostic.</returns>
    public static IdlDiagnostic UnknownReturnKind(IdlLocation location, string action, string kind) =>
        Create(ActionsDiagnosticIds.UnknownReturnKind, location, action, kind, ActionsVocabulary.ReturnKindList);

    /// <summary>Creates a <see cref="ActionsDiagnosticIds.UnknownClause"/>.</summary>
    /// <param name="location">The clause keyword's location.</param>
    /// <param name="clause">The keyword.</param>
    /// <param name="action">Action name.</param>
    /// <returns>The diagnostic.</returns>
    public static IdlDiagnostic UnknownClause(IdlLocation location, string clause, string action) =>
        Create(ActionsDiagnosticIds.UnknownClause, location, clause, action, ActionsVocabulary.ClauseList);

    /// <summary>Creates a <see cref="ActionsDiagnosticIds.UnknownFlag"/>.</summary>
    /// <param name="location">The flag's location.</param>
    /// <param name="flag">The flag.</param>
    /// <param name="action">Action name.</param>
    /// <returns>The diagnostic.</returns>
    public static IdlDiagnostic UnknownFlag(IdlLocation location, string flag, string action) =>
        Create(ActionsDiagnosticIds.UnknownFlag, location, flag, action, ActionsVocabulary.FlagList);

    /// <summary>Creates a <see cref="ActionsDiagnosticIds.DuplicateClause"/>.</summary>
    /// <param name="location">The second clause's location.</param>
    /// <param name="clause">The keyword.</param>
    /// <param name="action">Action name.</param>
    /// <returns>The diagnostic.</returns>
    public static IdlDiagnostic DuplicateClause(IdlLocation location, string clause, string action) =>
        Create(ActionsDiagnosticIds.DuplicateClause, location, clause, action);

    /// <summary>Creates a <see cref="ActionsDiagnosticIds.InvalidClauseValue"/>.</summary>
    /// <param name="location">The value's location.</param>
    /// <param name="clause">The keyword.</param>
    /// <param name="action">Action name.</param>
    /// <param name="expected">What the clause takes.</param>
    /// <param name="actual">What was written.</param>
    /// <returns>The diagnostic.</returns>
    public static IdlDiagnostic InvalidClauseValue(IdlLocation location, string clause, string action, string expected, string actual) =>
        Create(ActionsDiagnosticIds.InvalidClauseValue, location, clause, action, expected, actual);

    /// <summary>Creates a <see cref="ActionsDiagnosticIds.MissingGroup"/>.</summary>
    /// <param name="location">Start of the file, or the second group line.</param>
    /// <param name="path">The file.</param>
    /// <param name="count">How many group lines there are.</param>
    /// <returns>The diagnostic.</returns>
    public static IdlDiagnostic MissingGroup(IdlLocation location, string path, int count) =>
        Create(ActionsDiagnosticIds.MissingGroup, location, path, count);

    /// <summary>Creates a <see cref="ActionsDiagnosticIds.MissingDocumentation"/>.</summary>
    /// <param name="location">The action's location.</param>
    /// <param name="action">Action name.</param>
    /// <param name="what"><c>summary</c> or <c>description</c>.</param>
    /// <returns>The diagnostic.</returns>
    public static IdlDiagnostic MissingDocumentation(IdlLocation location, string action, string what) =>
        Create(ActionsDiagnosticIds.MissingDocumentation, location, action, what);

    /// <summary>Creates a <see cref="ActionsDiagnosticIds.UnknownStructFieldKind"/>.</summary>
    /// <param name="location">The kind's location.</param>
    /// <param name="field">Field name.</param>
    /// <param name="structName">Struct name.</param>
    /// <param name="kind">The unknown kind.</param>
    /// <returns>The diagnostic.</returns>
    public static IdlDiagnostic UnknownStructFieldKind(IdlLocation location, string field, string structName, string kind) =>
        Create(ActionsDiagnosticIds.UnknownStructFieldKind, location, field, structName, kind, ActionsVocabulary.StructFieldKindList);

    /// <summary>Creates a <see cref="ActionsDiagnosticIds.InvalidArgumentKindParameter"/>.</summary>
    /// <param name="location">The argument's location.</param>
    /// <param name="argument">Argument name.</param>
    /// <param name="action">Action name.</param>
    /// <param name="problem">What is wrong.</param>
    /// <returns>The diagnostic.</returns>
    public static IdlDiagnostic InvalidArgumentKindParameter(IdlLocation location, string argument, string action, string problem) =>
        Create(ActionsDiagnosticIds.InvalidArgumentKindParameter, location, argument, action, problem);

    /// <summary>Creates a <see cref="ActionsDiagnosticIds.RangeOnNonIntegerArgument"/>.</summary>
    /// <param name="location">The range's location.</param>
    /// <param name="argument">Argument name.</param>
    /// <param name="action">Action name.</param>
    /// <param name="kind">The argument's kind as written.</param>
    /// <returns>The diagnostic.</returns>
    public static IdlDiagnostic RangeOnNonIntegerArgument(IdlLocation location, string argument, string action, string kind) =>
        Create(ActionsDiagnosticIds.RangeOnNonIntegerArgument, location, argument, action, kind);

    /// <summary>Creates a <see cref="ActionsDiagnosticIds.InvalidArgumentRange"/>.</summary>
    /// <param name="location">The range's (or the offending bound's) location.</param>
    /// <param name="argument">Argument name.</param>
    /// <param name="action">Action name.</param>
    /// <param name="range">The range as written.</param>
    /// <param name="problem">What is wrong, e.g. <c>is empty: the minimum is above the maximum</c>.</param>
    /// <returns>The diagnostic.</returns>
    public static IdlDiagnostic InvalidArgumentRange(IdlLocation location, string argument, string action, string range, string problem) =>
        Create(ActionsDiagnosticIds.InvalidArgumentRange, location, argument, action, range, problem);

    /// <summary>Creates a <see cref="ActionsDiagnosticIds.DuplicateActionName"/>.</summary>
    /// <param name="location">The second definition.</param>
    /// <param name="action">Action name.</param>
    /// <param name="first">The first definition.</param>
    /// <returns>The diagnostic.</returns>
    public static IdlDiagnostic DuplicateActionName(IdlLocation location, string action, IdlLocation first) =>
        Create(ActionsDiagnosticIds.DuplicateActionName, location, action, first);

    /// <summary>Creates a <see cref="ActionsDiagnosticIds.DuplicateProcedureNumber"/>.</summary>
    /// <param name="location">The second action.</param>
    /// <param name="action">Second action name.</param>
    /// <param name="number">The shared number.</param>
    /// <param name="other">First action name.</param>
    /// <returns>The diagnostic.</returns>
    public static IdlDiagnostic DuplicateProcedureNumber(IdlLocation location, string action, int number, string other) =>
        Create(ActionsDiagnosticIds.DuplicateProcedureNumber, location, action, number, other);

    /// <summary>Creates a <see cref="ActionsDiagnosticIds.UnknownProcedure"/>.</summary>
    /// <param name="location">The action.</param>
    /// <param name="action">Action name.</param>
    /// <param name="number">Its procedure number.</param>
    /// <returns>The diagnostic.</returns>
    public static IdlDiagnostic UnknownProcedure(IdlLocation location, string action, int number) =>
        Create(ActionsDiagnosticIds.UnknownProcedure, location, action, number, action.ToUpperInvariant());

    /// <summary>Creates a <see cref="ActionsDiagnosticIds.ProcedureNumberMismatch"/>.</summary>
    /// <param name="location">The action.</param>
    /// <param name="action">Action name.</param>
    /// <param name="number">The action's number.</param>
    /// <param name="protocolNumber">The enum's number.</param>
    /// <returns>The diagnostic.</returns>
    public static IdlDiagnostic ProcedureNumberMismatch(IdlLocation location, string action, int number, int protocolNumber) =>
        Create(ActionsDiagnosticIds.ProcedureNumberMismatch, location, action, number, action.ToUpperInvariant(), protocolNumber);

    /// <summary>Creates a <see cref="ActionsDiagnosticIds.ArgumentCountMismatch"/>.</summary>
    /// <param name="location">The action.</param>
    /// <param name="action">Action name.</param>
    /// <param name="count">Values the action sends.</param>
    /// <param name="structName">The <c>_args</c> structure name.</param>
    /// <param name="fieldCount">Fields it has (0 when absent).</param>
    /// <returns>The diagnostic.</returns>
    public static IdlDiagnostic ArgumentCountMismatch(IdlLocation location, string action, int count, string structName, int fieldCount) =>
        Create(ActionsDiagnosticIds.ArgumentCountMismatch, location, action, count, structName, fieldCount);

    /// <summary>Creates a <see cref="ActionsDiagnosticIds.ArgumentNameMismatch"/>.</summary>
    /// <param name="location">The argument.</param>
    /// <param name="index">0-based index among the sent values.</param>
    /// <param name="action">Action name.</param>
    /// <param name="argument">The argument's name.</param>
    /// <param name="structName">The <c>_args</c> structure.</param>
    /// <param name="field">The field's name.</param>
    /// <returns>The diagnostic.</returns>
    public static IdlDiagnostic ArgumentNameMismatch(IdlLocation location, int index, string action, string argument, string structName, string field) =>
        Create(ActionsDiagnosticIds.ArgumentNameMismatch, location, index, action, argument, structName, field);

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
        Create(ActionsDiagnosticIds.ArgumentTypeMismatch, location, argument, action, kind, expected, structName, actual);

    /// <summary>Creates a <see cref="ActionsDiagnosticIds.StreamArgumentInArgs"/>.</summary>
    /// <param name="location">The argument.</param>
    /// <param name="argument">Argument name.</param>
    /// <param name="action">Action name.</param>
    /// <param name="kind"><c>FileIn</c> or <c>FileOut</c>.</param>
    /// <param name="structName">The <c>_args</c> structure.</param>
    /// <returns>The diagnostic.</returns>
    public static IdlDiagnostic StreamArgumentInArgs(IdlLocation location, string argument, string action, string kind, string structName) =>
        Create(ActionsDiagnosticIds.StreamArgumentInArgs, location, argument, action, kind, structName);

    /// <summary>Creates a <see cref="ActionsDiagnosticIds.ReturnMismatch"/>.</summary>
    /// <param name="location">The action.</param>
    /// <param name="action">Action name.</param>
    /// <param name="kind">The return kind as written.</param>
    /// <param name="expected">What the kind needs.</param>
    /// <param name="actual">What the protocol has.</param>
    /// <returns>The diagnostic.</returns>
    public static IdlDiagnostic ReturnMismatch(IdlLocation location, string action, string kind, string expected, string actual) =>
        Create(ActionsDiagnosticIds.ReturnMismatch, location, action, kind, expected, actual);

    /// <summary>Creates a <see cref="ActionsDiagnosticIds.TooManyOptionalArguments"/>.</summary>
    /// <param name="location">The action.</param>
    /// <param name="action">Action name.</param>
    /// <param name="count">How many it has.</param>
    /// <returns>The diagnostic.</returns>
    public static IdlDiagnostic TooManyOptionalArguments(IdlLocation location, string action, int count) =>
        Create(ActionsDiagnosticIds.TooManyOptionalArguments, location, action, count);

    /// <summary>Creates a <see cref="ActionsDiagnosticIds.DuplicateArgumentName"/>.</summary>
    /// <param name="location">The second declaration.</param>
    /// <param name="action">Action name.</param>
    /// <param name="argument">The repeated name.</param>
    /// <returns>The diagnostic.</returns>
    public static IdlDiagnostic DuplicateArgumentName(IdlLocation location, string action, string argument) =>
        Create(ActionsDiagnosticIds.DuplicateArgumentName, location, action, argument);

    /// <summary>Creates a <see cref="ActionsDiagnosticIds.UnknownDeprecatedByTarget"/>.</summary>
    /// <param name="location">The clause value.</param>
    /// <param name="action">Action name.</param>
    /// <param name="target">The named replacement.</param>
    /// <returns>The diagnostic.</returns>
    public static IdlDiagnostic UnknownDeprecatedByTarget(IdlLocation location, string action, string target) =>
        Create(ActionsDiagnosticIds.UnknownDeprecatedByTarget, location, action, target);

    /// <summary>Creates a <see cref="ActionsDiagnosticIds.ProcedureWithoutAction"/>.</summary>
    /// <param name="location">The procedure in the .x.</param>
    /// <param name="procedure">Procedure name (lower case, without prefix).</param>
    /// <param name="number">Its number.</param>
    /// <returns>The diagnostic.</returns>
    public static IdlDiagnostic ProcedureWithoutAction(IdlLocation location, string procedure, int number) =>
        Create(ActionsDiagnosticIds.ProcedureWithoutAction, location, procedure, number);

    /// <summary>Creates a <see cref="ActionsDiagnosticIds.UnknownReturnStruct"/>.</summary>
    /// <param name="location">The return kind.</param>
    /// <param name="action">Action name.</param>
    /// <param name="structName">The struct named.</param>
    /// <returns>The diagnostic.</returns>
    public static IdlDiagnostic UnknownReturnStruct(IdlLocation location, string action, string structName) =>
        Create(ActionsDiagnosticIds.UnknownReturnStruct, location, action, structName);

    /// <summary>Creates a <see cref="ActionsDiagnosticIds.DuplicateStruct"/>.</summary>
    /// <param name="location">The second declaration.</param>
    /// <param name="structName">Struct name.</param>
    /// <param name="first">The first declaration.</param>
    /// <returns>The diagnostic.</returns>
    public static IdlDiagnostic DuplicateStruct(IdlLocation location, string structName, IdlLocation first) =>
        Create(ActionsDiagnosticIds.DuplicateStruct, location, structName, first);

    /// <summary>Creates a <see cref="ActionsDiagnosticIds.InvalidUnusedProcedure"/>.</summary>
    /// <param name="location">The declaration.</param>
    /// <param name="procedure">Procedure name.</param>
    /// <param name="problem">What contradicts it.</param>
    /// <returns>The diagnostic.</returns>
    public static IdlDiagnostic InvalidUnusedProcedure(IdlLocation location, string procedure, string problem) =>
        Create(ActionsDiagnosticIds.InvalidUnusedProcedure, location, procedure, problem);

    /// <summary>Creates a <see cref="ActionsDiagnosticIds.DaemonActionMarker"/>.</summary>
    /// <param name="location">The marker.</param>
    /// <param name="action">Action name.</param>
    /// <param name="number">Its procedure number.</param>
    /// <param name="marker">The marker.</param>
    /// <param name="advice">What to do.</param>
    /// <returns>The diagnostic.</returns>
    public static IdlDiagnostic DaemonActionMarker(IdlLocation location, string action, int number, string marker, string advice) =>
        Create(ActionsDiagnosticIds.DaemonActionMarker, location, action, number, marker, advice);

    /// <summary>Creates a <see cref="ActionsDiagnosticIds.DuplicateCSharpName"/>.</summary>
    /// <param name="location">The second action.</param>
    /// <param name="action">Action name.</param>
    /// <param name="csharpName">The clashing C# name.</param>
    /// <param name="other">The first action.</param>
    /// <returns>The diagnostic.</returns>
    public static IdlDiagnostic DuplicateCSharpName(IdlLocation location, string action, string csharpName, string other) =>
        Create(ActionsDiagnosticIds.DuplicateCSharpName, location, action, csharpName, other);

    /// <summary>Creates a <see cref="ActionsDiagnosticIds.PublicStructMismatch"/>.</summary>
    /// <param name="location">The struct.</param>
    /// <param name="structName">Struct name.</param>
    /// <param name="xdrName">The XDR structure's name.</param>
    /// <param name="problem">The difference.</param>
    /// <returns>The diagnostic.</returns>
    public static IdlDiagnostic PublicStructMismatch(IdlLocation location, string structName, string xdrName, string problem) =>
        Create(ActionsDiagnosticIds.PublicStructMismatch, location, structName, xdrName, problem);

    /// <summary>Creates a <see cref="ActionsDiagnosticIds.InvalidStreamArguments"/>.</summary>
    /// <param name="location">The offending argument.</param>
    /// <param name="action">Action name.</param>
    /// <param name="problem">What is wrong.</param>
    /// <returns>The diagnostic.</returns>
    public static IdlDiagnostic InvalidStreamArguments(IdlLocation location, string action, string problem) =>
        Create(ActionsDiagnosticIds.InvalidStreamArguments, location, action, problem);

    private static IdlDiagnostic Create(string id, IdlLocation location, params object[] args) =>
        IdlDiagnostic.Create(id, string.Format(CultureInfo.InvariantCulture, DiagnosticRules.For(id).MessageFormat, args), location);
}

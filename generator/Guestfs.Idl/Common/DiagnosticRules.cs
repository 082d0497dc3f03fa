using System;
using System.Collections.Generic;
using System.Linq;
using Guestfs.Idl.Actions;
using Guestfs.Idl.Xdr;

namespace Guestfs.Idl.Common;

/// <summary>
/// Every rule an IDL input can break, in one table: id, name, title, severity, category, message format and
/// description. Diagnostics take their severity from here (<see cref="IdlDiagnostic.Create"/>), the generator builds
/// its Roslyn descriptors from it, and a test checks <c>AnalyzerReleases.Unshipped.md</c> against it. The id
/// constants (<see cref="Xdr.XdrDiagnosticIds"/>, <see cref="Actions.ActionsDiagnosticIds"/>,
/// <see cref="GeneratorDiagnosticIds"/>) name the rows. Ids: GFS0001–0099 <c>.x</c> syntax, GFS0100–0199 actions
/// syntax, GFS0200–0299 binding and consistency, GFS0900 internal error.
/// </summary>
public static class DiagnosticRules
{
    /// <summary>Category of the syntax rules.</summary>
    public const string SyntaxCategory = "Guestfs.Idl.Syntax";

    /// <summary>Category of the binding and consistency rules.</summary>
    public const string BindingCategory = "Guestfs.Idl.Binding";

    /// <summary>Category of the internal error.</summary>
    public const string InternalCategory = "Guestfs.Generator";

    private static readonly Dictionary<string, DiagnosticRule> s_byId;

    static DiagnosticRules() => s_byId = All.ToDictionary(static r => r.Id, StringComparer.Ordinal);

    /// <summary>The rules, by id.</summary>
    public static IReadOnlyList<DiagnosticRule> All { get; } = new DiagnosticRule[]
    {
        new(XdrDiagnosticIds.SyntaxError, nameof(XdrDiagnosticIds.SyntaxError), "Syntax error", IdlSeverity.Error, SyntaxCategory, "Syntax error: unexpected {0}; expected {1}.", "{0} is the token found ('x' or 'end of file'), {1} the alternatives."),
        new(XdrDiagnosticIds.UnterminatedComment, nameof(XdrDiagnosticIds.UnterminatedComment), "Unterminated comment", IdlSeverity.Error, SyntaxCategory, "Comment is not closed; add '*/'.", ""),
        new(XdrDiagnosticIds.PreprocessorError, nameof(XdrDiagnosticIds.PreprocessorError), "Preprocessor error", IdlSeverity.Error, SyntaxCategory, "{0}", "an unbalanced or malformed conditional: '#else' without '#if', '#endif' without '#if', '#if' is not closed; add '#endif', 'cannot evaluate '#if {expr}'."),
        new(XdrDiagnosticIds.IncludeNotExpanded, nameof(XdrDiagnosticIds.IncludeNotExpanded), "Include not expanded", IdlSeverity.Warning, SyntaxCategory, "'#include {0}' is not expanded; definitions from that file are not part of this one.", ""),
        new(XdrDiagnosticIds.UnexpectedCharacter, nameof(XdrDiagnosticIds.UnexpectedCharacter), "Unexpected character", IdlSeverity.Error, SyntaxCategory, "Unexpected character '{0}'.", ""),
        new(ActionsDiagnosticIds.SyntaxError, nameof(ActionsDiagnosticIds.SyntaxError), "Syntax error", IdlSeverity.Error, SyntaxCategory, "Syntax error: {0}; expected {1}", ""),
        new(ActionsDiagnosticIds.UnknownArgumentKind, nameof(ActionsDiagnosticIds.UnknownArgumentKind), "Unknown argument kind", IdlSeverity.Error, SyntaxCategory, "Argument '{0}' of action '{1}' has unknown kind '{2}'; use one of {3}", ""),
        new(ActionsDiagnosticIds.UnknownOptionalArgumentKind, nameof(ActionsDiagnosticIds.UnknownOptionalArgumentKind), "Unknown optional argument kind", IdlSeverity.Error, SyntaxCategory, "Optional argument '{0}' of action '{1}' has unknown kind '{2}'; use one of {3}", ""),
        new(ActionsDiagnosticIds.UnknownReturnKind, nameof(ActionsDiagnosticIds.UnknownReturnKind), "Unknown return kind", IdlSeverity.Error, SyntaxCategory, "Action '{0}' has unknown return kind '{1}'; use one of {2}", ""),
        new(ActionsDiagnosticIds.UnknownClause, nameof(ActionsDiagnosticIds.UnknownClause), "Unknown clause", IdlSeverity.Error, SyntaxCategory, "Unknown clause '{0}' in action '{1}'; use one of {2}", ""),
        new(ActionsDiagnosticIds.UnknownFlag, nameof(ActionsDiagnosticIds.UnknownFlag), "Unknown flag", IdlSeverity.Error, SyntaxCategory, "Unknown flag '{0}' in action '{1}'; use one of {2}", ""),
        new(ActionsDiagnosticIds.DuplicateClause, nameof(ActionsDiagnosticIds.DuplicateClause), "Duplicate clause", IdlSeverity.Error, SyntaxCategory, "Clause '{0}' appears more than once in action '{1}'; keep one", ""),
        new(ActionsDiagnosticIds.InvalidClauseValue, nameof(ActionsDiagnosticIds.InvalidClauseValue), "Invalid clause value", IdlSeverity.Error, SyntaxCategory, "Clause '{0}' of action '{1}' expects {2}, not '{3}'", ""),
        new(ActionsDiagnosticIds.MissingGroup, nameof(ActionsDiagnosticIds.MissingGroup), "Missing group", IdlSeverity.Error, SyntaxCategory, "File '{0}' must start with exactly one 'group <name>' line; found {1}", ""),
        new(ActionsDiagnosticIds.MissingDocumentation, nameof(ActionsDiagnosticIds.MissingDocumentation), "Missing documentation", IdlSeverity.Error, SyntaxCategory, "Action '{0}' has no {1}; add a '{1}:' clause", ""),
        new(ActionsDiagnosticIds.UnknownStructFieldKind, nameof(ActionsDiagnosticIds.UnknownStructFieldKind), "Unknown struct field kind", IdlSeverity.Error, SyntaxCategory, "Field '{0}' of struct '{1}' has unknown kind '{2}'; use one of {3}", ""),
        new(ActionsDiagnosticIds.InvalidArgumentKindParameter, nameof(ActionsDiagnosticIds.InvalidArgumentKindParameter), "Invalid argument kind parameter", IdlSeverity.Error, SyntaxCategory, "Argument '{0}' of action '{1}': {2}", ""),
        new(ActionsDiagnosticIds.RangeOnNonIntegerArgument, nameof(ActionsDiagnosticIds.RangeOnNonIntegerArgument), "Range on a non-integer argument", IdlSeverity.Error, SyntaxCategory, "Argument '{0}' of action '{1}' is {2}, which cannot take a range; only Int, Int64, OInt and OInt64 arguments can", ""),
        new(ActionsDiagnosticIds.InvalidArgumentRange, nameof(ActionsDiagnosticIds.InvalidArgumentRange), "Invalid argument range", IdlSeverity.Error, SyntaxCategory, "Argument '{0}' of action '{1}' has the range '{2}', which {3}", ""),
        new(XdrDiagnosticIds.UndefinedName, nameof(XdrDiagnosticIds.UndefinedName), "Undefined name", IdlSeverity.Error, BindingCategory, "'{0}' is not defined; define it with 'const' or as an enum member.", ""),
        new(XdrDiagnosticIds.UndefinedType, nameof(XdrDiagnosticIds.UndefinedType), "Undefined type", IdlSeverity.Error, BindingCategory, "Type '{0}' is not defined; define it with 'struct', 'enum', 'union' or 'typedef'.", ""),
        new(XdrDiagnosticIds.DuplicateName, nameof(XdrDiagnosticIds.DuplicateName), "Duplicate name", IdlSeverity.Error, BindingCategory, "'{0}' is already defined at line {1}, column {2}.", ""),
        new(XdrDiagnosticIds.DuplicateField, nameof(XdrDiagnosticIds.DuplicateField), "Duplicate field", IdlSeverity.Error, BindingCategory, "'{0}' appears twice in '{1}'; field names must be unique.", ""),
        new(XdrDiagnosticIds.DuplicateEnumValue, nameof(XdrDiagnosticIds.DuplicateEnumValue), "Duplicate enum value", IdlSeverity.Warning, BindingCategory, "Enum '{0}': '{1}' has the value {2}, which '{3}' already has.", "a warning because C and rpcgen allow aliases (Debian's own 'nis_object.x' has them); treat it as an error where numbers must be unique. A member whose value is written as the name of another member of the same enum is a deliberate alias and is not reported."),
        new(XdrDiagnosticIds.DuplicateCaseLabel, nameof(XdrDiagnosticIds.DuplicateCaseLabel), "Duplicate case label", IdlSeverity.Error, BindingCategory, "Union '{0}': case {1} is already handled by case '{2}'.", ""),
        new(XdrDiagnosticIds.NotAnInteger, nameof(XdrDiagnosticIds.NotAnInteger), "Not an integer", IdlSeverity.Error, BindingCategory, "'{0}' is not an integer constant{1}.", "{1} explains (': it is a struct', ': it is a string', ': it does not fit in 64 bits' …)."),
        new(XdrDiagnosticIds.RecursiveType, nameof(XdrDiagnosticIds.RecursiveType), "Recursive type", IdlSeverity.Error, BindingCategory, "'{0}' contains itself through {1} without optional data; declare a field on the way with '*' or as a variable-length array '<>'.", ""),
        new(XdrDiagnosticIds.NonPositiveSize, nameof(XdrDiagnosticIds.NonPositiveSize), "Non-positive size", IdlSeverity.Error, BindingCategory, "The {0} of '{1}' must be positive, but it is {2}.", "{0} is 'size' or 'maximum size'."),
        new(XdrDiagnosticIds.CircularDefinition, nameof(XdrDiagnosticIds.CircularDefinition), "Circular definition", IdlSeverity.Error, BindingCategory, "'{0}' is defined in terms of itself.", "(constants or typedefs that refer to each other in a cycle)"),
        new(XdrDiagnosticIds.NotAType, nameof(XdrDiagnosticIds.NotAType), "Not a type", IdlSeverity.Error, BindingCategory, "'{0}' is {1}, not a type.", ""),
        new(XdrDiagnosticIds.TypeKindMismatch, nameof(XdrDiagnosticIds.TypeKindMismatch), "Type kind mismatch", IdlSeverity.Error, BindingCategory, "'{0} {1}' refers to {2}; write '{3}'.", "the keyword before a name does not match what the name is."),
        new(XdrDiagnosticIds.InvalidDeclaration, nameof(XdrDiagnosticIds.InvalidDeclaration), "Invalid declaration", IdlSeverity.Error, BindingCategory, "{0}", "a declaration XDR does not allow: 'string' needs a maximum in '<>': write 'string {1}<>', 'opaque' needs a size: write 'opaque {1}[n]' or 'opaque {1}<>', 'void' is only allowed in union arms and procedures', '{1}' cannot be an array of strings; use a typedef'."),
        new(XdrDiagnosticIds.InvalidDiscriminant, nameof(XdrDiagnosticIds.InvalidDiscriminant), "Invalid discriminant", IdlSeverity.Error, BindingCategory, "Union '{0}' switches on {1}; the discriminant must be int, unsigned int, bool or an enum.", ""),
        new(XdrDiagnosticIds.CaseLabelNotInEnum, nameof(XdrDiagnosticIds.CaseLabelNotInEnum), "Case label not in enum", IdlSeverity.Error, BindingCategory, "Union '{0}': case '{1}' is not a member of enum '{2}'.", ""),
        new(XdrDiagnosticIds.DuplicateNumber, nameof(XdrDiagnosticIds.DuplicateNumber), "Duplicate number", IdlSeverity.Error, BindingCategory, "{0} number {1} is used by both '{2}' and '{3}'.", "programs, versions of one program, procedures of one version."),
        new(XdrDiagnosticIds.ValueOutOfRange, nameof(XdrDiagnosticIds.ValueOutOfRange), "Value out of range", IdlSeverity.Error, BindingCategory, "Enum member '{0}' has the value {1}, which does not fit in a 32-bit int.", ""),
        new(ActionsDiagnosticIds.DuplicateActionName, nameof(ActionsDiagnosticIds.DuplicateActionName), "Duplicate action name", IdlSeverity.Error, BindingCategory, "Action '{0}' is already defined at {1}; action names must be unique", ""),
        new(ActionsDiagnosticIds.DuplicateProcedureNumber, nameof(ActionsDiagnosticIds.DuplicateProcedureNumber), "Duplicate procedure number", IdlSeverity.Error, BindingCategory, "Action '{0}' uses procedure number {1}, which action '{2}' already uses; procedure numbers must be unique", ""),
        new(ActionsDiagnosticIds.UnknownProcedure, nameof(ActionsDiagnosticIds.UnknownProcedure), "Unknown procedure", IdlSeverity.Error, BindingCategory, "Action '{0}' has procedure number {1}, but the protocol's procedure enum has no GUESTFS_PROC_{2}; add it to the .x", ""),
        new(ActionsDiagnosticIds.ProcedureNumberMismatch, nameof(ActionsDiagnosticIds.ProcedureNumberMismatch), "Procedure number mismatch", IdlSeverity.Error, BindingCategory, "Action '{0}' has procedure number {1}, but GUESTFS_PROC_{2} is {3} in the protocol; make them agree", ""),
        new(ActionsDiagnosticIds.ArgumentCountMismatch, nameof(ActionsDiagnosticIds.ArgumentCountMismatch), "Argument count mismatch", IdlSeverity.Error, BindingCategory, "Action '{0}' sends {1} value(s) (arguments without FileIn/FileOut, then optional arguments), but {2} has {3} field(s)", ""),
        new(ActionsDiagnosticIds.ArgumentNameMismatch, nameof(ActionsDiagnosticIds.ArgumentNameMismatch), "Argument name mismatch", IdlSeverity.Error, BindingCategory, "Value {0} of action '{1}' is '{2}', but field {0} of {3} is '{4}'; keep the same names in the same order", ""),
        new(ActionsDiagnosticIds.ArgumentTypeMismatch, nameof(ActionsDiagnosticIds.ArgumentTypeMismatch), "Argument type mismatch", IdlSeverity.Error, BindingCategory, "Argument '{0}' of action '{1}' is {2}, which travels as {3}, but field '{0}' of {4} is {5}", ""),
        new(ActionsDiagnosticIds.StreamArgumentInArgs, nameof(ActionsDiagnosticIds.StreamArgumentInArgs), "Stream argument in _args", IdlSeverity.Error, BindingCategory, "Argument '{0}' of action '{1}' is a {2} stream, which is sent as chunks and must not appear in {3}; remove the field", ""),
        new(ActionsDiagnosticIds.ReturnMismatch, nameof(ActionsDiagnosticIds.ReturnMismatch), "Return mismatch", IdlSeverity.Error, BindingCategory, "Action '{0}' returns {1}, which needs {2}, but the protocol has {3}", ""),
        new(ActionsDiagnosticIds.TooManyOptionalArguments, nameof(ActionsDiagnosticIds.TooManyOptionalArguments), "Too many optional arguments", IdlSeverity.Error, BindingCategory, "Action '{0}' has {1} optional arguments; at most 64 fit in the optargs bitmask", ""),
        new(ActionsDiagnosticIds.DuplicateArgumentName, nameof(ActionsDiagnosticIds.DuplicateArgumentName), "Duplicate argument name", IdlSeverity.Error, BindingCategory, "Action '{0}' declares '{1}' more than once; argument and optional-argument names must be unique", ""),
        new(ActionsDiagnosticIds.UnknownDeprecatedByTarget, nameof(ActionsDiagnosticIds.UnknownDeprecatedByTarget), "Unknown deprecated-by target", IdlSeverity.Error, BindingCategory, "Action '{0}' is deprecated by '{1}', which is not an action; name an existing action", ""),
        new(ActionsDiagnosticIds.ProcedureWithoutAction, nameof(ActionsDiagnosticIds.ProcedureWithoutAction), "Procedure without action", IdlSeverity.Error, BindingCategory, "Procedure {0} ({1}) of the protocol has no action; add one or declare it with 'unused-procedure {0} {1}'", ""),
        new(ActionsDiagnosticIds.UnknownReturnStruct, nameof(ActionsDiagnosticIds.UnknownReturnStruct), "Unknown return struct", IdlSeverity.Error, BindingCategory, "Action '{0}' returns struct '{1}', which is not declared; add a 'struct {1}' block", ""),
        new(ActionsDiagnosticIds.DuplicateStruct, nameof(ActionsDiagnosticIds.DuplicateStruct), "Duplicate struct", IdlSeverity.Error, BindingCategory, "Struct '{0}' is already declared at {1}", ""),
        new(ActionsDiagnosticIds.InvalidUnusedProcedure, nameof(ActionsDiagnosticIds.InvalidUnusedProcedure), "Invalid unused procedure", IdlSeverity.Error, BindingCategory, "Procedure '{0}' is declared unused, but {1}", ""),
        new(ActionsDiagnosticIds.DaemonActionMarker, nameof(ActionsDiagnosticIds.DaemonActionMarker), "Daemon action marker", IdlSeverity.Error, BindingCategory, "Action '{0}' is a daemon action (procedure {1}) and cannot be marked '{2}'; {3}", ""),
        new(ActionsDiagnosticIds.DuplicateCSharpName, nameof(ActionsDiagnosticIds.DuplicateCSharpName), "Duplicate C# name", IdlSeverity.Error, BindingCategory, "Action '{0}' has C# name '{1}', which action '{2}' already has; add a 'csharp-name' override", ""),
        new(ActionsDiagnosticIds.PublicStructMismatch, nameof(ActionsDiagnosticIds.PublicStructMismatch), "Public struct mismatch", IdlSeverity.Error, BindingCategory, "Struct '{0}' does not match {1} in the protocol: {2}", ""),
        new(ActionsDiagnosticIds.InvalidStreamArguments, nameof(ActionsDiagnosticIds.InvalidStreamArguments), "Invalid stream arguments", IdlSeverity.Error, BindingCategory, "Action '{0}': {1}", ""),
        new(GeneratorDiagnosticIds.UnsupportedXdrType, nameof(GeneratorDiagnosticIds.UnsupportedXdrType), "Unsupported XDR type", IdlSeverity.Error, BindingCategory, "{0}", "An XDR type the emitter cannot map."),
        new(GeneratorDiagnosticIds.InvalidCSharpName, nameof(GeneratorDiagnosticIds.InvalidCSharpName), "Invalid C# name", IdlSeverity.Error, BindingCategory, "{0}", "A name that does not become a valid or unique C# identifier."),
        new(GeneratorDiagnosticIds.WireStructureMismatch, nameof(GeneratorDiagnosticIds.WireStructureMismatch), "Wire structure mismatch", IdlSeverity.Error, BindingCategory, "{0}", "A daemon action whose wire structures do not fit its signature."),
        new(GeneratorDiagnosticIds.MissingProtocolFile, nameof(GeneratorDiagnosticIds.MissingProtocolFile), "Missing protocol file", IdlSeverity.Error, BindingCategory, "The actions table needs the protocol file: add guestfs_protocol.x to the AdditionalFiles", "No .x file among the additional files while actions are present."),
        new(GeneratorDiagnosticIds.UnimplementedLibraryAction, nameof(GeneratorDiagnosticIds.UnimplementedLibraryAction), "Library-side action not implemented", IdlSeverity.Warning, BindingCategory, "Library-side action '{0}' is public but gets no method: mark it 'flags runtime' and implement it in src/Guestfs, or say why it is left out with 'unsupported: <reason>'", ""),
        new(GeneratorDiagnosticIds.InternalError, nameof(GeneratorDiagnosticIds.InternalError), "Internal error", IdlSeverity.Error, InternalCategory, "The Guestfs generator failed unexpectedly ({0}); please report this with the input that caused it", "An unexpected exception inside the generator."),
    };

    /// <summary>The rule of an id.</summary>
    /// <param name="id">A rule id such as <c>GFS0201</c>.</param>
    /// <returns>The rule; <see cref="GeneratorDiagnosticIds.InternalError"/>'s for an id the table does not have.</returns>
    public static DiagnosticRule For(string id) =>
        s_byId.TryGetValue(id, out DiagnosticRule? rule) ? rule : s_byId[GeneratorDiagnosticIds.InternalError];
}

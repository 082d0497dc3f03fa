using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace Guestfs.Generator.Diagnostics;

/// <summary>
/// One descriptor per rule the IDL inputs can break. The message of every rule is the complete text the parser,
/// binder or validator wrote (<c>{0}</c>), which names the construct and says what to do; each property's
/// documentation repeats the rule's format from the id tables (<c>XdrDiagnosticIds</c>, <c>ActionsDiagnosticIds</c>,
/// <see cref="GeneratorDiagnosticIds"/>). Ids: GFS0001–0099 <c>.x</c> syntax, GFS0100–0199 actions syntax,
/// GFS0200–0299 binding and consistency, GFS0900 internal error.
/// </summary>
internal static class DiagnosticDescriptors
{
    private const string SyntaxCategory = "Guestfs.Idl.Syntax";
    private const string BindingCategory = "Guestfs.Idl.Binding";
    private const string InternalCategory = "Guestfs.Generator";

    /// <summary>GFS0001: Error. <c>Syntax error: unexpected {0}; expected {1}.</c> — {0} is the token found (<c>'x'</c> or <c>end of file</c>), {1} the alternatives.</summary>
    public static readonly DiagnosticDescriptor SyntaxError = new DiagnosticDescriptor(
        "GFS0001", "Syntax error", "{0}", SyntaxCategory, DiagnosticSeverity.Error, isEnabledByDefault: true);

    /// <summary>GFS0002: Error. <c>Comment is not closed; add '*/'.</c></summary>
    public static readonly DiagnosticDescriptor UnterminatedComment = new DiagnosticDescriptor(
        "GFS0002", "Unterminated comment", "{0}", SyntaxCategory, DiagnosticSeverity.Error, isEnabledByDefault: true);

    /// <summary>GFS0003: Error. <c>{0}</c> — an unbalanced or malformed conditional: <c>'#else' without '#if'</c>, <c>'#endif' without '#if'</c>, <c>'#if' is not closed; add '#endif'</c>, <c>cannot evaluate '#if {expr}'</c>.</summary>
    public static readonly DiagnosticDescriptor PreprocessorError = new DiagnosticDescriptor(
        "GFS0003", "Preprocessor error", "{0}", SyntaxCategory, DiagnosticSeverity.Error, isEnabledByDefault: true);

    /// <summary>GFS0004: Warning. <c>'#include {0}' is not expanded; definitions from that file are not part of this one.</c></summary>
    public static readonly DiagnosticDescriptor IncludeNotExpanded = new DiagnosticDescriptor(
        "GFS0004", "Include not expanded", "{0}", SyntaxCategory, DiagnosticSeverity.Error, isEnabledByDefault: true);

    /// <summary>GFS0005: Error. <c>Unexpected character '{0}'.</c></summary>
    public static readonly DiagnosticDescriptor UnexpectedCharacter = new DiagnosticDescriptor(
        "GFS0005", "Unexpected character", "{0}", SyntaxCategory, DiagnosticSeverity.Error, isEnabledByDefault: true);

    /// <summary>GFS0100: Syntax error. Format: <c>Syntax error: {0}; expected {1}</c>.</summary>
    public static readonly DiagnosticDescriptor ActionsSyntaxError = new DiagnosticDescriptor(
        "GFS0100", "Syntax error", "{0}", SyntaxCategory, DiagnosticSeverity.Error, isEnabledByDefault: true);

    /// <summary>GFS0101: Unknown argument kind. Format: <c>Argument '{0}' of action '{1}' has unknown kind '{2}'; use one of {3}</c>.</summary>
    public static readonly DiagnosticDescriptor UnknownArgumentKind = new DiagnosticDescriptor(
        "GFS0101", "Unknown argument kind", "{0}", SyntaxCategory, DiagnosticSeverity.Error, isEnabledByDefault: true);

    /// <summary>GFS0102: Unknown optional-argument kind. Format: <c>Optional argument '{0}' of action '{1}' has unknown kind '{2}'; use one of {3}</c>.</summary>
    public static readonly DiagnosticDescriptor UnknownOptionalArgumentKind = new DiagnosticDescriptor(
        "GFS0102", "Unknown optional argument kind", "{0}", SyntaxCategory, DiagnosticSeverity.Error, isEnabledByDefault: true);

    /// <summary>GFS0103: Unknown return kind. Format: <c>Action '{0}' has unknown return kind '{1}'; use one of {2}</c>.</summary>
    public static readonly DiagnosticDescriptor UnknownReturnKind = new DiagnosticDescriptor(
        "GFS0103", "Unknown return kind", "{0}", SyntaxCategory, DiagnosticSeverity.Error, isEnabledByDefault: true);

    /// <summary>GFS0104: Unknown clause. Format: <c>Unknown clause '{0}' in action '{1}'; use one of {2}</c>.</summary>
    public static readonly DiagnosticDescriptor UnknownClause = new DiagnosticDescriptor(
        "GFS0104", "Unknown clause", "{0}", SyntaxCategory, DiagnosticSeverity.Error, isEnabledByDefault: true);

    /// <summary>GFS0105: Unknown flag. Format: <c>Unknown flag '{0}' in action '{1}'; use one of {2}</c>.</summary>
    public static readonly DiagnosticDescriptor UnknownFlag = new DiagnosticDescriptor(
        "GFS0105", "Unknown flag", "{0}", SyntaxCategory, DiagnosticSeverity.Error, isEnabledByDefault: true);

    /// <summary>GFS0106: Clause given twice. Format: <c>Clause '{0}' appears more than once in action '{1}'; keep one</c>.</summary>
    public static readonly DiagnosticDescriptor DuplicateClause = new DiagnosticDescriptor(
        "GFS0106", "Duplicate clause", "{0}", SyntaxCategory, DiagnosticSeverity.Error, isEnabledByDefault: true);

    /// <summary>GFS0107: Clause value of the wrong shape. Format: <c>Clause '{0}' of action '{1}' expects {2}, not '{3}'</c>.</summary>
    public static readonly DiagnosticDescriptor InvalidClauseValue = new DiagnosticDescriptor(
        "GFS0107", "Invalid clause value", "{0}", SyntaxCategory, DiagnosticSeverity.Error, isEnabledByDefault: true);

    /// <summary>GFS0108: File without a (single) group line. Format: <c>File '{0}' must start with exactly one 'group &lt;name&gt;' line; found {1}</c>.</summary>
    public static readonly DiagnosticDescriptor MissingGroup = new DiagnosticDescriptor(
        "GFS0108", "Missing group", "{0}", SyntaxCategory, DiagnosticSeverity.Error, isEnabledByDefault: true);

    /// <summary>GFS0109: Summary or description missing. Format: <c>Action '{0}' has no {1}; add a '{1}:' clause</c>.</summary>
    public static readonly DiagnosticDescriptor MissingDocumentation = new DiagnosticDescriptor(
        "GFS0109", "Missing documentation", "{0}", SyntaxCategory, DiagnosticSeverity.Error, isEnabledByDefault: true);

    /// <summary>GFS0110: Unknown struct field kind. Format: <c>Field '{0}' of struct '{1}' has unknown kind '{2}'; use one of {3}</c>.</summary>
    public static readonly DiagnosticDescriptor UnknownStructFieldKind = new DiagnosticDescriptor(
        "GFS0110", "Unknown struct field kind", "{0}", SyntaxCategory, DiagnosticSeverity.Error, isEnabledByDefault: true);

    /// <summary>GFS0111: Kind parameter misuse. Format: <c>Argument '{0}' of action '{1}': {2}</c>.</summary>
    public static readonly DiagnosticDescriptor InvalidArgumentKindParameter = new DiagnosticDescriptor(
        "GFS0111", "Invalid argument kind parameter", "{0}", SyntaxCategory, DiagnosticSeverity.Error, isEnabledByDefault: true);

    /// <summary>GFS0112: Range constraint on an argument that is not an integer. Format: <c>Argument '{0}' of action '{1}' is {2}, which cannot take a range; only Int, Int64, OInt and OInt64 arguments can</c>.</summary>
    public static readonly DiagnosticDescriptor RangeOnNonIntegerArgument = new DiagnosticDescriptor(
        "GFS0112", "Range on a non-integer argument", "{0}", SyntaxCategory, DiagnosticSeverity.Error, isEnabledByDefault: true);

    /// <summary>GFS0113: Range constraint that makes no sense. Format: <c>Argument '{0}' of action '{1}' has the range '{2}', which {3}</c>.</summary>
    public static readonly DiagnosticDescriptor InvalidArgumentRange = new DiagnosticDescriptor(
        "GFS0113", "Invalid argument range", "{0}", SyntaxCategory, DiagnosticSeverity.Error, isEnabledByDefault: true);

    /// <summary>GFS0200: Error. <c>'{0}' is not defined; define it with 'const' or as an enum member.</c></summary>
    public static readonly DiagnosticDescriptor UndefinedName = new DiagnosticDescriptor(
        "GFS0200", "Undefined name", "{0}", BindingCategory, DiagnosticSeverity.Error, isEnabledByDefault: true);

    /// <summary>GFS0201: Error. <c>Type '{0}' is not defined; define it with 'struct', 'enum', 'union' or 'typedef'.</c></summary>
    public static readonly DiagnosticDescriptor UndefinedType = new DiagnosticDescriptor(
        "GFS0201", "Undefined type", "{0}", BindingCategory, DiagnosticSeverity.Error, isEnabledByDefault: true);

    /// <summary>GFS0202: Error. <c>'{0}' is already defined at line {1}, column {2}.</c></summary>
    public static readonly DiagnosticDescriptor DuplicateName = new DiagnosticDescriptor(
        "GFS0202", "Duplicate name", "{0}", BindingCategory, DiagnosticSeverity.Error, isEnabledByDefault: true);

    /// <summary>GFS0203: Error. <c>'{0}' appears twice in '{1}'; field names must be unique.</c></summary>
    public static readonly DiagnosticDescriptor DuplicateField = new DiagnosticDescriptor(
        "GFS0203", "Duplicate field", "{0}", BindingCategory, DiagnosticSeverity.Error, isEnabledByDefault: true);

    /// <summary>GFS0204: Warning. <c>Enum '{0}': '{1}' has the value {2}, which '{3}' already has.</c> — a warning because C and rpcgen allow aliases (Debian's own <c>nis_object.x</c> has them); treat it as an error where numbers must be unique. A member whose value is written as the name of another member of the same enum is a deliberate alias and is not reported.</summary>
    public static readonly DiagnosticDescriptor DuplicateEnumValue = new DiagnosticDescriptor(
        "GFS0204", "Duplicate enum value", "{0}", BindingCategory, DiagnosticSeverity.Error, isEnabledByDefault: true);

    /// <summary>GFS0205: Error. <c>Union '{0}': case {1} is already handled by case '{2}'.</c></summary>
    public static readonly DiagnosticDescriptor DuplicateCaseLabel = new DiagnosticDescriptor(
        "GFS0205", "Duplicate case label", "{0}", BindingCategory, DiagnosticSeverity.Error, isEnabledByDefault: true);

    /// <summary>GFS0206: Error. <c>'{0}' is not an integer constant{1}.</c> — {1} explains (<c>: it is a struct</c>, <c>: it is a string</c>, <c>: it does not fit in 64 bits</c> …).</summary>
    public static readonly DiagnosticDescriptor NotAnInteger = new DiagnosticDescriptor(
        "GFS0206", "Not an integer", "{0}", BindingCategory, DiagnosticSeverity.Error, isEnabledByDefault: true);

    /// <summary>GFS0207: Error. <c>'{0}' contains itself through {1} without optional data; declare a field on the way with '*' or as a variable-length array '&lt;&gt;'.</c></summary>
    public static readonly DiagnosticDescriptor RecursiveType = new DiagnosticDescriptor(
        "GFS0207", "Recursive type", "{0}", BindingCategory, DiagnosticSeverity.Error, isEnabledByDefault: true);

    /// <summary>GFS0208: Error. <c>The {0} of '{1}' must be positive, but it is {2}.</c> — {0} is <c>size</c> or <c>maximum size</c>.</summary>
    public static readonly DiagnosticDescriptor NonPositiveSize = new DiagnosticDescriptor(
        "GFS0208", "Non positive size", "{0}", BindingCategory, DiagnosticSeverity.Error, isEnabledByDefault: true);

    /// <summary>GFS0209: Error. <c>'{0}' is defined in terms of itself.</c> (constants or typedefs that refer to each other in a cycle)</summary>
    public static readonly DiagnosticDescriptor CircularDefinition = new DiagnosticDescriptor(
        "GFS0209", "Circular definition", "{0}", BindingCategory, DiagnosticSeverity.Error, isEnabledByDefault: true);

    /// <summary>GFS0210: Error. <c>'{0}' is {1}, not a type.</c></summary>
    public static readonly DiagnosticDescriptor NotAType = new DiagnosticDescriptor(
        "GFS0210", "Not atype", "{0}", BindingCategory, DiagnosticSeverity.Error, isEnabledByDefault: true);

    /// <summary>GFS0211: Error. <c>'{0} {1}' refers to {2}; write '{3}'.</c> — the keyword before a name does not match what the name is.</summary>
    public static readonly DiagnosticDescriptor TypeKindMismatch = new DiagnosticDescriptor(
        "GFS0211", "Type kind mismatch", "{0}", BindingCategory, DiagnosticSeverity.Error, isEnabledByDefault: true);

    /// <summary>GFS0212: Error. <c>{0}</c> — a declaration XDR does not allow: <c>'string' needs a maximum in '&lt;&gt;': write 'string {1}&lt;&gt;'</c>, <c>'opaque' needs a size: write 'opaque {1}[n]' or 'opaque {1}&lt;&gt;'</c>, <c>'void' is only allowed in union arms and procedures</c>, <c>'{1}' cannot be an array of strings; use a typedef</c>.</summary>
    public static readonly DiagnosticDescriptor InvalidDeclaration = new DiagnosticDescriptor(
        "GFS0212", "Invalid declaration", "{0}", BindingCategory, DiagnosticSeverity.Error, isEnabledByDefault: true);

    /// <summary>GFS0213: Error. <c>Union '{0}' switches on {1}; the discriminant must be int, unsigned int, bool or an enum.</c></summary>
    public static readonly DiagnosticDescriptor InvalidDiscriminant = new DiagnosticDescriptor(
        "GFS0213", "Invalid discriminant", "{0}", BindingCategory, DiagnosticSeverity.Error, isEnabledByDefault: true);

    /// <summary>GFS0214: Error. <c>Union '{0}': case '{1}' is not a member of enum '{2}'.</c></summary>
    public static readonly DiagnosticDescriptor CaseLabelNotInEnum = new DiagnosticDescriptor(
        "GFS0214", "Case label not in enum", "{0}", BindingCategory, DiagnosticSeverity.Error, isEnabledByDefault: true);

    /// <summary>GFS0215: Error. <c>{0} number {1} is used by both '{2}' and '{3}'.</c> — programs, versions of one program, procedures of one version.</summary>
    public static readonly DiagnosticDescriptor DuplicateNumber = new DiagnosticDescriptor(
        "GFS0215", "Duplicate number", "{0}", BindingCategory, DiagnosticSeverity.Error, isEnabledByDefault: true);

    /// <summary>GFS0216: Error. <c>Enum member '{0}' has the value {1}, which does not fit in a 32-bit int.</c></summary>
    public static readonly DiagnosticDescriptor ValueOutOfRange = new DiagnosticDescriptor(
        "GFS0216", "Value out of range", "{0}", BindingCategory, DiagnosticSeverity.Error, isEnabledByDefault: true);

    /// <summary>GFS0250: Two actions with one name. Format: <c>Action '{0}' is already defined at {1}; action names must be unique</c>.</summary>
    public static readonly DiagnosticDescriptor DuplicateActionName = new DiagnosticDescriptor(
        "GFS0250", "Duplicate action name", "{0}", BindingCategory, DiagnosticSeverity.Error, isEnabledByDefault: true);

    /// <summary>GFS0251: Two daemon actions with one procedure number. Format: <c>Action '{0}' uses procedure number {1}, which action '{2}' already uses; procedure numbers must be unique</c>.</summary>
    public static readonly DiagnosticDescriptor DuplicateProcedureNumber = new DiagnosticDescriptor(
        "GFS0251", "Duplicate procedure number", "{0}", BindingCategory, DiagnosticSeverity.Error, isEnabledByDefault: true);

    /// <summary>GFS0252: Daemon action without a procedure. Format: <c>Action '{0}' has procedure number {1}, but the protocol's procedure enum has no GUESTFS_PROC_{2}; add it to the .x</c>.</summary>
    public static readonly DiagnosticDescriptor UnknownProcedure = new DiagnosticDescriptor(
        "GFS0252", "Unknown procedure", "{0}", BindingCategory, DiagnosticSeverity.Error, isEnabledByDefault: true);

    /// <summary>GFS0253: Procedure number differs from the enum. Format: <c>Action '{0}' has procedure number {1}, but GUESTFS_PROC_{2} is {3} in the protocol; make them agree</c>.</summary>
    public static readonly DiagnosticDescriptor ProcedureNumberMismatch = new DiagnosticDescriptor(
        "GFS0253", "Procedure number mismatch", "{0}", BindingCategory, DiagnosticSeverity.Error, isEnabledByDefault: true);

    /// <summary>GFS0254: Wrong number of <c>_args</c> fields. Format: <c>Action '{0}' sends {1} value(s) (arguments without FileIn/FileOut, then optional arguments), but {2} has {3} field(s)</c>.</summary>
    public static readonly DiagnosticDescriptor ArgumentCountMismatch = new DiagnosticDescriptor(
        "GFS0254", "Argument count mismatch", "{0}", BindingCategory, DiagnosticSeverity.Error, isEnabledByDefault: true);

    /// <summary>GFS0255: Field name differs. Format: <c>Value {0} of action '{1}' is '{2}', but field {0} of {3} is '{4}'; keep the same names in the same order</c>.</summary>
    public static readonly DiagnosticDescriptor ArgumentNameMismatch = new DiagnosticDescriptor(
        "GFS0255", "Argument name mismatch", "{0}", BindingCategory, DiagnosticSeverity.Error, isEnabledByDefault: true);

    /// <summary>GFS0256: Incompatible XDR type. Format: <c>Argument '{0}' of action '{1}' is {2}, which travels as {3}, but field '{0}' of {4} is {5}</c>.</summary>
    public static readonly DiagnosticDescriptor ArgumentTypeMismatch = new DiagnosticDescriptor(
        "GFS0256", "Argument type mismatch", "{0}", BindingCategory, DiagnosticSeverity.Error, isEnabledByDefault: true);

    /// <summary>GFS0257: Stream argument in <c>_args</c>. Format: <c>Argument '{0}' of action '{1}' is a {2} stream, which is sent as chunks and must not appear in {3}; remove the field</c>.</summary>
    public static readonly DiagnosticDescriptor StreamArgumentInArgs = new DiagnosticDescriptor(
        "GFS0257", "Stream argument in args", "{0}", BindingCategory, DiagnosticSeverity.Error, isEnabledByDefault: true);

    /// <summary>GFS0258: <c>_ret</c> does not match the return kind. Format: <c>Action '{0}' returns {1}, which needs {2}, but the protocol has {3}</c>.</summary>
    public static readonly DiagnosticDescriptor ReturnMismatch = new DiagnosticDescriptor(
        "GFS0258", "Return mismatch", "{0}", BindingCategory, DiagnosticSeverity.Error, isEnabledByDefault: true);

    /// <summary>GFS0259: More than 64 optional arguments. Format: <c>Action '{0}' has {1} optional arguments; at most 64 fit in the optargs bitmask</c>.</summary>
    public static readonly DiagnosticDescriptor TooManyOptionalArguments = new DiagnosticDescriptor(
        "GFS0259", "Too many optional arguments", "{0}", BindingCategory, DiagnosticSeverity.Error, isEnabledByDefault: true);

    /// <summary>GFS0260: Argument name reused. Format: <c>Action '{0}' declares '{1}' more than once; argument and optional-argument names must be unique</c>.</summary>
    public static readonly DiagnosticDescriptor DuplicateArgumentName = new DiagnosticDescriptor(
        "GFS0260", "Duplicate argument name", "{0}", BindingCategory, DiagnosticSeverity.Error, isEnabledByDefault: true);

    /// <summary>GFS0261: Deprecated-by target missing. Format: <c>Action '{0}' is deprecated by '{1}', which is not an action; name an existing action</c>.</summary>
    public static readonly DiagnosticDescriptor UnknownDeprecatedByTarget = new DiagnosticDescriptor(
        "GFS0261", "Unknown deprecated by target", "{0}", BindingCategory, DiagnosticSeverity.Error, isEnabledByDefault: true);

    /// <summary>GFS0262: Procedure without action. Format: <c>Procedure {0} ({1}) of the protocol has no action; add one or declare it with 'unused-procedure {0} {1}'</c>.</summary>
    public static readonly DiagnosticDescriptor ProcedureWithoutAction = new DiagnosticDescriptor(
        "GFS0262", "Procedure without action", "{0}", BindingCategory, DiagnosticSeverity.Error, isEnabledByDefault: true);

    /// <summary>GFS0263: Unknown struct. Format: <c>Action '{0}' returns struct '{1}', which is not declared; add a 'struct {1}' block</c>.</summary>
    public static readonly DiagnosticDescriptor UnknownReturnStruct = new DiagnosticDescriptor(
        "GFS0263", "Unknown return struct", "{0}", BindingCategory, DiagnosticSeverity.Error, isEnabledByDefault: true);

    /// <summary>GFS0264: Struct declared twice. Format: <c>Struct '{0}' is already declared at {1}</c>.</summary>
    public static readonly DiagnosticDescriptor DuplicateStruct = new DiagnosticDescriptor(
        "GFS0264", "Duplicate struct", "{0}", BindingCategory, DiagnosticSeverity.Error, isEnabledByDefault: true);

    /// <summary>GFS0265: Unused-procedure declaration contradicts the protocol or the table. Format: <c>Procedure '{0}' is declared unused, but {1}</c>.</summary>
    public static readonly DiagnosticDescriptor InvalidUnusedProcedure = new DiagnosticDescriptor(
        "GFS0265", "Invalid unused procedure", "{0}", BindingCategory, DiagnosticSeverity.Error, isEnabledByDefault: true);

    /// <summary>GFS0266: Marker on the wrong kind of action. Format: <c>Action '{0}' is a daemon action (procedure {1}) and cannot be marked '{2}'; {3}</c>.</summary>
    public static readonly DiagnosticDescriptor DaemonActionMarker = new DiagnosticDescriptor(
        "GFS0266", "Daemon action marker", "{0}", BindingCategory, DiagnosticSeverity.Error, isEnabledByDefault: true);

    /// <summary>GFS0267: Two actions map to one C# name. Format: <c>Action '{0}' has C# name '{1}', which action '{2}' already has; add a 'csharp-name' override</c>.</summary>
    public static readonly DiagnosticDescriptor DuplicateCSharpName = new DiagnosticDescriptor(
        "GFS0267", "Duplicate csharp name", "{0}", BindingCategory, DiagnosticSeverity.Error, isEnabledByDefault: true);

    /// <summary>GFS0268: Public struct differs from its XDR structure. Format: <c>Struct '{0}' does not match {1} in the protocol: {2}</c>.</summary>
    public static readonly DiagnosticDescriptor PublicStructMismatch = new DiagnosticDescriptor(
        "GFS0268", "Public struct mismatch", "{0}", BindingCategory, DiagnosticSeverity.Error, isEnabledByDefault: true);

    /// <summary>GFS0269: More than one stream argument, or a stream argument on a library-side action. Format: <c>Action '{0}': {1}</c>.</summary>
    public static readonly DiagnosticDescriptor InvalidStreamArguments = new DiagnosticDescriptor(
        "GFS0269", "Invalid stream arguments", "{0}", BindingCategory, DiagnosticSeverity.Error, isEnabledByDefault: true);

    /// <summary>GFS0290: An XDR type the emitter cannot map. Format: <c>{0}</c>.</summary>
    public static readonly DiagnosticDescriptor UnsupportedXdrType = new DiagnosticDescriptor(
        "GFS0290", "Unsupported xdr type", "{0}", BindingCategory, DiagnosticSeverity.Error, isEnabledByDefault: true);

    /// <summary>GFS0291: A name that does not become a valid or unique C# identifier. Format: <c>{0}</c>.</summary>
    public static readonly DiagnosticDescriptor InvalidCSharpName = new DiagnosticDescriptor(
        "GFS0291", "Invalid csharp name", "{0}", BindingCategory, DiagnosticSeverity.Error, isEnabledByDefault: true);

    /// <summary>GFS0292: A daemon action whose wire structures do not fit its signature. Format: <c>{0}</c>.</summary>
    public static readonly DiagnosticDescriptor WireStructureMismatch = new DiagnosticDescriptor(
        "GFS0292", "Wire structure mismatch", "{0}", BindingCategory, DiagnosticSeverity.Error, isEnabledByDefault: true);

    /// <summary>GFS0293: No <c>.x</c> file among the additional files while actions are present. Format: <c>{0}</c>.</summary>
    public static readonly DiagnosticDescriptor MissingProtocolFile = new DiagnosticDescriptor(
        "GFS0293", "Missing protocol file", "{0}", BindingCategory, DiagnosticSeverity.Error, isEnabledByDefault: true);

    /// <summary>GFS0294: Warning. A public library-side action gets no method. Format: <c>Library-side action '{0}' is public but gets no method: mark it 'flags runtime' and implement it in src/Guestfs, or say why it is left out with 'unsupported: &lt;reason&gt;'</c>.</summary>
    public static readonly DiagnosticDescriptor UnimplementedLibraryAction = new DiagnosticDescriptor(
        "GFS0294", "Library-side action not implemented", "{0}", BindingCategory, DiagnosticSeverity.Warning, isEnabledByDefault: true);

    /// <summary>GFS0900: An unexpected exception inside the generator. Format: <c>{0}</c>.</summary>
    public static readonly DiagnosticDescriptor InternalError = new DiagnosticDescriptor(
        "GFS0900", "Internal error", "{0}", InternalCategory, DiagnosticSeverity.Error, isEnabledByDefault: true);

    private static readonly Dictionary<string, DiagnosticDescriptor> s_byId = BuildIndex();

    /// <summary>The descriptor for an id, or <see cref="InternalError"/> for an id this table does not know.</summary>
    /// <param name="id">The rule id.</param>
    /// <returns>The descriptor.</returns>
    public static DiagnosticDescriptor ForId(string id) => s_byId.TryGetValue(id, out DiagnosticDescriptor? d) ? d : InternalError;

    private static Dictionary<string, DiagnosticDescriptor> BuildIndex() => new()
    {
        [SyntaxError.Id] = SyntaxError,
        [UnterminatedComment.Id] = UnterminatedComment,
        [PreprocessorError.Id] = PreprocessorError,
        [IncludeNotExpanded.Id] = IncludeNotExpanded,
        [UnexpectedCharacter.Id] = UnexpectedCharacter,
        [ActionsSyntaxError.Id] = ActionsSyntaxError,
        [UnknownArgumentKind.Id] = UnknownArgumentKind,
        [UnknownOptionalArgumentKind.Id] = UnknownOptionalArgumentKind,
        [UnknownReturnKind.Id] = UnknownReturnKind,
        [UnknownClause.Id] = UnknownClause,
        [UnknownFlag.Id] = UnknownFlag,
        [DuplicateClause.Id] = DuplicateClause,
        [InvalidClauseValue.Id] = InvalidClauseValue,
        [MissingGroup.Id] = MissingGroup,
        [MissingDocumentation.Id] = MissingDocumentation,
        [UnknownStructFieldKind.Id] = UnknownStructFieldKind,
        [InvalidArgumentKindParameter.Id] = InvalidArgumentKindParameter,
        [RangeOnNonIntegerArgument.Id] = RangeOnNonIntegerArgument,
        [InvalidArgumentRange.Id] = InvalidArgumentRange,
        [UndefinedName.Id] = UndefinedName,
        [UndefinedType.Id] = UndefinedType,
        [DuplicateName.Id] = DuplicateName,
        [DuplicateField.Id] = DuplicateField,
        [DuplicateEnumValue.Id] = DuplicateEnumValue,
        [DuplicateCaseLabel.Id] = DuplicateCaseLabel,
        [NotAnInteger.Id] = NotAnInteger,
        [RecursiveType.Id] = RecursiveType,
        [NonPositiveSize.Id] = NonPositiveSize,
        [CircularDefinition.Id] = CircularDefinition,
        [NotAType.Id] = NotAType,
        [TypeKindMismatch.Id] = TypeKindMismatch,
        [InvalidDeclaration.Id] = InvalidDeclaration,
        [InvalidDiscriminant.Id] = InvalidDiscriminant,
        [CaseLabelNotInEnum.Id] = CaseLabelNotInEnum,
        [DuplicateNumber.Id] = DuplicateNumber,
        [ValueOutOfRange.Id] = ValueOutOfRange,
        [DuplicateActionName.Id] = DuplicateActionName,
        [DuplicateProcedureNumber.Id] = DuplicateProcedureNumber,
        [UnknownProcedure.Id] = UnknownProcedure,
        [ProcedureNumberMismatch.Id] = ProcedureNumberMismatch,
        [ArgumentCountMismatch.Id] = ArgumentCountMismatch,
        [ArgumentNameMismatch.Id] = ArgumentNameMismatch,
        [ArgumentTypeMismatch.Id] = ArgumentTypeMismatch,
        [StreamArgumentInArgs.Id] = StreamArgumentInArgs,
        [ReturnMismatch.Id] = ReturnMismatch,
        [TooManyOptionalArguments.Id] = TooManyOptionalArguments,
        [DuplicateArgumentName.Id] = DuplicateArgumentName,
        [UnknownDeprecatedByTarget.Id] = UnknownDeprecatedByTarget,
        [ProcedureWithoutAction.Id] = ProcedureWithoutAction,
        [UnknownReturnStruct.Id] = UnknownReturnStruct,
        [DuplicateStruct.Id] = DuplicateStruct,
        [InvalidUnusedProcedure.Id] = InvalidUnusedProcedure,
        [DaemonActionMarker.Id] = DaemonActionMarker,
        [DuplicateCSharpName.Id] = DuplicateCSharpName,
        [PublicStructMismatch.Id] = PublicStructMismatch,
        [InvalidStreamArguments.Id] = InvalidStreamArguments,
        [UnsupportedXdrType.Id] = UnsupportedXdrType,
        [InvalidCSharpName.Id] = InvalidCSharpName,
        [WireStructureMismatch.Id] = WireStructureMismatch,
        [MissingProtocolFile.Id] = MissingProtocolFile,
        [UnimplementedLibraryAction.Id] = UnimplementedLibraryAction,
        [InternalError.Id] = InternalError,
    };
}

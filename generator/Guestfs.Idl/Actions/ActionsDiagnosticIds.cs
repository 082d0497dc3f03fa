namespace Guestfs.Idl.Actions;

/// <summary>
/// The stable ids of the diagnostics the actions table can produce: <c>GFS0100</c>–<c>GFS0199</c> for the syntax and
/// vocabulary of <c>idl/actions/*.actions</c>, <c>GFS0250</c>–<c>GFS0299</c> for consistency checks (within the table and
/// against the <c>.x</c> protocol). Each constant's documentation quotes its message format; <c>{0}</c>… are filled in
/// by <see cref="ActionsDiagnostics"/>.
/// </summary>
public static class ActionsDiagnosticIds
{
    /// <summary>Syntax error. Format: <c>Syntax error: {0}; expected {1}</c>.</summary>
    public const string SyntaxError = "GFS0100";

    /// <summary>Unknown argument kind. Format: <c>Argument '{0}' of action '{1}' has unknown kind '{2}'; use one of {3}</c>.</summary>
    public const string UnknownArgumentKind = "GFS0101";

    /// <summary>Unknown optional-argument kind. Format: <c>Optional argument '{0}' of action '{1}' has unknown kind '{2}'; use one of {3}</c>.</summary>
    public const string UnknownOptionalArgumentKind = "GFS0102";

    /// <summary>Unknown return kind. Format: <c>Action '{0}' has unknown return kind '{1}'; use one of {2}</c>.</summary>
    public const string UnknownReturnKind = "GFS0103";

    /// <summary>Unknown clause. Format: <c>Unknown clause '{0}' in action '{1}'; use one of {2}</c>.</summary>
    public const string UnknownClause = "GFS0104";

    /// <summary>Unknown flag. Format: <c>Unknown flag '{0}' in action '{1}'; use one of {2}</c>.</summary>
    public const string UnknownFlag = "GFS0105";

    /// <summary>Clause given twice. Format: <c>Clause '{0}' appears more than once in action '{1}'; keep one</c>.</summary>
    public const string DuplicateClause = "GFS0106";

    /// <summary>Clause value of the wrong shape. Format: <c>Clause '{0}' of action '{1}' expects {2}, not '{3}'</c>.</summary>
    public const string InvalidClauseValue = "GFS0107";

    /// <summary>File without a (single) group line. Format: <c>File '{0}' must start with exactly one 'group &lt;name&gt;' line; found {1}</c>.</summary>
    public const string MissingGroup = "GFS0108";

    /// <summary>Summary or description missing. Format: <c>Action '{0}' has no {1}; add a '{1}:' clause</c>.</summary>
    public const string MissingDocumentation = "GFS0109";

    /// <summary>Unknown struct field kind. Format: <c>Field '{0}' of struct '{1}' has unknown kind '{2}'; use one of {3}</c>.</summary>
    public const string UnknownStructFieldKind = "GFS0110";

    /// <summary>Kind parameter misuse. Format: <c>Argument '{0}' of action '{1}': {2}</c>.</summary>
    public const string InvalidArgumentKindParameter = "GFS0111";

    /// <summary>Range constraint on an argument that is not an integer. Format: <c>Argument '{0}' of action '{1}' is {2}, which cannot take a range; only Int, Int64, OInt and OInt64 arguments can</c>.</summary>
    public const string RangeOnNonIntegerArgument = "GFS0112";

    /// <summary>Range constraint that makes no sense. Format: <c>Argument '{0}' of action '{1}' has the range '{2}', which {3}</c>.</summary>
    public const string InvalidArgumentRange = "GFS0113";

    /// <summary>Two actions with one name. Format: <c>Action '{0}' is already defined at {1}; action names must be unique</c>.</summary>
    public const string DuplicateActionName = "GFS0250";

    /// <summary>Two daemon actions with one procedure number. Format: <c>Action '{0}' uses procedure number {1}, which action '{2}' already uses; procedure numbers must be unique</c>.</summary>
    public const string DuplicateProcedureNumber = "GFS0251";

    /// <summary>Daemon action without a procedure. Format: <c>Action '{0}' has procedure number {1}, but the protocol's procedure enum has no GUESTFS_PROC_{2}; add it to the .x</c>.</summary>
    public const string UnknownProcedure = "GFS0252";

    /// <summary>Procedure number differs from the enum. Format: <c>Action '{0}' has procedure number {1}, but GUESTFS_PROC_{2} is {3} in the protocol; make them agree</c>.</summary>
    public const string ProcedureNumberMismatch = "GFS0253";

    /// <summary>Wrong number of <c>_args</c> fields. Format: <c>Action '{0}' sends {1} value(s) (arguments without FileIn/FileOut, then optional arguments), but {2} has {3} field(s)</c>.</summary>
    public const string ArgumentCountMismatch = "GFS0254";

    /// <summary>Field name differs. Format: <c>Value {0} of action '{1}' is '{2}', but field {0} of {3} is '{4}'; keep the same names in the same order</c>.</summary>
    public const string ArgumentNameMismatch = "GFS0255";

    /// <summary>Incompatible XDR type. Format: <c>Argument '{0}' of action '{1}' is {2}, which travels as {3}, but field '{0}' of {4} is {5}</c>.</summary>
    public const string ArgumentTypeMismatch = "GFS0256";

    /// <summary>Stream argument in <c>_args</c>. Format: <c>Argument '{0}' of action '{1}' is a {2} stream, which is sent as chunks and must not appear in {3}; remove the field</c>.</summary>
    public const string StreamArgumentInArgs = "GFS0257";

    /// <summary><c>_ret</c> does not match the return kind. Format: <c>Action '{0}' returns {1}, which needs {2}, but the protocol has {3}</c>.</summary>
    public const string ReturnMismatch = "GFS0258";

    /// <summary>More than 64 optional arguments. Format: <c>Action '{0}' has {1} optional arguments; at most 64 fit in the optargs bitmask</c>.</summary>
    public const string TooManyOptionalArguments = "GFS0259";

    /// <summary>Argument name reused. Format: <c>Action '{0}' declares '{1}' more than once; argument and optional-argument names must be unique</c>.</summary>
    public const string DuplicateArgumentName = "GFS0260";

    /// <summary>Deprecated-by target missing. Format: <c>Action '{0}' is deprecated by '{1}', which is not an action; name an existing action</c>.</summary>
    public const string UnknownDeprecatedByTarget = "GFS0261";

    /// <summary>Procedure without action. Format: <c>Procedure {0} ({1}) of the protocol has no action; add one or declare it with 'unused-procedure {0} {1}'</c>.</summary>
    public const string ProcedureWithoutAction = "GFS0262";

    /// <summary>Unknown struct. Format: <c>Action '{0}' returns struct '{1}', which is not declared; add a 'struct {1}' block</c>.</summary>
    public const string UnknownReturnStruct = "GFS0263";

    /// <summary>Struct declared twice. Format: <c>Struct '{0}' is already declared at {1}</c>.</summary>
    public const string DuplicateStruct = "GFS0264";

    /// <summary>Unused-procedure declaration contradicts the protocol or the table. Format: <c>Procedure '{0}' is declared unused, but {1}</c>.</summary>
    public const string InvalidUnusedProcedure = "GFS0265";

    /// <summary>Marker on the wrong kind of action. Format: <c>Action '{0}' is a daemon action (procedure {1}) and cannot be marked '{2}'; {3}</c>.</summary>
    public const string DaemonActionMarker = "GFS0266";

    /// <summary>Two actions map to one C# name. Format: <c>Action '{0}' has C# name '{1}', which action '{2}' already has; add a 'csharp-name' override</c>.</summary>
    public const string DuplicateCSharpName = "GFS0267";

    /// <summary>Public struct differs from its XDR structure. Format: <c>Struct '{0}' does not match {1} in the protocol: {2}</c>.</summary>
    public const string PublicStructMismatch = "GFS0268";

    /// <summary>More than one stream argument, or a stream argument on a library-side action. Format: <c>Action '{0}': {1}</c>.</summary>
    public const string InvalidStreamArguments = "GFS0269";
}

namespace Guestfs.Idl.Actions;

/// <summary>
/// The stable ids of the diagnostics the actions table can produce: <c>GFS0100</c>–<c>GFS0199</c> for the syntax and
/// vocabulary of <c>idl/actions/*.actions</c>, <c>GFS0250</c>–<c>GFS0299</c> for consistency checks (within the table and
/// against the <c>.x</c> protocol). Each id's severity, message format and description are in <see cref="Common.DiagnosticRules"/>.
/// </summary>
public static class ActionsDiagnosticIds
{
    /// <summary>Syntax error.</summary>
    public const string SyntaxError = "GFS0100";

    /// <summary>Unknown argument kind.</summary>
    public const string UnknownArgumentKind = "GFS0101";

    /// <summary>Unknown optional argument kind.</summary>
    public const string UnknownOptionalArgumentKind = "GFS0102";

    /// <summary>Unknown return kind.</summary>
    public const string UnknownReturnKind = "GFS0103";

    /// <summary>Unknown clause.</summary>
    public const string UnknownClause = "GFS0104";

    /// <summary>Unknown flag.</summary>
    public const string UnknownFlag = "GFS0105";

    /// <summary>Duplicate clause.</summary>
    public const string DuplicateClause = "GFS0106";

    /// <summary>Invalid clause value.</summary>
    public const string InvalidClauseValue = "GFS0107";

    /// <summary>Missing group.</summary>
    public const string MissingGroup = "GFS0108";

    /// <summary>Missing documentation.</summary>
    public const string MissingDocumentation = "GFS0109";

    /// <summary>Unknown struct field kind.</summary>
    public const string UnknownStructFieldKind = "GFS0110";

    /// <summary>Invalid argument kind parameter.</summary>
    public const string InvalidArgumentKindParameter = "GFS0111";

    /// <summary>Range on a non-integer argument.</summary>
    public const string RangeOnNonIntegerArgument = "GFS0112";

    /// <summary>Invalid argument range.</summary>
    public const string InvalidArgumentRange = "GFS0113";

    /// <summary>Duplicate action name.</summary>
    public const string DuplicateActionName = "GFS0250";

    /// <summary>Duplicate procedure number.</summary>
    public const string DuplicateProcedureNumber = "GFS0251";

    /// <summary>Unknown procedure.</summary>
    public const string UnknownProcedure = "GFS0252";

    /// <summary>Procedure number mismatch.</summary>
    public const string ProcedureNumberMismatch = "GFS0253";

    /// <summary>Argument count mismatch.</summary>
    public const string ArgumentCountMismatch = "GFS0254";

    /// <summary>Argument name mismatch.</summary>
    public const string ArgumentNameMismatch = "GFS0255";

    /// <summary>Argument type mismatch.</summary>
    public const string ArgumentTypeMismatch = "GFS0256";

    /// <summary>Stream argument in _args.</summary>
    public const string StreamArgumentInArgs = "GFS0257";

    /// <summary>Return mismatch.</summary>
    public const string ReturnMismatch = "GFS0258";

    /// <summary>Too many optional arguments.</summary>
    public const string TooManyOptionalArguments = "GFS0259";

    /// <summary>Duplicate argument name.</summary>
    public const string DuplicateArgumentName = "GFS0260";

    /// <summary>Unknown deprecated-by target.</summary>
    public const string UnknownDeprecatedByTarget = "GFS0261";

    /// <summary>Procedure without action.</summary>
    public const string ProcedureWithoutAction = "GFS0262";

    /// <summary>Unknown return struct.</summary>
    public const string UnknownReturnStruct = "GFS0263";

    /// <summary>Duplicate struct.</summary>
    public const string DuplicateStruct = "GFS0264";

    /// <summary>Invalid unused procedure.</summary>
    public const string InvalidUnusedProcedure = "GFS0265";

    /// <summary>Daemon action marker.</summary>
    public const string DaemonActionMarker = "GFS0266";

    /// <summary>Duplicate C# name.</summary>
    public const string DuplicateCSharpName = "GFS0267";

    /// <summary>Public struct mismatch.</summary>
    public const string PublicStructMismatch = "GFS0268";

    /// <summary>Invalid stream arguments.</summary>
    public const string InvalidStreamArguments = "GFS0269";
}

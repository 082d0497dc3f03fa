namespace Guestfs.Idl.Xdr;

/// <summary>
/// The diagnostic ids reported for <c>.x</c> files. <c>GFS0001</c>–<c>GFS0099</c> come from
/// <see cref="XdrParser"/> (syntax), <c>GFS0200</c>–<c>GFS0249</c> from <see cref="XdrBinder"/> (names, values,
/// types). Each id's severity, message format and description are in <see cref="Common.DiagnosticRules"/>.
/// </summary>
public static class XdrDiagnosticIds
{
    /// <summary>Syntax error.</summary>
    public const string SyntaxError = "GFS0001";

    /// <summary>Unterminated comment.</summary>
    public const string UnterminatedComment = "GFS0002";

    /// <summary>Preprocessor error.</summary>
    public const string PreprocessorError = "GFS0003";

    /// <summary>Include not expanded.</summary>
    public const string IncludeNotExpanded = "GFS0004";

    /// <summary>Unexpected character.</summary>
    public const string UnexpectedCharacter = "GFS0005";

    /// <summary>Undefined name.</summary>
    public const string UndefinedName = "GFS0200";

    /// <summary>Undefined type.</summary>
    public const string UndefinedType = "GFS0201";

    /// <summary>Duplicate name.</summary>
    public const string DuplicateName = "GFS0202";

    /// <summary>Duplicate field.</summary>
    public const string DuplicateField = "GFS0203";

    /// <summary>Duplicate enum value.</summary>
    public const string DuplicateEnumValue = "GFS0204";

    /// <summary>Duplicate case label.</summary>
    public const string DuplicateCaseLabel = "GFS0205";

    /// <summary>Not an integer.</summary>
    public const string NotAnInteger = "GFS0206";

    /// <summary>Recursive type.</summary>
    public const string RecursiveType = "GFS0207";

    /// <summary>Non-positive size.</summary>
    public const string NonPositiveSize = "GFS0208";

    /// <summary>Circular definition.</summary>
    public const string CircularDefinition = "GFS0209";

    /// <summary>Not a type.</summary>
    public const string NotAType = "GFS0210";

    /// <summary>Type kind mismatch.</summary>
    public const string TypeKindMismatch = "GFS0211";

    /// <summary>Invalid declaration.</summary>
    public const string InvalidDeclaration = "GFS0212";

    /// <summary>Invalid discriminant.</summary>
    public const string InvalidDiscriminant = "GFS0213";

    /// <summary>Case label not in enum.</summary>
    public const string CaseLabelNotInEnum = "GFS0214";

    /// <summary>Duplicate number.</summary>
    public const string DuplicateNumber = "GFS0215";

    /// <summary>Value out of range.</summary>
    public const string ValueOutOfRange = "GFS0216";
}

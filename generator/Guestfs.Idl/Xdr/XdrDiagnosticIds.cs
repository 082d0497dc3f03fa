namespace Guestfs.Idl.Xdr;

/// <summary>
/// The diagnostic ids reported for <c>.x</c> files. <c>GFS0001</c>–<c>GFS0099</c> come from
/// <see cref="XdrParser"/> (syntax), <c>GFS0200</c>–<c>GFS0249</c> from <see cref="XdrBinder"/> (names, values,
/// types). Each constant's documentation quotes its message format; <c>{0}</c>… are filled in.
/// </summary>
public static class XdrDiagnosticIds
{
    /// <summary>Error. <c>Syntax error: unexpected {0}; expected {1}.</c> — {0} is the token found (<c>'x'</c> or <c>end of file</c>), {1} the alternatives.</summary>
    public const string SyntaxError = "GFS0001";

    /// <summary>Error. <c>Comment is not closed; add '*/'.</c></summary>
    public const string UnterminatedComment = "GFS0002";

    /// <summary>Error. <c>{0}</c> — an unbalanced or malformed conditional: <c>'#else' without '#if'</c>, <c>'#endif' without '#if'</c>, <c>'#if' is not closed; add '#endif'</c>, <c>cannot evaluate '#if {expr}'</c>.</summary>
    public const string PreprocessorError = "GFS0003";

    /// <summary>Warning. <c>'#include {0}' is not expanded; definitions from that file are not part of this one.</c></summary>
    public const string IncludeNotExpanded = "GFS0004";

    /// <summary>Error. <c>Unexpected character '{0}'.</c></summary>
    public const string UnexpectedCharacter = "GFS0005";

    /// <summary>Error. <c>'{0}' is not defined; define it with 'const' or as an enum member.</c></summary>
    public const string UndefinedName = "GFS0200";

    /// <summary>Error. <c>Type '{0}' is not defined; define it with 'struct', 'enum', 'union' or 'typedef'.</c></summary>
    public const string UndefinedType = "GFS0201";

    /// <summary>Error. <c>'{0}' is already defined at line {1}, column {2}.</c></summary>
    public const string DuplicateName = "GFS0202";

    /// <summary>Error. <c>'{0}' appears twice in '{1}'; field names must be unique.</c></summary>
    public const string DuplicateField = "GFS0203";

    /// <summary>
    /// Warning. <c>Enum '{0}': '{1}' has the value {2}, which '{3}' already has.</c> — a warning because C and
    /// rpcgen allow aliases (Debian's own <c>nis_object.x</c> has them); treat it as an error where numbers must be unique.
    /// A member whose value is written as the name of another member of the same enum is a deliberate alias and is not reported.
    /// </summary>
    public const string DuplicateEnumValue = "GFS0204";

    /// <summary>Error. <c>Union '{0}': case {1} is already handled by case '{2}'.</c></summary>
    public const string DuplicateCaseLabel = "GFS0205";

    /// <summary>Error. <c>'{0}' is not an integer constant{1}.</c> — {1} explains (<c>: it is a struct</c>, <c>: it is a string</c>, <c>: it does not fit in 64 bits</c> …).</summary>
    public const string NotAnInteger = "GFS0206";

    /// <summary>Error. <c>'{0}' contains itself through {1} without optional data; declare a field on the way with '*' or as a variable-length array '&lt;&gt;'.</c></summary>
    public const string RecursiveType = "GFS0207";

    /// <summary>Error. <c>The {0} of '{1}' must be positive, but it is {2}.</c> — {0} is <c>size</c> or <c>maximum size</c>.</summary>
    public const string NonPositiveSize = "GFS0208";

    /// <summary>Error. <c>'{0}' is defined in terms of itself.</c> (constants or typedefs that refer to each other in a cycle)</summary>
    public const string CircularDefinition = "GFS0209";

    /// <summary>Error. <c>'{0}' is {1}, not a type.</c></summary>
    public const string NotAType = "GFS0210";

    /// <summary>Error. <c>'{0} {1}' refers to {2}; write '{3}'.</c> — the keyword before a name does not match what the name is.</summary>
    public const string TypeKindMismatch = "GFS0211";

    /// <summary>Error. <c>{0}</c> — a declaration XDR does not allow: <c>'string' needs a maximum in '&lt;&gt;': write 'string {1}&lt;&gt;'</c>, <c>'opaque' needs a size: write 'opaque {1}[n]' or 'opaque {1}&lt;&gt;'</c>, <c>'void' is only allowed in union arms and procedures</c>, <c>'{1}' cannot be an array of strings; use a typedef</c>.</summary>
    public const string InvalidDeclaration = "GFS0212";

    /// <summary>Error. <c>Union '{0}' switches on {1}; the discriminant must be int, unsigned int, bool or an enum.</c></summary>
    public const string InvalidDiscriminant = "GFS0213";

    /// <summary>Error. <c>Union '{0}': case '{1}' is not a member of enum '{2}'.</c></summary>
    public const string CaseLabelNotInEnum = "GFS0214";

    /// <summary>Error. <c>{0} number {1} is used by both '{2}' and '{3}'.</c> — programs, versions of one program, procedures of one version.</summary>
    public const string DuplicateNumber = "GFS0215";

    /// <summary>Error. <c>Enum member '{0}' has the value {1}, which does not fit in a 32-bit int.</c></summary>
    public const string ValueOutOfRange = "GFS0216";
}

namespace Guestfs.Idl.Common;

/// <summary>
/// Ids of the diagnostics the generator itself raises while binding the parsed IDL to its output model
/// (<c>GFS0290</c>–<c>GFS0299</c>) and for internal failures (<c>GFS0900</c>).
/// </summary>
public static class GeneratorDiagnosticIds
{
    /// <summary>Unsupported XDR type.</summary>
    public const string UnsupportedXdrType = "GFS0290";

    /// <summary>Invalid C# name.</summary>
    public const string InvalidCSharpName = "GFS0291";

    /// <summary>Wire structure mismatch.</summary>
    public const string WireStructureMismatch = "GFS0292";

    /// <summary>Missing protocol file.</summary>
    public const string MissingProtocolFile = "GFS0293";

    /// <summary>Library-side action not implemented.</summary>
    public const string UnimplementedLibraryAction = "GFS0294";

    /// <summary>Internal error.</summary>
    public const string InternalError = "GFS0900";
}

namespace Guestfs.Generator.Diagnostics;

/// <summary>
/// Ids of the diagnostics the generator itself raises while binding the parsed IDL to its output model
/// (<c>GFS0290</c>–<c>GFS0299</c>) and for internal failures (<c>GFS0900</c>).
/// </summary>
internal static class GeneratorDiagnosticIds
{
    /// <summary>An XDR type the emitter cannot map. Format: <c>{0}</c>.</summary>
    public const string UnsupportedXdrType = "GFS0290";

    /// <summary>A name that does not become a valid or unique C# identifier. Format: <c>{0}</c>.</summary>
    public const string InvalidCSharpName = "GFS0291";

    /// <summary>A daemon action whose wire structures do not fit its signature. Format: <c>{0}</c>.</summary>
    public const string WireStructureMismatch = "GFS0292";

    /// <summary>No <c>.x</c> file among the additional files while actions are present. Format: <c>{0}</c>.</summary>
    public const string MissingProtocolFile = "GFS0293";

    /// <summary>An unexpected exception inside the generator. Format: <c>{0}</c>.</summary>
    public const string InternalError = "GFS0900";
}

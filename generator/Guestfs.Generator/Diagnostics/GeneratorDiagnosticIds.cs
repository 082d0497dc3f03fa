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

    /// <summary>A public library-side action that is neither implemented by the runtime nor declared unsupported, so no
    /// method is generated for it (a warning). Format: <c>Library-side action '{0}' is public but gets no method: mark it
    /// 'flags runtime' and implement it in src/Guestfs, or say why it is left out with 'unsupported: &lt;reason&gt;'</c>.</summary>
    public const string UnimplementedLibraryAction = "GFS0294";

    /// <summary>An unexpected exception inside the generator. Format: <c>{0}</c>.</summary>
    public const string InternalError = "GFS0900";
}

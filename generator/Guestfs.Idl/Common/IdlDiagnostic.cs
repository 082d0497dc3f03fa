namespace Guestfs.Idl.Common;

/// <summary>How serious an <see cref="IdlDiagnostic"/> is.</summary>
public enum IdlSeverity
{
    /// <summary>Worth attention; generation continues.</summary>
    Warning,

    /// <summary>The input is wrong; what depends on it is not generated.</summary>
    Error,
}

/// <summary>
/// A problem found in an IDL input. Ids are <c>GFS</c> + four digits: 0001–0099 for the <c>.x</c> syntax,
/// 0100–0199 for the actions-table syntax, 0200–0299 for binding and consistency checks, 0900 for an internal
/// error. The generator maps each id to a Roslyn descriptor.
/// </summary>
/// <param name="Id">The stable rule id, e.g. <c>GFS0201</c>.</param>
/// <param name="Severity">Warning or error.</param>
/// <param name="Message">The complete message, naming the construct and saying what to do.</param>
/// <param name="Location">Where in the input.</param>
public sealed record IdlDiagnostic(string Id, IdlSeverity Severity, string Message, IdlLocation Location)
{
    /// <summary>A diagnostic with the severity its rule in <see cref="DiagnosticRules"/> gives it.</summary>
    /// <param name="id">The rule id.</param>
    /// <param name="message">The complete message.</param>
    /// <param name="location">Where in the input.</param>
    /// <returns>The diagnostic.</returns>
    public static IdlDiagnostic Create(string id, string message, IdlLocation location) =>
        new(id, DiagnosticRules.For(id).Severity, message, location);

    /// <inheritdoc />
    public override string ToString() => $"{Location}: {(Severity == IdlSeverity.Error ? "error" : "warning")} {Id}: {Message}";
}

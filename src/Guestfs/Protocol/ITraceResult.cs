namespace Guestfs.Protocol;

/// <summary>
/// An action's <c>_ret</c> record that formats its result for the reply's trace line. The generator implements it
/// on every <c>_ret</c> record, so tracing needs no reflection.
/// </summary>
internal interface ITraceResult
{
    /// <summary>The result as libguestfs's trace line shows it after <c>= </c>.</summary>
    /// <returns>The text.</returns>
    string FormatTraceResult();
}

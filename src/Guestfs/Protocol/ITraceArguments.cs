namespace Guestfs.Protocol;

/// <summary>
/// An action's <c>_args</c> record that formats itself for the call's trace line. The generator implements it on
/// every <c>_args</c> record, so tracing needs no reflection.
/// </summary>
internal interface ITraceArguments
{
    /// <summary>The arguments as libguestfs's trace line shows them (<c>"/dev/sda1" "/"</c>).</summary>
    /// <returns>The arguments separated by spaces; empty when there are none.</returns>
    string FormatTraceArguments();
}

namespace Guestfs.Backends.Direct;

/// <summary>How a helper program ended.</summary>
/// <param name="ExitCode">Its exit code (-1 when it was killed for running too long).</param>
/// <param name="StandardOutput">Everything it wrote to standard output.</param>
/// <param name="StandardError">Everything it wrote to standard error.</param>
/// <param name="TimedOut">Whether it was killed for running too long.</param>
internal sealed record ProcessResult(int ExitCode, string StandardOutput, string StandardError, bool TimedOut);

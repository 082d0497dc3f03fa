namespace Guestfs.ApplianceTests;

internal sealed record ProcessOutcome(int ExitCode, string StandardOutput, string Output);

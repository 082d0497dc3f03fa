namespace Guestfs.Tests.Xdr.Reference;

/// <summary>What a run of the reference program produced.</summary>
internal sealed record ProgramResult(int ExitCode, byte[] Output, string Error)
{
    public string OutputText => System.Text.Encoding.UTF8.GetString(Output);
}

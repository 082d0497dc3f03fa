namespace Guestfs.ApplianceTests;

/// <summary>The end-to-end session with snapshot launch turned off (backend setting <c>snapshot=0</c>): a normal boot.</summary>
public sealed class NormalBootEndToEndSession : EndToEndSession
{
    public NormalBootEndToEndSession()
        : base(snapshot: false)
    {
    }
}

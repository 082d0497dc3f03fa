namespace Guestfs.ApplianceTests;

/// <summary>The end-to-end suite with snapshot launch off: a normal boot.</summary>
[Collection(ApplianceCollection.Name)]
[Trait("Category", "Appliance")]
public sealed class NormalBootEndToEndTests : EndToEndTests, IClassFixture<NormalBootEndToEndSession>
{
    public NormalBootEndToEndTests(NormalBootEndToEndSession session)
        : base(session)
    {
    }
}

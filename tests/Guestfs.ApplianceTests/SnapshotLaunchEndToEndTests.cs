namespace Guestfs.ApplianceTests;

/// <summary>The end-to-end suite on the default launch: a restored appliance snapshot.</summary>
[Collection(ApplianceCollection.Name)]
[Trait("Category", "Appliance")]
public sealed class SnapshotLaunchEndToEndTests : EndToEndTests, IClassFixture<EndToEndSession>
{
    public SnapshotLaunchEndToEndTests(EndToEndSession session)
        : base(session)
    {
    }
}

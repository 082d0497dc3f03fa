namespace Guestfs.ApplianceTests;

[CollectionDefinition(Name)]
public sealed class ApplianceCollection : ICollectionFixture<ApplianceFixture>
{
    public const string Name = "Appliance";
}

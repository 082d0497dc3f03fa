using System.Collections.Generic;
using Guestfs.Backends.Direct;

namespace Guestfs.Tests.Backends;

/// <summary>The one reading of the snapshot-launch switches: environment variable and backend settings.</summary>
public sealed class SnapshotSettingsTests
{
    [Theory]
    [InlineData("0", "1", false)]       // the environment's "off" wins over the setting
    [InlineData("1", null, true)]
    [InlineData("1", "0", false)]
    [InlineData(null, "0", false)]
    [InlineData(null, "1", true)]
    [InlineData(null, null, SnapshotSettings.DefaultEnabled)]
    public void Read_EnvironmentAndSetting_DecideTogether(string? variable, string? setting, bool enabled)
    {
        var settings = new Dictionary<string, string>();
        if (setting is not null)
        {
            settings[SnapshotSettings.Setting] = setting;
        }

        SnapshotSettings read = SnapshotSettings.Read(settings, name => name == SnapshotSettings.EnvironmentVariable ? variable : null);

        Assert.Equal(enabled, read.Enabled);
        Assert.NotEmpty(read.Reason);
    }
}

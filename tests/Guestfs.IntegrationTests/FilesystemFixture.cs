using System;
using System.Threading.Tasks;

namespace Guestfs.IntegrationTests;

/// <summary>
/// One fenced guestfsd for the class, with /dev/sda partitioned (mbr), an ext4 filesystem on /dev/sda1
/// mounted on /. Shared by the tests of <see cref="StockDaemonFilesystemTests"/>.
/// </summary>
public sealed class FilesystemFixture : IAsyncLifetime
{
    private GuestfsdHost? _host;

    internal GuestfsHandle Handle { get; private set; } = null!;

    internal GuestfsdHost Host => _host!;

    public async Task InitializeAsync()
    {
        _host = await GuestfsdHost.StartAsync(sizeMb: 1024);
        Handle = await _host.LaunchAsync();
        await Handle.PartDiskAsync("/dev/sda", "mbr");
        await Handle.MkfsAsync("ext4", "/dev/sda1");
        await Handle.MountAsync("/dev/sda1", "/");
    }

    public async Task DisposeAsync()
    {
        if (Handle is not null)
        {
            await Handle.DisposeAsync();
        }

        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }
}

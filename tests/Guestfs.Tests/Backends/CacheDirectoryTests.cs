using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Threading.Tasks;
using Guestfs.Backends;
using Guestfs.Backends.Direct;

namespace Guestfs.Tests.Backends;

/// <summary>
/// The per-user cache and the snapshot store are refused when another local user could have written them:
/// a directory owned by someone else, writable by group or others, or a symbolic link. Lock files and markers
/// in them are never followed through a planted symbolic link.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class CacheDirectoryTests : IDisposable
{
    private const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode WorldWritable = (UnixFileMode)0x1FF; // 0777

    private readonly string _root = Directory.CreateTempSubdirectory("guestfs-cache-test-").FullName;

    private string PerUser => Path.Combine(_root, ApplianceLocator.CacheDirectoryPrefix + NativeMethods.GetEffectiveUserId().ToString(CultureInfo.InvariantCulture));

    public void Dispose() => Directory.Delete(_root, recursive: true);

    /// <summary>Makes <paramref name="path"/> look like another user's: owned by nobody (when we can chown) and mode 0777.</summary>
    internal static void Plant(string path)
    {
        Directory.CreateDirectory(path);
        File.SetUnixFileMode(path, WorldWritable);
        if (NativeMethods.GetEffectiveUserId() == 0)
        {
            using Process chown = Process.Start("chown", ["nobody", path])!;
            chown.WaitForExit();
            Assert.Equal(0, chown.ExitCode);
        }
    }

    private LaunchParameters Parameters() => new() { Drives = [], CacheDirectory = _root };

    [Fact]
    public async Task Locate_PerUserCacheOwnedByAnotherUserAndWorldWritable_RefusedNamingPathOwnerAndModeAndNothingWritten()
    {
        Plant(PerUser);

        GuestfsLaunchException e = await Assert.ThrowsAnyAsync<GuestfsLaunchException>(() => ApplianceLocator.LocateAsync(Parameters(), new NullSink(), default));

        Assert.IsType<UnsafeDirectoryException>(e);
        Assert.Contains(PerUser, e.Message, StringComparison.Ordinal);
        Assert.Contains("mode 0777", e.Message, StringComparison.Ordinal);
        Assert.Contains("owned by uid", e.Message, StringComparison.Ordinal);
        Assert.Contains("GUESTFS_CACHEDIR", e.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(PerUser));
    }

    [Fact]
    public async Task Locate_PerUserCacheIsASymbolicLink_Refused()
    {
        string elsewhere = Directory.CreateDirectory(Path.Combine(_root, "elsewhere")).FullName;
        File.SetUnixFileMode(elsewhere, Private);
        File.CreateSymbolicLink(PerUser, elsewhere);

        GuestfsLaunchException e = await Assert.ThrowsAnyAsync<GuestfsLaunchException>(() => ApplianceLocator.LocateAsync(Parameters(), new NullSink(), default));

        Assert.IsType<UnsafeDirectoryException>(e);
        Assert.Contains("symbolic link", e.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(elsewhere));
    }

    [Fact]
    public void SnapshotStore_OwnedByAnotherUser_Refused()
    {
        ApplianceFiles appliance = FakeCachedAppliance();
        Plant(Path.Combine(PerUser, "snapshot.d"));

        Exception? e = Record.Exception(() => SnapshotLauncher.Create(appliance, Parameters(), "sh", kvm: false, new NullSink()));

        Assert.IsType<UnsafeDirectoryException>(e);
        Assert.Contains(Path.Combine(PerUser, "snapshot.d"), e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SnapshotStore_CreatedPrivate()
    {
        ApplianceFiles appliance = FakeCachedAppliance();

        SnapshotLauncher? snapshot = SnapshotLauncher.Create(appliance, Parameters(), "sh", kvm: false, new NullSink());

        Assert.NotNull(snapshot);
        Assert.Equal(Private, File.GetUnixFileMode(snapshot.SnapshotRoot));
    }

    [Fact]
    public void FailedSaveMarker_PlantedSymbolicLink_NotFollowed()
    {
        SnapshotLauncher snapshot = SnapshotLauncher.Create(FakeCachedAppliance(), Parameters(), "sh", kvm: false, new NullSink())!;
        Directory.CreateDirectory(snapshot.SnapshotRoot);
        string victim = Path.Combine(_root, "victim");
        File.WriteAllText(victim, "precious");
        File.CreateSymbolicLink(snapshot.FailedSavePath, victim);

        snapshot.RecordSaveFailure("qemu said no");

        Assert.Equal("precious", File.ReadAllText(victim));
    }

    [Fact]
    public async Task SaveLock_PlantedSymbolicLink_NotFollowed()
    {
        ApplianceFiles appliance = FakeCachedAppliance();
        SnapshotLauncher snapshot = SnapshotLauncher.Create(appliance, Parameters(), "sh", kvm: false, new NullSink())!;
        Directory.CreateDirectory(snapshot.Directory);
        foreach (string file in new[] { snapshot.StatePath, snapshot.OverlayPath, snapshot.RamPath })
        {
            File.WriteAllText(file, string.Empty);
        }

        string victim = Path.Combine(_root, "created-through-the-lock");
        File.CreateSymbolicLink(Path.Combine(snapshot.SnapshotRoot, snapshot.Key + ".lock"), victim);

        try
        {
            await snapshot.CreateAsync(appliance, Parameters(), "sh", kvm: false, new NullSink(), _ => { }, default);
        }
        catch (IOException)
        {
            // Refusing the lock is fine; following it is not.
        }

        Assert.False(File.Exists(victim));
    }

    private ApplianceFiles FakeCachedAppliance()
    {
        string directory = Path.Combine(PerUser, "appliance.d");
        Directory.CreateDirectory(directory);
        File.SetUnixFileMode(PerUser, Private);
        foreach (string name in new[] { "kernel", "initrd", "root", "checksum" })
        {
            File.WriteAllText(Path.Combine(directory, name), name);
        }

        return new ApplianceFiles(directory, Path.Combine(directory, "kernel"), Path.Combine(directory, "initrd"), Path.Combine(directory, "root"), "uuid", IsFixed: false);
    }

    private sealed class NullSink : IBackendEventSink
    {
        public List<string> Debug { get; } = [];

        public void OnDebug(string message) => Debug.Add(message);

        public void OnWarning(string message) => Debug.Add(message);

        public void OnApplianceOutput(string text)
        {
        }
    }
}

using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace Guestfs.Tools.Tests;

/// <summary>
/// The Fedora-like (<see cref="RpmGuestImage"/>) and Windows-like (<see cref="WindowsGuestImage"/>) guest images,
/// each built the first time a test asks for it and kept for the rest of the test run in one scratch directory
/// (removed at the end). A test skips when the host lacks a program the build needs.
/// </summary>
public sealed class RpmAndWindowsImages : IAsyncLifetime
{
    private readonly Lazy<Task<string>> _fedora;
    private readonly Lazy<Task<string>> _windows;

    /// <summary>Creates the scratch directory; nothing is built until asked for.</summary>
    public RpmAndWindowsImages()
    {
        _fedora = new Lazy<Task<string>>(() => RpmGuestImage.BuildAsync(Directory), LazyThreadSafetyMode.ExecutionAndPublication);
        _windows = new Lazy<Task<string>>(() => WindowsGuestImage.BuildAsync(Directory), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>The scratch directory holding the images and what their builds made.</summary>
    public string Directory { get; } = System.IO.Directory.CreateTempSubdirectory("guestfs-rpm-windows-images-").FullName;

    /// <summary>The Fedora-like image; skips the test when the host cannot build it.</summary>
    public Task<string> FedoraAsync()
    {
        Skip.IfNot(RpmGuestImage.HostCanBuild, "the RPM-based guest needs rpmbuild and rpm (Debian package rpm) and tar");
        return _fedora.Value;
    }

    /// <summary>The Windows-like image; skips the test when the host cannot build it.</summary>
    public Task<string> WindowsAsync()
    {
        Skip.IfNot(WindowsGuestImage.HostCanBuild, "the Windows-like guest needs hivexregedit (Debian package libwin-hivex-perl)");
        return _windows.Value;
    }

    /// <inheritdoc/>
    public Task InitializeAsync() => Task.CompletedTask;

    /// <inheritdoc/>
    public Task DisposeAsync()
    {
        System.IO.Directory.Delete(Directory, recursive: true);
        return Task.CompletedTask;
    }
}

/// <summary>The test classes that share <see cref="RpmAndWindowsImages"/> (and so run one after another).</summary>
[CollectionDefinition(Name)]
public sealed class RpmAndWindowsImagesCollection : ICollectionFixture<RpmAndWindowsImages>
{
    /// <summary>The collection's name.</summary>
    public const string Name = "RpmAndWindowsImages";
}

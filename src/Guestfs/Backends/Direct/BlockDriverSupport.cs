using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.ComponentModel;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;

namespace Guestfs.Backends.Direct;

/// <summary>
/// Checks, before qemu starts, that it has the block driver of every network drive: the driver is in the list
/// <c>qemu-img --help</c> prints (built-in and module drivers), and in a modular build its module file is installed.
/// </summary>
internal static class BlockDriverSupport
{
    private static readonly ConcurrentDictionary<string, IReadOnlySet<string>?> s_drivers = new(StringComparer.Ordinal);

    /// <summary>Throws <see cref="BlockDriverUnavailableException"/> for the first network drive qemu cannot open.</summary>
    /// <param name="drives">The drives.</param>
    /// <param name="hypervisor">The qemu binary.</param>
    /// <param name="cancellationToken">Cancels running qemu-img.</param>
    /// <returns>A task that completes when every protocol is available.</returns>
    public static async Task CheckAsync(IReadOnlyList<DriveSpec> drives, string hypervisor, CancellationToken cancellationToken)
    {
        if (!drives.Any(d => d.Remote is not null))
        {
            return;
        }

        string qemuImg = SnapshotLauncher.QemuImg(hypervisor);
        if (!s_drivers.TryGetValue(qemuImg, out IReadOnlySet<string>? drivers))
        {
            drivers = await ListDriversAsync(qemuImg, cancellationToken).ConfigureAwait(false);
            s_drivers[qemuImg] = drivers;
        }

        IReadOnlyList<string> moduleDirectories = ModuleDirectories(hypervisor);
        foreach (DriveSpec drive in drives)
        {
            if (drive.Remote is { } remote && Check(remote.Protocol, drivers, moduleDirectories) is { } missing)
            {
                throw missing;
            }
        }
    }

    /// <summary>Whether qemu can open <paramref name="protocol"/>.</summary>
    /// <param name="protocol">The protocol.</param>
    /// <param name="drivers">The drivers qemu-img lists, or <see langword="null"/> when unknown (not checked).</param>
    /// <param name="moduleDirectories">Where this qemu's module files are; empty for a build without modules.</param>
    /// <returns>The error to raise, or <see langword="null"/> when the driver is there.</returns>
    internal static BlockDriverUnavailableException? Check(string protocol, IReadOnlySet<string>? drivers, IReadOnlyList<string> moduleDirectories)
    {
        string driver = RemoteDriveOptions.DriverName(protocol);
        if (drivers is not null && !drivers.Contains(driver))
        {
            return new BlockDriverUnavailableException(protocol, null,
                $"launch: this qemu has no '{driver}' block driver, so {protocol} drives cannot be opened " +
                "(qemu 6.0 removed the sheepdog and tftp drivers; other drivers depend on how qemu was built)");
        }

        if (RemoteDriveOptions.ModuleName(protocol) is { } module && moduleDirectories.Count > 0
            && !moduleDirectories.Any(d => File.Exists(Path.Combine(d, module))))
        {
            return new BlockDriverUnavailableException(protocol, module,
                $"launch: qemu's '{driver}' block driver module {module} is not installed (looked in {string.Join(", ", moduleDirectories)}), " +
                $"so {protocol} drives cannot be opened. Install it (Debian: apt-get install qemu-block-extra).");
        }

        return null;
    }

    /// <summary>
    /// The directories where this qemu keeps its modules, if it is a modular build (a directory with <c>*.so</c>
    /// modules exists): <c>PREFIX/lib/TRIPLET/qemu</c>, <c>PREFIX/lib64/qemu</c> or <c>PREFIX/lib/qemu</c> beside
    /// the binary's <c>PREFIX/bin</c>, and the binary's own directory.
    /// </summary>
    /// <param name="hypervisor">The qemu binary (a bare name is looked up on PATH).</param>
    /// <returns>The directories; empty when qemu has no modules.</returns>
    internal static IReadOnlyList<string> ModuleDirectories(string hypervisor)
    {
        string? binary = hypervisor.Contains('/', StringComparison.Ordinal) ? hypervisor : FindOnPath(hypervisor);
        string bin = Path.GetDirectoryName(binary is null ? "/usr/bin/qemu" : Path.GetFullPath(binary)) ?? "/usr/bin";
        string prefix = Path.GetDirectoryName(bin) ?? "/usr";
        string triplet = RuntimeInformation.OSArchitecture switch
        {
            Architecture.Arm64 => "aarch64-linux-gnu",
            Architecture.X86 => "i386-linux-gnu",
            _ => "x86_64-linux-gnu",
        };
        string[] candidates = [Path.Combine(prefix, "lib", triplet, "qemu"), Path.Combine(prefix, "lib64", "qemu"), Path.Combine(prefix, "lib", "qemu"), bin];
        return candidates.Where(d => Directory.Exists(d) && Directory.EnumerateFiles(d, "*.so").Any(f => IsModuleName(Path.GetFileName(f)))).ToList();
    }

    /// <summary>Reads the driver list from <c>qemu-img --help</c> ("Supported formats: a b c").</summary>
    /// <param name="help">The help text.</param>
    /// <returns>The drivers, or <see langword="null"/> when the line is missing.</returns>
    internal static IReadOnlySet<string>? ParseDrivers(string help)
    {
        const string Prefix = "Supported formats:";
        foreach (string line in help.Split('\n'))
        {
            if (line.StartsWith(Prefix, StringComparison.Ordinal))
            {
                return line[Prefix.Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal);
            }
        }

        return null;
    }

    private static bool IsModuleName(string name) =>
        name.StartsWith("block-", StringComparison.Ordinal) || name.StartsWith("accel-", StringComparison.Ordinal)
        || name.StartsWith("hw-", StringComparison.Ordinal) || name.StartsWith("ui-", StringComparison.Ordinal)
        || name.StartsWith("audio-", StringComparison.Ordinal);

    private static async Task<IReadOnlySet<string>?> ListDriversAsync(string qemuImg, CancellationToken cancellationToken)
    {
        try
        {
            ProcessResult result = await ProcessRunner.RunAsync(qemuImg, ["--help"], TimeSpan.FromSeconds(30), null, null, cancellationToken).ConfigureAwait(false);
            return ParseDrivers(result.StandardOutput);
        }
        catch (Win32Exception)
        {
            return null;    // no qemu-img: qemu's own error will name the driver
        }
    }

    private static string? FindOnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "/usr/local/bin:/usr/bin:/bin")
            .Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(d => Path.Combine(d, program))
            .FirstOrDefault(File.Exists);
}

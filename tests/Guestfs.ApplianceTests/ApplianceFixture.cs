using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Threading.Tasks;
using Guestfs.Backends;
using Guestfs.Backends.Direct;

namespace Guestfs.ApplianceTests;

/// <summary>
/// Shared by the appliance tests: makes sure our appliance is built (once), and holds a scratch directory.
/// </summary>
public sealed class ApplianceFixture : IAsyncLifetime
{
    public string RepositoryRoot { get; } = RepositoryPaths.Root;

    public string ScratchDirectory { get; } = Directory.CreateTempSubdirectory("guestfs-appliance-tests-").FullName;

    public string ApplianceDirectory { get; private set; } = string.Empty;

    public async Task InitializeAsync()
    {
        ProcessOutcome build = await RunAsync("bash", [Path.Combine(RepositoryRoot, "appliance", "build.sh")], TimeSpan.FromMinutes(30));
        Assert.True(build.ExitCode == 0, "appliance/build.sh failed:\n" + build.Output);
        ApplianceDirectory = build.StandardOutput.Trim().Split('\n')[^1];
        Assert.True(File.Exists(Path.Combine(ApplianceDirectory, "root")), "no root in " + ApplianceDirectory);
    }

    public Task DisposeAsync()
    {
        Directory.Delete(ScratchDirectory, recursive: true);
        return Task.CompletedTask;
    }

    public string CreateScratchDisk(string name, long megabytes)
    {
        string path = Path.Combine(ScratchDirectory, name);
        using var file = new FileStream(path, FileMode.Create, FileAccess.Write);
        file.SetLength(megabytes * 1024 * 1024);
        return path;
    }

    /// <summary>
    /// A 64 MiB scratch disk made, in a session of its own, into an MBR partition holding an LVM physical volume with
    /// volume group <paramref name="volumeGroup"/> and a 16 MiB logical volume <c>lv0</c>.
    /// </summary>
    public async Task<string> CreateVolumeGroupDiskAsync(string name, string volumeGroup, GuestfsOptions options)
    {
        string disk = CreateScratchDisk(name, 64);
        await using var g = new GuestfsHandle(options);
        await g.AddDriveAsync(disk, new AddDriveOptions { Format = "raw" });
        await g.LaunchAsync();
        await g.PartDiskAsync("/dev/sda", "mbr");
        await g.PvcreateAsync("/dev/sda1");
        await g.VgcreateAsync(volumeGroup, ["/dev/sda1"]);
        await g.LvcreateAsync("lv0", volumeGroup, 16);
        await g.ShutdownAsync();
        return disk;
    }

    internal static LaunchParameters TcgParameters(IReadOnlyList<DriveSpec> drives, string? path = null) => new()
    {
        Drives = drives,
        MemsizeMb = 768,
        Path = path,
        BackendSettings = new Dictionary<string, string> { ["force_tcg"] = "1" },
        LaunchTimeout = TimeSpan.FromMinutes(3),
    };

    internal static async Task<ProcessOutcome> RunAsync(string program, IEnumerable<string> arguments, TimeSpan timeout,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        ProcessResult result = await ProcessRunner.RunAsync(program, arguments, timeout, null, environment, default);
        return new ProcessOutcome(result.ExitCode, result.StandardOutput, result.StandardOutput + result.StandardError);
    }

    /// <summary>
    /// Runs the built gfish in a process of its own (for what only a process's environment chooses: the appliance
    /// recipe, the cache directory, the snapshot setting): direct backend under TCG, with neither
    /// <c>LIBGUESTFS_PATH</c> nor <c>LIBGUESTFS_CACHEDIR</c> from this process, and <paramref name="environment"/> on top.
    /// </summary>
    /// <param name="arguments">gfish's arguments.</param>
    /// <param name="environment">Variables to set.</param>
    /// <param name="timeout">How long it may run before it is killed and the call throws.</param>
    /// <returns>Its exit code, standard output, and standard output followed by standard error.</returns>
    internal Task<ProcessOutcome> RunGfishAsync(IEnumerable<string> arguments, IReadOnlyDictionary<string, string> environment, TimeSpan timeout)
    {
        var variables = new Dictionary<string, string?>
        {
            ["LIBGUESTFS_BACKEND"] = "direct",
            ["LIBGUESTFS_BACKEND_SETTINGS"] = "force_tcg",
            ["LIBGUESTFS_PATH"] = null,
            ["LIBGUESTFS_CACHEDIR"] = null,
        };
        foreach ((string name, string value) in environment)
        {
            variables[name] = value;
        }

        return RunProcessAsync(
            "dotnet", [Path.Combine(RepositoryRoot, "src", "Gfish", "bin", "Release", "net10.0", "gfish.dll"), .. arguments], variables, timeout);
    }

    /// <summary>Runs a program to its end, killing it (and its children) when it outlives <paramref name="timeout"/>.</summary>
    /// <param name="program">The program.</param>
    /// <param name="arguments">Its arguments.</param>
    /// <param name="environment">Variables to set on top of this process's; a null value removes the variable.</param>
    /// <param name="timeout">How long it may run before it is killed and the call throws <see cref="TimeoutException"/>.</param>
    /// <param name="directory">Its working directory, or <see langword="null"/> for this process's.</param>
    /// <returns>Its exit code, standard output, and standard output followed by standard error.</returns>
    internal static async Task<ProcessOutcome> RunProcessAsync(string program, IEnumerable<string> arguments,
        IReadOnlyDictionary<string, string?> environment, TimeSpan timeout, string? directory = null)
    {
        var start = new ProcessStartInfo(program, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (directory is not null)
        {
            start.WorkingDirectory = directory;
        }

        foreach ((string name, string? value) in environment)
        {
            if (value is null)
            {
                start.Environment.Remove(name);
            }
            else
            {
                start.Environment[name] = value;
            }
        }

        using Process process = Process.Start(start)!;
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        try
        {
            await process.WaitForExitAsync().WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        string output = await stdout;
        return new ProcessOutcome(process.ExitCode, output, output + await stderr);
    }

    internal static bool IsRunning(int pid)
    {
        try
        {
            using Process process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}

using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace Gfish.Tests.Fakes;

/// <summary>A handle with the shape of the generated Guestfs.GuestfsHandle methods, recording its calls (called through <see cref="FakeSession"/>).</summary>
internal sealed class FakeHandle : IAsyncDisposable
{
    public List<string> Calls { get; } = [];

    public Dictionary<string, string> Files { get; } = new(StringComparer.Ordinal);

    public int Memsize { get; private set; } = 768;

    public bool Disposed { get; private set; }

    public Task SetMemsizeAsync(int memsize, CancellationToken cancellationToken = default)
    {
        Calls.Add($"set_memsize {memsize}");
        if (memsize < 256)
        {
            throw new FakeGuestfsException("too small value for memsize (must be at least 256)", null);
        }

        Memsize = memsize;
        return Task.CompletedTask;
    }

    public Task<int> GetMemsizeAsync(CancellationToken cancellationToken = default) => Task.FromResult(Memsize);

    public Task<bool> SetVerboseAsync(bool verbose, CancellationToken cancellationToken = default)
    {
        Calls.Add($"set_verbose {verbose}");
        return Task.FromResult(verbose);
    }

    public Task SetTraceAsync(bool trace, CancellationToken cancellationToken = default)
    {
        Calls.Add($"set_trace {trace}");
        return Task.CompletedTask;
    }

    public Task AddDriveAsync(string filename, FakeAddDriveOptions? options = null, CancellationToken cancellationToken = default)
    {
        Calls.Add($"add_drive {filename} readonly={options?.Readonly} format={options?.Format}");
        return Task.CompletedTask;
    }

    public Task WriteAsync(string path, byte[] content, CancellationToken cancellationToken = default)
    {
        if (!path.StartsWith('/'))
        {
            throw new FakeGuestfsException("path must start with a / character", "write");
        }

        Files[path] = System.Text.Encoding.UTF8.GetString(content);
        return Task.CompletedTask;
    }

    public Task<string> CatAsync(string path, CancellationToken cancellationToken = default) =>
        Files.TryGetValue(path, out var text)
            ? Task.FromResult(text)
            : Task.FromException<string>(new FakeGuestfsException($"{path}: No such file or directory", "cat"));

    public Task<IReadOnlyList<string>> EchoDaemonAsync(IReadOnlyList<string> words, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<string>>([string.Join(' ', words)]);

    public async Task UploadAsync(Stream filename, string remotefilename, IProgress<Gfish.Execution.TransferProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        using var reader = new StreamReader(filename);
        Files[remotefilename] = await reader.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
        progress?.Report(new Gfish.Execution.TransferProgress(1, 1));
    }

    public async Task DownloadAsync(string remotefilename, Stream filename, IProgress<Gfish.Execution.TransferProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(Files[remotefilename]);
        await filename.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
    }

    public Task<IReadOnlyList<FakeLV>> LvsFullAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<FakeLV>>([new FakeLV("LV", "xMafeen93IHtFmSenoB6PHPEpbsGkUws", 62914560, -1)]);

    public Task<IReadOnlyDictionary<string, string>> ListFilesystemsAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyDictionary<string, string>>(new Dictionary<string, string> { ["/dev/sda1"] = "ext4", ["/dev/VG/LV"] = "xfs" });

    public Task<byte[]> PreadAsync(string path, int count, long offset, CancellationToken cancellationToken = default) =>
        Task.FromResult(System.Text.Encoding.UTF8.GetBytes(Files[path].Substring((int)offset, count)));

    public Task<int> GetUmaskAsync(CancellationToken cancellationToken = default) => Task.FromResult(18);

    public Task<IReadOnlyList<string>> GlobExpandAsync(string pattern, CancellationToken cancellationToken = default)
    {
        var prefix = pattern.TrimEnd('*');
        var matches = new List<string>();
        foreach (var key in Files.Keys)
        {
            if (key.StartsWith(prefix, StringComparison.Ordinal))
            {
                matches.Add(key);
            }
        }

        matches.Sort(StringComparer.Ordinal);
        return Task.FromResult<IReadOnlyList<string>>(matches);
    }

    public Task LuksOpenAsync(string device, string key, string mapname, CancellationToken cancellationToken = default) => Record($"luks_open {device} key={key} {mapname}");

    public Task LaunchAsync(CancellationToken cancellationToken = default) => Record("launch");

    public Task CopyInAsync(string localpath, string remotedir, CancellationToken cancellationToken = default) =>
        localpath == "fail" ? throw new FakeGuestfsException("source 'fail' does not exist", null) : Record($"copy_in {localpath} {remotedir}");

    public Task CopyOutAsync(string remotepath, string localdir, CancellationToken cancellationToken = default) => Record($"copy_out {remotepath} {localdir}");

    public Task PartDiskAsync(string device, string parttype, CancellationToken cancellationToken = default) => Record($"part_disk {device} {parttype}");

    public Task MkfsAsync(string fstype, string device, FakeMkfsOptions? options = null, CancellationToken cancellationToken = default) => Record($"mkfs {fstype} {device}");

    public Task PvcreateAsync(string device, CancellationToken cancellationToken = default) => Record($"pvcreate {device}");

    public Task VgcreateAsync(string volgroup, IReadOnlyList<string> physvols, CancellationToken cancellationToken = default) => Record($"vgcreate {volgroup} [{string.Join(",", physvols)}]");

    public Task LvcreateFreeAsync(string logvol, string volgroup, int percent, CancellationToken cancellationToken = default) => Record($"lvcreate_free {logvol} {volgroup} {percent}");

    public Task MountOptionsAsync(string options, string mountable, string mountpoint, CancellationToken cancellationToken = default) => Record($"mount_options '{options}' {mountable} {mountpoint}");

    public Task MountVfsAsync(string options, string vfstype, string mountable, string mountpoint, CancellationToken cancellationToken = default) => Record($"mount_vfs '{options}' {vfstype} {mountable} {mountpoint}");

    public List<string> Roots { get; } = ["/dev/sda2"];

    public Task<IReadOnlyList<string>> InspectOsAsync(CancellationToken cancellationToken = default)
    {
        Calls.Add("inspect_os");
        return Task.FromResult<IReadOnlyList<string>>(Roots);
    }

    public Task<IReadOnlyDictionary<string, string>> InspectGetMountpointsAsync(string root, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyDictionary<string, string>>(new Dictionary<string, string> { ["/boot"] = "/dev/sda1", ["/"] = root });

    private Task Record(string call)
    {
        Calls.Add(call);
        return Task.CompletedTask;
    }

    public ValueTask DisposeAsync()
    {
        Disposed = true;
        return ValueTask.CompletedTask;
    }
}

public sealed record FakeAddDriveOptions
{
    public bool? Readonly { get; init; }

    public string? Format { get; init; }
}

public sealed record FakeMkfsOptions
{
    public int? Blocksize { get; init; }

    public string? Label { get; init; }
}

public sealed record FakeLV(string LvName, string LvUuid, long LvSize, float SnapPercent)
{
    /// <summary>The fields as a generated field list gives them (libguestfs names, declaration order).</summary>
    public static IReadOnlyList<Guestfs.Commands.CommandField> Fields(FakeLV lv) =>
        [new("lv_name", lv.LvName), new("lv_uuid", lv.LvUuid), new("lv_size", lv.LvSize), new("snap_percent", lv.SnapPercent)];
}

public sealed class FakeGuestfsException(string message, string? procedure) : Exception(message)
{
    public string? Procedure { get; } = procedure;
}

using System;
using System.Diagnostics;
using System.IO;
using System.Security.Cryptography;
using System.Text;
using System.Threading.Tasks;
using Guestfs;

// A real session on a scratch disk image: launch the appliance, partition, format, mount, write and read a
// file, upload a file, list the files, shut down, delete the image. Each step is printed with its time.
// Whether KVM is usable is the backend's business (it probes and falls back to TCG with a warning); set
// LIBGUESTFS_BACKEND_SETTINGS=force_tcg to skip the probe, LIBGUESTFS_DEBUG=1 to see the launch phases.
string workDirectory = Directory.CreateTempSubdirectory("guestfs-demo-").FullName;
string image = Path.Combine(workDirectory, "disk.img");
var total = Stopwatch.StartNew();
int step = 0;

async Task Step(string what, Func<Task<string?>> action)
{
    step++;
    Console.Write($"[{step,2}] {what} ... ");
    var stopwatch = Stopwatch.StartNew();
    string? result = await action().ConfigureAwait(false);
    Console.WriteLine($"ok ({stopwatch.Elapsed.TotalSeconds:0.00} s)");
    if (!string.IsNullOrEmpty(result))
    {
        foreach (string line in result.TrimEnd('\n').Split('\n'))
        {
            Console.WriteLine("       " + line);
        }
    }
}

Console.WriteLine($"Guestfs demo: a session on a scratch disk image in {workDirectory}");
try
{
    await using var g = new GuestfsHandle();
    g.SetEventCallback((_, _, e) => Console.Error.WriteLine($"\n       warning: {e.Buffer.TrimEnd()}"), GuestfsEvents.Warning);

    await Step("create a 256 MiB sparse raw image", () =>
    {
        using var file = new FileStream(image, FileMode.CreateNew, FileAccess.Write);
        file.SetLength(256L * 1024 * 1024);
        return Task.FromResult<string?>(image);
    });
    await Step("add it as /dev/sda", async () =>
    {
        await g.AddDriveAsync(image, new AddDriveOptions { Format = "raw" }).ConfigureAwait(false);
        return null;
    });
    await Step("launch the appliance", async () =>
    {
        await g.LaunchAsync().ConfigureAwait(false);
        return $"qemu pid {await g.GetPidAsync().ConfigureAwait(false)}, devices: {string.Join(", ", await g.ListDevicesAsync().ConfigureAwait(false))}";
    });
    await Step("partition /dev/sda (one MBR partition)", async () =>
    {
        await g.PartDiskAsync("/dev/sda", "mbr").ConfigureAwait(false);
        return "partitions: " + string.Join(", ", await g.ListPartitionsAsync().ConfigureAwait(false));
    });
    await Step("format /dev/sda1 as ext4", async () =>
    {
        await g.MkfsAsync("ext4", "/dev/sda1").ConfigureAwait(false);
        return "filesystem type: " + await g.VfsTypeAsync("/dev/sda1").ConfigureAwait(false);
    });
    await Step("mount /dev/sda1 on /", async () =>
    {
        await g.MountAsync("/dev/sda1", "/").ConfigureAwait(false);
        return null;
    });
    await Step("write /hello.txt and read it back", async () =>
    {
        const string Text = "Hello from Guestfs for .NET!\n";
        await g.WriteAsync("/hello.txt", Encoding.UTF8.GetBytes(Text)).ConfigureAwait(false);
        string back = await g.CatAsync("/hello.txt").ConfigureAwait(false);
        if (back != Text)
        {
            throw new InvalidOperationException($"read back '{back}' instead of '{Text}'");
        }

        return "/hello.txt: " + back.TrimEnd();
    });
    await Step("upload a 4 MiB file to /data/random.bin and compare SHA-256", async () =>
    {
        string local = Path.Combine(workDirectory, "random.bin");
        byte[] content = RandomNumberGenerator.GetBytes(4 * 1024 * 1024);
        await File.WriteAllBytesAsync(local, content).ConfigureAwait(false);
        await g.MkdirAsync("/data").ConfigureAwait(false);
        await g.UploadAsync(local, "/data/random.bin").ConfigureAwait(false);
        string here = Convert.ToHexStringLower(SHA256.HashData(content));
        string there = await g.ChecksumAsync("sha256", "/data/random.bin").ConfigureAwait(false);
        if (here != there)
        {
            throw new InvalidOperationException($"checksum mismatch: local {here}, in the guest {there}");
        }

        return "sha256 " + there + " (same on both sides)";
    });
    await Step("list the files", async () =>
    {
        var lines = new StringBuilder();
        // find0 streams the names, each ended by a zero byte, as a file download.
        var names = new MemoryStream();
        await g.Find0Async("/", names).ConfigureAwait(false);
        string[] found = Encoding.UTF8.GetString(names.ToArray()).Split('\0', StringSplitOptions.RemoveEmptyEntries);
        Array.Sort(found, StringComparer.Ordinal);
        foreach (string name in found)
        {
            string path = "/" + name.TrimStart('/');
            if (path.StartsWith("/lost+found", StringComparison.Ordinal))
            {
                continue;
            }

            lines.Append(await g.IsDirAsync(path).ConfigureAwait(false)
                ? $"{path}/\n"
                : $"{path}  ({await g.FilesizeAsync(path).ConfigureAwait(false)} bytes)\n");
        }

        return lines.ToString();
    });
    await Step("shut down (unmount, sync, stop qemu)", async () =>
    {
        await g.ShutdownAsync().ConfigureAwait(false);
        return null;
    });
}
catch (Exception e)
{
    Console.WriteLine("FAILED");
    Console.Error.WriteLine($"demo: {e.GetType().Name}: {e.Message}");
    Directory.Delete(workDirectory, recursive: true);
    return 1;
}

await Step("delete the image", () =>
{
    Directory.Delete(workDirectory, recursive: true);
    return Task.FromResult<string?>(null);
});
Console.WriteLine($"Done in {total.Elapsed.TotalSeconds:0.0} s.");
return 0;

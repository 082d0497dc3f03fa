using System;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Guestfs.Host;
using Guestfs.Protocol;

namespace Guestfs;

/// <content>
/// Facts about disk images on the host, read with <c>qemu-img info</c> (see <see cref="QemuImgInfo"/>). They need no
/// appliance and work in any state of the handle.
/// </content>
public sealed partial class GuestfsHandle
{
    /// <summary>Detects the format of a disk image on the host (<c>disk_format</c>), as qemu-img reports it.</summary>
    /// <param name="filename">The host file.</param>
    /// <param name="cancellationToken">Kills qemu-img and throws.</param>
    /// <returns>E.g. <c>raw</c>, <c>qcow2</c>; whatever qemu-img's <c>format</c> key holds.</returns>
    public partial Task<string> DiskFormatAsync(string filename, CancellationToken cancellationToken) =>
        HostActionAsync("disk_format", filename, () => ReadDiskFormatAsync("disk_format", filename, cancellationToken));

    /// <summary>Returns the virtual size of a disk image on the host in bytes (<c>disk_virtual_size</c>).</summary>
    /// <param name="filename">The host file.</param>
    /// <param name="cancellationToken">Kills qemu-img and throws.</param>
    /// <returns>qemu-img's <c>virtual-size</c>.</returns>
    public partial Task<long> DiskVirtualSizeAsync(string filename, CancellationToken cancellationToken) =>
        HostActionAsync("disk_virtual_size", filename, async () =>
        {
            using JsonDocument info = await QemuImgInfo.RunAsync("disk_virtual_size", filename, cancellationToken).ConfigureAwait(false);
            if (info.RootElement.ValueKind != JsonValueKind.Object
                || !info.RootElement.TryGetProperty("virtual-size", out JsonElement size)
                || !size.TryGetInt64(out long bytes))
            {
                throw new GuestfsException("qemu-img info: JSON output did not contain 'virtual-size' key", procedure: "disk_virtual_size");
            }

            return bytes;
        });

    /// <summary>Tells whether a disk image on the host has a backing file (<c>disk_has_backing_file</c>).</summary>
    /// <param name="filename">The host file.</param>
    /// <param name="cancellationToken">Kills qemu-img and throws.</param>
    /// <returns>Whether qemu-img reports a non-null <c>backing-filename</c>.</returns>
    public partial Task<bool> DiskHasBackingFileAsync(string filename, CancellationToken cancellationToken) =>
        HostActionAsync("disk_has_backing_file", filename, async () =>
        {
            using JsonDocument info = await QemuImgInfo.RunAsync("disk_has_backing_file", filename, cancellationToken).ConfigureAwait(false);
            if (info.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new GuestfsException("qemu-img info: JSON output was not an object", procedure: "disk_has_backing_file");
            }

            return info.RootElement.TryGetProperty("backing-filename", out JsonElement backing) && backing.ValueKind != JsonValueKind.Null;
        });

    /// <summary>The format qemu-img reports for a host file (the body of <c>disk_format</c>, also used by <c>disk_create</c>).</summary>
    private static async Task<string> ReadDiskFormatAsync(string action, string filename, CancellationToken cancellationToken)
    {
        using JsonDocument info = await QemuImgInfo.RunAsync(action, filename, cancellationToken).ConfigureAwait(false);
        if (info.RootElement.ValueKind != JsonValueKind.Object || !info.RootElement.TryGetProperty("format", out JsonElement format))
        {
            throw new GuestfsException("qemu-img info: JSON output did not contain 'format' key", procedure: action);
        }

        return format.ValueKind == JsonValueKind.String ? format.GetString()! : format.GetRawText();
    }

    /// <summary>Runs an action that works on the host only: allowed in every state but CLOSED, traced as one action.</summary>
    private async Task<T> HostActionAsync<T>(string name, string filename, Func<Task<T>> body)
    {
        ThrowIfClosed(name);
        ArgumentGuard.ThrowIfContainsNul(filename);
        return await TraceActionAsync(name, name + " \"" + filename + "\"", body, static r => TraceFormatter.FormatValue(r)).ConfigureAwait(false);
    }
}

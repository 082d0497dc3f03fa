using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Guestfs.Host;
using Microsoft.Win32.SafeHandles;

namespace Guestfs.Backends.Direct;

/// <summary>
/// Settles each drive's format before qemu sees it, so qemu never guesses. A format the user gave is passed
/// through as is: the caller vouches for the image (a file called raw is opened raw, whatever its content; a
/// VMDK given as vmdk may name extent files anywhere on the host). Without one, only a raw image, or a qcow2
/// image with neither a backing file nor an external data file, is opened. Every format whose header can name
/// other files (VMDK extents, qcow2 backing and data files, qcow and qed backing files) and every other format
/// is refused, because the content of a raw disk can be crafted to look like such an image and make the
/// hypervisor open any host file the caller can read (the hole behind CVE-2010-3851). A network drive is never
/// probed: its format is raw unless the caller gives one. The probe is qemu-img
/// info through <see cref="QemuImgInfo"/>; a VMDK header is recognised here first, because qemu-img opens the
/// extents a VMDK names while probing it.
/// </summary>
internal static class DriveInspector
{
    /// <summary>How much of an image qemu looks at to guess its format (its <c>BLOCK_PROBE_BUF_SIZE</c>).</summary>
    internal const int ProbeHeaderBytes = 512;

    private const string VmdkNote = " (its descriptor can name extent files anywhere on the host)";

    private static ReadOnlySpan<byte> Qcow2Magic => [(byte)'Q', (byte)'F', (byte)'I', 0xfb];

    /// <summary>Resolves every drive.</summary>
    /// <param name="drives">The drives as added.</param>
    /// <param name="qemuImg">The qemu-img program.</param>
    /// <param name="cancellationToken">Cancels probing.</param>
    /// <returns>The drives with formats, in the same order.</returns>
    public static async Task<IReadOnlyList<ResolvedDrive>> ResolveAsync(
        IReadOnlyList<DriveSpec> drives, string qemuImg, CancellationToken cancellationToken)
    {
        var resolved = new List<ResolvedDrive>(drives.Count);
        foreach (DriveSpec drive in drives)
        {
            resolved.Add(await ResolveAsync(drive, qemuImg, cancellationToken).ConfigureAwait(false));
        }

        return resolved;
    }

    /// <summary>
    /// Whether the first bytes of an image show a format that names other files before qemu-img ever runs: a
    /// VMDK (binary header or text descriptor, recognised more widely than qemu does), or a qcow2 image whose
    /// header says its data lives in an external file.
    /// </summary>
    /// <param name="header">Up to <see cref="ProbeHeaderBytes"/> bytes from the start of the image.</param>
    /// <returns>The format and the words the refusal adds after it, or <see langword="null"/> when qemu-img may probe the image.</returns>
    internal static (string Format, string Detail)? FindReferencingHeader(ReadOnlySpan<byte> header)
    {
        if (header.StartsWith("KDMV"u8) || header.StartsWith("COWD"u8))
        {
            return ("vmdk", VmdkNote);
        }

        if (header.StartsWith(Qcow2Magic) && header.Length >= 80
            && BinaryPrimitives.ReadUInt32BigEndian(header[4..]) >= 3
            && (BinaryPrimitives.ReadUInt64BigEndian(header[72..]) & 4) != 0)
        {
            return ("qcow2", " with an external data file");
        }

        // A VMDK text descriptor: qemu skips comment lines and blank lines, then wants "version=".
        ReadOnlySpan<byte> rest = header;
        while (!rest.IsEmpty)
        {
            rest = rest.TrimStart(" \t\r"u8);
            if (rest.StartsWith("version="u8))
            {
                return ("vmdk", VmdkNote);
            }

            if (rest.IsEmpty || !(rest[0] == (byte)'#' || rest[0] == (byte)'\n'))
            {
                break;
            }

            int end = rest.IndexOf((byte)'\n');
            rest = end < 0 ? [] : rest[(end + 1)..];
        }

        return null;
    }

    /// <summary>
    /// Applies the probing policy to qemu-img's answer: raw, or qcow2 with neither a backing file nor a data file.
    /// </summary>
    /// <param name="filename">The drive, for messages.</param>
    /// <param name="info">qemu-img info's JSON.</param>
    /// <returns>The format to tell qemu.</returns>
    /// <exception cref="UnsafeDriveException">Anything else, or an answer that cannot be read.</exception>
    internal static string CheckProbedImage(string filename, JsonElement info)
    {
        if (info.ValueKind != JsonValueKind.Object
            || !info.TryGetProperty("format", out JsonElement formatElement)
            || formatElement.ValueKind != JsonValueKind.String)
        {
            throw new UnsafeDriveException(filename, $"launch: cannot read qemu-img's answer about drive '{filename}': no 'format' string");
        }

        string format = formatElement.GetString()!;
        if (!IsFormatName(format))
        {
            throw new UnsafeDriveException(filename, $"launch: drive '{filename}': probing returned the unusable format '{format}'");
        }

        foreach (string key in (ReadOnlySpan<string>)["backing-filename", "full-backing-filename"])
        {
            if (info.TryGetProperty(key, out JsonElement backing) && backing.ValueKind != JsonValueKind.Null)
            {
                throw Refused(filename, format, $" with the backing file '{Text(backing)}'");
            }
        }

        if (info.TryGetProperty("format-specific", out JsonElement specific)
            && specific.ValueKind == JsonValueKind.Object
            && specific.TryGetProperty("data", out JsonElement data)
            && data.ValueKind == JsonValueKind.Object)
        {
            if (data.TryGetProperty("data-file", out JsonElement dataFile))
            {
                throw Refused(filename, format, $" with the external data file '{Text(dataFile)}'");
            }

            if (data.TryGetProperty("data-file-raw", out _))
            {
                throw Refused(filename, format, " with an external data file");
            }
        }

        return format switch
        {
            "raw" or "qcow2" => format,
            _ => throw Refused(filename, format, null),
        };
    }

    private static async Task<ResolvedDrive> ResolveAsync(DriveSpec drive, string qemuImg, CancellationToken cancellationToken)
    {
        if (drive.Remote is not null)
        {
            // Never probed over the network (the server chooses what a probe would see): raw unless the caller says.
            string remoteFormat = drive.Format ?? "raw";
            if (!IsFormatName(remoteFormat))
            {
                throw new UnsafeDriveException(drive.Filename, $"launch: drive '{drive.DisplayName}': '{remoteFormat}' is not a disk format name");
            }

            return new ResolvedDrive(drive, remoteFormat, Probed: false);
        }

        if (!File.Exists(drive.Filename))
        {
            throw new UnsafeDriveException(drive.Filename, $"launch: drive '{drive.Filename}' does not exist or is not a file");
        }

        if (drive.Format is not null)
        {
            if (!IsFormatName(drive.Format))
            {
                throw new UnsafeDriveException(drive.Filename, $"launch: drive '{drive.Filename}': '{drive.Format}' is not a disk format name");
            }

            return new ResolvedDrive(drive, drive.Format, Probed: false);
        }

        if (FindReferencingHeader(ReadHeader(drive.Filename)) is var (headerFormat, detail))
        {
            throw Refused(drive.Filename, headerFormat, detail);
        }

        string format;
        try
        {
            using JsonDocument info = await QemuImgInfo.RunAsync("launch", drive.Filename, cancellationToken, qemuImg).ConfigureAwait(false);
            format = CheckProbedImage(drive.Filename, info.RootElement);
        }
        catch (GuestfsException e)
        {
            throw new UnsafeDriveException(
                drive.Filename,
                $"launch: cannot probe the format of drive '{drive.Filename}' ({e.Message}); give the format (for example format=raw)");
        }

        return new ResolvedDrive(drive, format, Probed: true);
    }

    /// <summary>
    /// Reads the first bytes of a drive without waiting on it: opened non-blocking, and refused when it cannot
    /// seek (a FIFO, socket or terminal is no disk, and qemu-img would wait on it for as long as it is allowed to).
    /// </summary>
    private static byte[] ReadHeader(string filename)
    {
        int fd = NativeMethods.Open(filename, NativeMethods.OpenReadNonBlocking, 0);
        if (fd < 0)
        {
            throw new UnsafeDriveException(
                filename, $"launch: cannot open drive '{filename}' to probe its format (errno {Marshal.GetLastPInvokeError()})");
        }

        using var handle = new SafeFileHandle(fd, ownsHandle: true);
        using var stream = new FileStream(handle, FileAccess.Read, bufferSize: 0);
        if (!stream.CanSeek)
        {
            throw new UnsafeDriveException(
                filename, $"launch: drive '{filename}' is not a regular file or a block device, so its format cannot be probed; give the format");
        }

        byte[] header = new byte[ProbeHeaderBytes];
        int length = 0;
        int read;
        while (length < header.Length && (read = stream.Read(header, length, header.Length - length)) > 0)
        {
            length += read;
        }

        return header[..length];
    }

    private static UnsafeDriveException Refused(string filename, string format, string? detail) => new(
        filename,
        $"launch: drive '{filename}' has no format given, and probing found a {format} image{detail}. Without an explicit format only raw, and qcow2 with neither a backing file nor a data file, are opened, " +
        "because a disk's content can be made to look like any format and expose host files. " +
        $"If you trust the image, add it with format={format} (gfish: --format={format}).");

    private static string Text(JsonElement element) =>
        element.ValueKind == JsonValueKind.String ? element.GetString()! : element.GetRawText();

    private static bool IsFormatName(string format)
    {
        if (format.Length == 0 || format.Length > 32)
        {
            return false;
        }

        foreach (char c in format)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '_' or '-'))
            {
                return false;
            }
        }

        return true;
    }
}

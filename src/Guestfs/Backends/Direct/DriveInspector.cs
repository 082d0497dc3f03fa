using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.IO;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace Guestfs.Backends.Direct;

/// <summary>
/// Settles each drive's format before qemu sees it, so qemu never guesses. A format the user gave is passed
/// through as is (a file called raw is opened raw, whatever its content). Without one, the image is probed with
/// <c>qemu-img info</c>; a probed image that refers to a backing file is refused, because a raw disk's content
/// can be crafted to look like such an image and make the hypervisor open any host file the user can read
/// (the hole behind CVE-2010-3851). The user can still open such images by naming the format.
/// </summary>
internal static class DriveInspector
{
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

    private static async Task<ResolvedDrive> ResolveAsync(DriveSpec drive, string qemuImg, CancellationToken cancellationToken)
    {
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

        ProcessResult result;
        try
        {
            result = await ProcessRunner.RunAsync(
                qemuImg,
                ["info", "--output=json", "-U", drive.Filename],
                TimeSpan.FromSeconds(60),
                onStandardErrorLine: null,
                environment: null,
                cancellationToken).ConfigureAwait(false);
        }
        catch (Win32Exception e)
        {
            throw new UnsafeDriveException(
                drive.Filename,
                $"launch: drive '{drive.Filename}' has no format and '{qemuImg}' cannot run to probe it ({e.Message}); " +
                "give the format (for example format=raw) or install qemu-utils");
        }

        if (result.ExitCode != 0)
        {
            throw new UnsafeDriveException(
                drive.Filename, $"launch: cannot probe the format of drive '{drive.Filename}': {result.StandardError.Trim()}");
        }

        string format;
        string? backing;
        try
        {
            using JsonDocument json = JsonDocument.Parse(result.StandardOutput);
            format = json.RootElement.GetProperty("format").GetString() ?? "raw";
            backing = json.RootElement.TryGetProperty("backing-filename", out JsonElement b) ? b.GetString() : null;
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new UnsafeDriveException(drive.Filename, $"launch: cannot read qemu-img's answer about drive '{drive.Filename}': {e.Message}");
        }

        if (backing is not null)
        {
            throw new UnsafeDriveException(
                drive.Filename,
                $"launch: drive '{drive.Filename}' has no format given, and probing found a {format} image with the backing file " +
                $"'{backing}'. A raw disk can be made to look like this and expose host files, so it is not opened " +
                $"automatically. If you trust the image, add it with format={format}.");
        }

        if (!IsFormatName(format))
        {
            throw new UnsafeDriveException(drive.Filename, $"launch: drive '{drive.Filename}': probing returned the unusable format '{format}'");
        }

        return new ResolvedDrive(drive, format, Probed: true);
    }

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

using System;
using System.Collections.Generic;
using System.Formats.Tar;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace Guestfs;

/// <summary>
/// Sits between a tar archive made by the guest (<c>tar_out</c>) and the host <c>tar</c> that unpacks it for
/// <c>copy_out</c>. The archive is hostile input: only regular files, directories, symbolic links and hard links
/// are passed on, with their names, link targets, contents, modification times and rwx bits; device nodes,
/// FIFOs and anything else are dropped (and reported), and setuid/setgid/sticky bits and owners never reach the
/// host. Path checks (absolute names, <c>..</c>, writing through links) stay with GNU tar, which refuses or defers them.
/// </summary>
internal static class GuestTarFilter
{
    private const int MaxReported = 20;
    private const UnixFileMode PermissionBits =
        UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute |
        UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute |
        UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    /// <summary>
    /// Copies the kept entries from <paramref name="input"/> to <paramref name="output"/> (closed at the end, so tar
    /// sees the end of its input), then reads <paramref name="input"/> to its end, so the writer on the other side
    /// never blocks on a reader that has stopped. <paramref name="input"/> is disposed in every case: after a failure
    /// the writer's next write fails instead of waiting.
    /// </summary>
    /// <param name="input">The archive as the daemon sends it.</param>
    /// <param name="output">tar's standard input.</param>
    /// <param name="cancellationToken">Stops the copy.</param>
    /// <returns>What was left out, one line per entry (at most 20 lines, then a count).</returns>
    /// <exception cref="InvalidDataException">The archive is not a valid tar archive.</exception>
    public static async Task<IReadOnlyList<string>> CopyAsync(Stream input, Stream output, CancellationToken cancellationToken)
    {
        var skipped = new List<string>();
        int skippedCount = 0;
        try
        {
            var reader = new TarReader(input, leaveOpen: true);
            await using (reader.ConfigureAwait(false))
            {
                var writer = new TarWriter(output, TarEntryFormat.Pax, leaveOpen: false);
                await using (writer.ConfigureAwait(false))
                {
                    while (await reader.GetNextEntryAsync(copyData: false, cancellationToken).ConfigureAwait(false) is { } entry)
                    {
                        TarEntryType? kept = Kept(entry.EntryType);
                        if (kept is not { } type)
                        {
                            if (entry.EntryType != TarEntryType.GlobalExtendedAttributes && ++skippedCount <= MaxReported)
                            {
                                skipped.Add($"'{entry.Name}' left out: a {Describe(entry.EntryType)} from the guest is not created on the host");
                            }

                            continue;
                        }

                        var copy = new PaxTarEntry(type, entry.Name)
                        {
                            Mode = entry.Mode & PermissionBits,
                            ModificationTime = entry.ModificationTime,
                        };
                        if (type is TarEntryType.SymbolicLink or TarEntryType.HardLink)
                        {
                            copy.LinkName = entry.LinkName;
                        }
                        else if (type == TarEntryType.RegularFile && entry.DataStream is { } data)
                        {
                            copy.DataStream = new KnownLengthStream(data, entry.Length);
                        }

                        await writer.WriteEntryAsync(copy, cancellationToken).ConfigureAwait(false);
                    }
                }
            }

            // Whatever follows the end-of-archive marker (tar pads to whole records) is read and dropped.
            byte[] rest = new byte[64 * 1024];
            while (await input.ReadAsync(rest, cancellationToken).ConfigureAwait(false) > 0)
            {
            }
        }
        catch (Exception e) when (e is FormatException or EndOfStreamException or OverflowException or ArgumentException or NotSupportedException ||
                                  (e is InvalidOperationException && e is not ObjectDisposedException))
        {
            // How the reader refuses a header (a bad field, a number or time out of range, an entry type it does not
            // read, a size over its limit, an archive cut short), and an empty name or link name refused by the copy.
            throw new InvalidDataException(e.Message, e);
        }
        finally
        {
            await input.DisposeAsync().ConfigureAwait(false);
        }

        if (skippedCount > MaxReported)
        {
            skipped.Add($"{skippedCount - MaxReported} more entries left out");
        }

        return skipped;
    }

    private static TarEntryType? Kept(TarEntryType type) => type switch
    {
        TarEntryType.RegularFile or TarEntryType.V7RegularFile or TarEntryType.ContiguousFile => TarEntryType.RegularFile,
        TarEntryType.Directory => TarEntryType.Directory,
        TarEntryType.SymbolicLink => TarEntryType.SymbolicLink,
        TarEntryType.HardLink => TarEntryType.HardLink,
        _ => null,
    };

    private static string Describe(TarEntryType type) => type switch
    {
        TarEntryType.BlockDevice => "block device",
        TarEntryType.CharacterDevice => "character device",
        TarEntryType.Fifo => "FIFO",
        TarEntryType.SparseFile => "sparse file",
        _ => $"tar entry of type {type}",
    };
}

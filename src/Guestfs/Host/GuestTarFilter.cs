using System;
using System.Collections.Generic;
using System.Formats.Tar;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace Guestfs.Host;

/// <summary>
/// Sits between a tar archive made by the guest (<c>tar_out</c>) and the host <c>tar</c> that unpacks it for
/// <c>copy_out</c>. The archive is hostile input: only regular files, directories, symbolic links and hard links
/// are passed on, with their names, link targets, contents, modification times and rwx bits; device nodes,
/// FIFOs and anything else are dropped (and reported), and setuid/setgid/sticky bits and owners never reach the
/// host. Nothing is written through a symbolic link: an entry whose path (or hard link target) goes through a link
/// the archive made, or one already in the destination, is dropped (and reported). Every failure to read the archive
/// is a <see cref="GuestfsException"/> naming the entry. Absolute names and <c>..</c> stay with GNU tar, which refuses them.
/// </summary>
internal static class GuestTarFilter
{
    private const int MaxReported = 20;
    private const UnixFileMode PermissionBits =
        UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute |
        UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute |
        UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    /// <inheritdoc cref="CopyAsync(Stream, Stream, string?, CancellationToken)"/>
    public static Task<IReadOnlyList<string>> CopyAsync(Stream input, Stream output, CancellationToken cancellationToken) =>
        CopyAsync(input, output, null, cancellationToken);

    /// <summary>
    /// Copies the kept entries from <paramref name="input"/> to <paramref name="output"/> (closed at the end, so tar
    /// sees the end of its input), then reads <paramref name="input"/> to its end, so the writer on the other side
    /// never blocks on a reader that has stopped. <paramref name="input"/> is disposed in every case: after a failure
    /// the writer's next write fails instead of waiting.
    /// </summary>
    /// <param name="input">The archive as the daemon sends it.</param>
    /// <param name="output">tar's standard input.</param>
    /// <param name="destination">The directory tar unpacks into (its existing links are not written through), or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Stops the copy.</param>
    /// <returns>What was left out, one line per entry (at most 20 lines, then a count).</returns>
    /// <exception cref="GuestfsException">The archive could not be read or copied; the message names the entry.</exception>
    public static async Task<IReadOnlyList<string>> CopyAsync(Stream input, Stream output, string? destination, CancellationToken cancellationToken)
    {
        var skipped = new List<string>();
        int skippedCount = 0;
        var links = new HashSet<string>(StringComparer.Ordinal);
        string where = "at the first entry";
        void Skip(string line)
        {
            if (++skippedCount <= MaxReported)
            {
                skipped.Add(line);
            }
        }

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
                        where = $"at '{entry.Name}'";
                        TarEntryType? kept = Kept(entry.EntryType);
                        string[] path = Components(entry.Name);
                        if (kept is not { } type)
                        {
                            if (entry.EntryType != TarEntryType.GlobalExtendedAttributes)
                            {
                                Skip($"'{entry.Name}' left out: a {Describe(entry.EntryType)} from the guest is not created on the host");
                            }
                        }
                        else if ((LinkOnTheWay(path, links, destination) ??
                                  (type == TarEntryType.HardLink ? LinkOnTheWay(Components(entry.LinkName), links, destination) : null)) is { } link)
                        {
                            Skip($"'{entry.Name}' left out: it goes through the symbolic link '{link}', and nothing is written through a link");
                        }
                        else
                        {
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

                        if (entry.EntryType == TarEntryType.SymbolicLink)
                        {
                            links.Add(string.Join('/', path));
                        }

                        where = $"at the entry after '{entry.Name}'";
                    }
                }
            }

            // Whatever follows the end-of-archive marker (tar pads to whole records) is read and dropped.
            where = "after the end of the archive";
            byte[] rest = new byte[64 * 1024];
            while (await input.ReadAsync(rest, cancellationToken).ConfigureAwait(false) > 0)
            {
            }
        }
        catch (Exception e) when (e is InvalidDataException or FormatException or EndOfStreamException or OverflowException or
                                  ArgumentException or NotSupportedException or OutOfMemoryException ||
                                  (e is InvalidOperationException && e is not ObjectDisposedException))
        {
            // How the reader refuses a hostile header (a bad field, a number or time out of range, an entry type it does
            // not read, an extension over its limit, an archive cut short), and an empty name or link name refused by
            // the copy: each becomes one error that says where it happened. Host-side failures (the host tar's pipe)
            // stay what they are.
            throw new GuestfsException($"the archive the guest sent could not be copied {where}: {e.Message}", procedure: "copy_out", innerException: e);
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

    /// <summary>A member name as its components, without empty and <c>.</c> ones (<c>./a//b/</c> → <c>a</c>, <c>b</c>).</summary>
    private static string[] Components(string name) =>
        name.Split('/', StringSplitOptions.RemoveEmptyEntries).Where(c => c != ".").ToArray();

    /// <summary>The first proper prefix of <paramref name="path"/> that is a symbolic link (made by the archive, or in the destination).</summary>
    private static string? LinkOnTheWay(string[] path, HashSet<string> links, string? destination)
    {
        for (int length = 1; length < path.Length; length++)
        {
            string prefix = string.Join('/', path, 0, length);
            if (links.Contains(prefix) || (destination is not null && new FileInfo(Path.Combine(destination, prefix)).LinkTarget is not null))
            {
                return prefix;
            }
        }

        return null;
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

using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Guestfs.Protocol;
using Guestfs.Xdr;

namespace Guestfs;

/// <content>
/// Actions whose daemon half writes a file of back-to-back XDR records (<c>internal_filesystem_walk</c>,
/// <c>internal_find_inode</c>, <c>internal_yara_scan</c>): the runtime downloads it and decodes records until the end,
/// as libguestfs 1.48.6 does with its temporary file. The whole stream is held in memory.
/// </content>
public sealed partial class GuestfsHandle
{
    /// <summary>Lists every file and directory of a filesystem, deleted ones included, with The Sleuth Kit (<c>filesystem_walk</c>; built on <c>internal_filesystem_walk</c>).</summary>
    /// <param name="device">The filesystem's device or mountable.</param>
    /// <param name="cancellationToken">Cancels by the download's cancel handshake.</param>
    /// <returns>The entries in the daemon's order.</returns>
    public async partial Task<IReadOnlyList<TskDirent>> FilesystemWalkAsync(string device, CancellationToken cancellationToken)
    {
        ArgumentGuard.ThrowIfContainsNul(device);
        return await LibraryActionAsync("filesystem_walk", device, async () =>
        {
            byte[] stream = await DownloadToArrayAsync(Procedure.InternalFilesystemWalk, new InternalFilesystemWalkArgs(device), "internal_filesystem_walk", cancellationToken)
                .ConfigureAwait(false);
            return DecodeRecords<TskDirent>(stream, "filesystem_walk");
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Lists the names that refer to one inode of a filesystem (<c>find_inode</c>; built on <c>internal_find_inode</c>).</summary>
    /// <param name="device">The filesystem's device or mountable.</param>
    /// <param name="inode">The inode number.</param>
    /// <param name="cancellationToken">Cancels by the download's cancel handshake.</param>
    /// <returns>The entries in the daemon's order.</returns>
    public async partial Task<IReadOnlyList<TskDirent>> FindInodeAsync(string device, long inode, CancellationToken cancellationToken)
    {
        ArgumentGuard.ThrowIfContainsNul(device);
        return await LibraryActionAsync("find_inode", $"\"{device}\" {inode}", async () =>
        {
            byte[] stream = await DownloadToArrayAsync(Procedure.InternalFindInode, new InternalFindInodeArgs(device, inode), "internal_find_inode", cancellationToken)
                .ConfigureAwait(false);
            return DecodeRecords<TskDirent>(stream, "find_inode");
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Scans a file or directory tree with the loaded Yara rules (<c>yara_scan</c>; built on <c>internal_yara_scan</c>).</summary>
    /// <param name="path">Absolute path in the guest.</param>
    /// <param name="cancellationToken">Cancels by the download's cancel handshake.</param>
    /// <returns>One entry per file and matching rule.</returns>
    public async partial Task<IReadOnlyList<YaraDetection>> YaraScanAsync(string path, CancellationToken cancellationToken)
    {
        ArgumentGuard.ThrowIfInvalidPathname(path);
        return await LibraryActionAsync("yara_scan", path, async () =>
        {
            byte[] stream = await DownloadToArrayAsync(Procedure.InternalYaraScan, new InternalYaraScanArgs(path), "internal_yara_scan", cancellationToken)
                .ConfigureAwait(false);
            return DecodeRecords<YaraDetection>(stream, "yara_scan");
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Returns the fields of the current journal entry (<c>journal_get</c>; built on <c>internal_journal_get</c>), each
    /// as a name and its raw bytes. The daemon sends each field as a big-endian 64-bit length and then
    /// <c>NAME=data</c>; fields may be large (core dumps), which is why this goes through a download.
    /// </summary>
    /// <param name="cancellationToken">Cancels by the download's cancel handshake.</param>
    /// <returns>The fields in the daemon's order.</returns>
    public async partial Task<IReadOnlyList<XAttr>> JournalGetAsync(CancellationToken cancellationToken) =>
        await LibraryActionAsync("journal_get", string.Empty, async () =>
        {
            byte[] stream = await DownloadToArrayAsync(Procedure.InternalJournalGet, null, "internal_journal_get", cancellationToken).ConfigureAwait(false);
            return DecodeJournalFields(stream);
        }, cancellationToken).ConfigureAwait(false);

    /// <summary>Splits <c>internal_journal_get</c>'s output into fields; the error texts are libguestfs's.</summary>
    /// <exception cref="GuestfsException">The stream is truncated, a length runs past its end, or a field has no <c>=</c>.</exception>
    internal static List<XAttr> DecodeJournalFields(byte[] stream)
    {
        var fields = new List<XAttr>();
        int i = 0;
        while (i < stream.Length)
        {
            if (stream.Length - i < 8)
            {
                throw JournalError($"truncated: size={stream.Length}, i={i}");
            }

            ulong length = System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(stream.AsSpan(i, 8));
            i += 8;
            if (length > (ulong)(stream.Length - i))
            {
                throw JournalError($"length field is too large: size={stream.Length}, i={i}, len={length}");
            }

            var field = new ReadOnlySpan<byte>(stream, i, (int)length);
            int equals = field.IndexOfAny((byte)'=', (byte)0);
            if (equals < 0 || field[equals] != (byte)'=')
            {
                throw JournalError($"no '=' found separating field name and data: size={stream.Length}, i={i}");
            }

            fields.Add(new XAttr(System.Text.Encoding.UTF8.GetString(field[..equals]), field[(equals + 1)..].ToArray()));
            i += (int)length;
        }

        return fields;
    }

    private static GuestfsException JournalError(string detail) =>
        new("invalid data from guestfs_internal_journal_get: " + detail, procedure: "journal_get");

    /// <summary>Decodes back-to-back XDR records filling <paramref name="stream"/> exactly.</summary>
    /// <exception cref="GuestfsException">A record is truncated or malformed.</exception>
    internal static List<T> DecodeRecords<T>(byte[] stream, string action)
        where T : IXdrDecodable<T>
    {
        var records = new List<T>();
        var reader = new XdrReader(stream);
        try
        {
            while (reader.Remaining > 0)
            {
                records.Add(T.Decode(ref reader));
            }
        }
        catch (XdrException e)
        {
            throw new GuestfsException($"{action}: cannot decode record {records.Count + 1} of the daemon's output: {e.Message}", procedure: action, innerException: e);
        }

        return records;
    }
}

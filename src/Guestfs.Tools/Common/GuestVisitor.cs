using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace Guestfs.Tools.Common;

/// <summary>
/// Walks a guest directory tree as libguestfs-common's <c>visit</c> does: the top directory itself first, then each
/// directory's entries in <c>ls</c> order, recursing into subdirectories right after visiting them; stats and
/// extended attributes come a directory at a time (<c>lstatnslist</c>, <c>lxattrlist</c>).
/// </summary>
internal static class GuestVisitor
{
    /// <summary>What is called for each file.</summary>
    /// <param name="directory">The directory holding the file (for the top directory: the directory itself).</param>
    /// <param name="name">The file's name, or null for the top directory.</param>
    /// <param name="stat">The file's <c>lstatns</c>.</param>
    /// <param name="xattrs">The file's extended attributes.</param>
    /// <returns>A task.</returns>
    public delegate Task Visitor(string directory, string? name, StatNs stat, IReadOnlyList<XAttr> xattrs);

    /// <summary>Visits <paramref name="directory"/> and everything below it.</summary>
    /// <param name="handle">The handle.</param>
    /// <param name="directory">The top directory.</param>
    /// <param name="visitor">Called for each file.</param>
    /// <param name="cancellationToken">Cancels the walk.</param>
    /// <returns>A task.</returns>
    /// <exception cref="GuestfsException">A library call failed.</exception>
    /// <exception cref="VisitException">The daemon's extended attribute list is malformed (the message names the file).</exception>
    public static async Task VisitAsync(GuestfsHandle handle, string directory, Visitor visitor, CancellationToken cancellationToken)
    {
        var stat = await handle.LstatnsAsync(directory, cancellationToken).ConfigureAwait(false);
        var xattrs = await handle.LgetxattrsAsync(directory, cancellationToken).ConfigureAwait(false);
        await visitor(directory, null, stat, xattrs).ConfigureAwait(false);
        await VisitEntriesAsync(handle, directory, visitor, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>libguestfs's <c>guestfs_int_full_path</c>: <c>dir/name</c> without doubling the slash; <c>dir</c> when there is no name.</summary>
    /// <param name="directory">The directory.</param>
    /// <param name="name">The name, or null.</param>
    /// <returns>The path.</returns>
    public static string FullPath(string directory, string? name) =>
        name is null ? directory
        : directory.EndsWith('/') ? directory + name
        : directory + "/" + name;

    /// <summary>The S_IFMT bits of a mode.</summary>
    /// <param name="mode">The mode.</param>
    /// <returns>The file type bits.</returns>
    public static long FileType(long mode) => mode & 0xF000;

    /// <summary>Whether a mode is a directory's.</summary>
    /// <param name="mode">The mode.</param>
    /// <returns>True for a directory.</returns>
    public static bool IsDirectory(long mode) => FileType(mode) == 0x4000;

    private static async Task VisitEntriesAsync(GuestfsHandle handle, string directory, Visitor visitor, CancellationToken cancellationToken)
    {
        var names = await handle.LsAsync(directory, cancellationToken).ConfigureAwait(false);
        var stats = await handle.LstatnslistAsync(directory, names, cancellationToken).ConfigureAwait(false);
        var xattrs = await handle.LxattrlistAsync(directory, names, cancellationToken).ConfigureAwait(false);
        if (stats.Count < names.Count)
        {
            throw new VisitException($"error getting stats for {directory}");
        }

        var at = 0;
        for (var i = 0; i < names.Count; i++)
        {
            // Each file's attributes are preceded by an entry with an empty name whose value is their count.
            if (at >= xattrs.Count || xattrs[at].Attrname.Length != 0 || xattrs[at].Attrval.Length == 0)
            {
                throw new VisitException($"error getting extended attrs for {directory} {names[i]}");
            }

            if (!TryParseCount(xattrs[at].Attrval, out var count) || count > xattrs.Count - at - 1)
            {
                throw new VisitException($"error: cannot parse xattr count for {directory} {names[i]}");
            }

            var own = new XAttr[count];
            for (var j = 0; j < count; j++)
            {
                own[j] = xattrs[at + 1 + j];
            }

            at += count + 1;
            await visitor(directory, names[i], stats[i], own).ConfigureAwait(false);
            if (IsDirectory(stats[i].StMode))
            {
                await VisitEntriesAsync(handle, FullPath(directory, names[i]), visitor, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private static bool TryParseCount(byte[] value, out int count)
    {
        var text = Encoding.ASCII.GetString(value).TrimEnd('\0').Trim();
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out count);
    }
}

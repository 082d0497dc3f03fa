using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Guestfs.Protocol;
using Guestfs.Xdr;

namespace Guestfs;

/// <content>
/// The per-directory batch calls libguestfs implements on the library side (<c>lstatnslist</c>, <c>lstatlist</c>,
/// <c>lxattrlist</c>, <c>readlinklist</c>): the names are sent to the daemon's internal procedure in batches of
/// <see cref="ListBatchSize"/>, as libguestfs does to keep each request and reply inside the message size limit,
/// and the replies are joined in order. An empty name list makes no daemon call.
/// </content>
public sealed partial class GuestfsHandle
{
    /// <summary>How many names libguestfs 1.48.6 puts in one internal list call (its <c>*_MAX</c> constants).</summary>
    internal const int ListBatchSize = 1000;

    /// <summary>Returns <c>lstat</c> information for names in one directory (<c>lstatlist</c>, deprecated; built on <c>internal_lstatnslist</c>).</summary>
    /// <param name="path">The directory in the guest.</param>
    /// <param name="names">Names relative to <paramref name="path"/>.</param>
    /// <param name="cancellationToken">Cancels the wait; the appliance is then killed.</param>
    /// <returns>One entry per name, in order; the daemon marks names it could not examine with an inode of -1.</returns>
    public async partial Task<IReadOnlyList<Stat>> LstatlistAsync(string path, IReadOnlyList<string> names, CancellationToken cancellationToken)
    {
        ArgumentGuard.ThrowIfInvalidPathname(path);
        ArgumentGuard.ThrowIfInvalidStringList(names);
        List<StatNs> stats = await LibraryActionAsync("lstatlist", ListTraceArgs(path, names), () => LstatnsBatchesAsync(path, names, cancellationToken), cancellationToken)
            .ConfigureAwait(false);
        return stats.Select(ToStat).ToList();
    }

    /// <summary>Returns nanosecond <c>lstat</c> information for names in one directory (<c>lstatnslist</c>; built on <c>internal_lstatnslist</c>).</summary>
    /// <param name="path">The directory in the guest.</param>
    /// <param name="names">Names relative to <paramref name="path"/>.</param>
    /// <param name="cancellationToken">Cancels the wait; the appliance is then killed.</param>
    /// <returns>One entry per name, in order; the daemon marks names it could not examine with an inode of -1.</returns>
    public async partial Task<IReadOnlyList<StatNs>> LstatnslistAsync(string path, IReadOnlyList<string> names, CancellationToken cancellationToken)
    {
        ArgumentGuard.ThrowIfInvalidPathname(path);
        ArgumentGuard.ThrowIfInvalidStringList(names);
        return await LibraryActionAsync("lstatnslist", ListTraceArgs(path, names), () => LstatnsBatchesAsync(path, names, cancellationToken), cancellationToken)
            .ConfigureAwait(false);
    }

    /// <summary>Returns the extended attributes of names in one directory (<c>lxattrlist</c>; built on <c>internal_lxattrlist</c>).</summary>
    /// <param name="path">The directory in the guest.</param>
    /// <param name="names">Names relative to <paramref name="path"/>.</param>
    /// <param name="cancellationToken">Cancels the wait; the appliance is then killed.</param>
    /// <returns>
    /// For each name, a marker entry with an empty attribute name whose value is the count of attributes that follow
    /// (ASCII digits and a NUL), then those attributes; the daemon's format, passed through unchanged.
    /// </returns>
    public async partial Task<IReadOnlyList<XAttr>> LxattrlistAsync(string path, IReadOnlyList<string> names, CancellationToken cancellationToken)
    {
        ArgumentGuard.ThrowIfInvalidPathname(path);
        ArgumentGuard.ThrowIfInvalidStringList(names);
        return await LibraryActionAsync(
            "lxattrlist",
            ListTraceArgs(path, names),
            () => CallInBatchesAsync<InternalLxattrlistRet, XAttr>(
                Procedure.InternalLxattrlist, "internal_lxattrlist", batch => new InternalLxattrlistArgs(path, batch), ret => ret.Xattrs, names, cancellationToken),
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads the targets of symbolic links in one directory (<c>readlinklist</c>; built on <c>internal_readlinklist</c>).</summary>
    /// <param name="path">The directory in the guest.</param>
    /// <param name="names">Names relative to <paramref name="path"/>.</param>
    /// <param name="cancellationToken">Cancels the wait; the appliance is then killed.</param>
    /// <returns>One target per name, in order; an empty string where the name is not a link or could not be read.</returns>
    public async partial Task<IReadOnlyList<string>> ReadlinklistAsync(string path, IReadOnlyList<string> names, CancellationToken cancellationToken)
    {
        ArgumentGuard.ThrowIfInvalidPathname(path);
        ArgumentGuard.ThrowIfInvalidStringList(names);
        return await LibraryActionAsync(
            "readlinklist",
            ListTraceArgs(path, names),
            () => CallInBatchesAsync<InternalReadlinklistRet, string>(
                Procedure.InternalReadlinklist, "internal_readlinklist", batch => new InternalReadlinklistArgs(path, batch), ret => ret.Links, names, cancellationToken),
            cancellationToken).ConfigureAwait(false);
    }

    private Task<List<StatNs>> LstatnsBatchesAsync(string path, IReadOnlyList<string> names, CancellationToken cancellationToken) =>
        CallInBatchesAsync<InternalLstatnslistRet, StatNs>(
            Procedure.InternalLstatnslist, "internal_lstatnslist", batch => new InternalLstatnslistArgs(path, batch), ret => ret.Statbufs, names, cancellationToken);

    /// <summary>Calls an internal list procedure once per batch of names and joins the replies' items in order.</summary>
    private async Task<List<TItem>> CallInBatchesAsync<TRet, TItem>(
        Procedure procedure,
        string procedureName,
        Func<IReadOnlyList<string>, IXdrEncodable> arguments,
        Func<TRet, IEnumerable<TItem>> items,
        IReadOnlyList<string> names,
        CancellationToken cancellationToken)
        where TRet : IXdrDecodable<TRet>
    {
        var all = new List<TItem>(names.Count);
        foreach (IReadOnlyList<string> batch in Batches(names))
        {
            TRet ret = await CallCoreAsync<TRet>(procedure, arguments(batch), 0, new CallTransfer(ActionName: procedureName), procedureName, cancellationToken)
                .ConfigureAwait(false);
            all.AddRange(items(ret));
        }

        return all;
    }

    /// <summary>Splits names into consecutive batches of at most <see cref="ListBatchSize"/>; none for an empty list.</summary>
    internal static IEnumerable<IReadOnlyList<string>> Batches(IReadOnlyList<string> names)
    {
        for (int start = 0; start < names.Count; start += ListBatchSize)
        {
            int count = Math.Min(ListBatchSize, names.Count - start);
            var batch = new string[count];
            for (int i = 0; i < count; i++)
            {
                batch[i] = names[start + i];
            }

            yield return batch;
        }
    }

    private static string ListTraceArgs(string path, IReadOnlyList<string> names) =>
        "\"" + path + "\" " + TraceFormatter.FormatArgument(names);
}

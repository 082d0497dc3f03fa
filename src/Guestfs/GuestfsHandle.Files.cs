using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Guestfs.Protocol;

namespace Guestfs;

/// <content>File helpers libguestfs implements on the library side, built on daemon procedures.</content>
public sealed partial class GuestfsHandle
{
    /// <summary>Returns the content of a file as text (<c>cat</c>; built on <c>download</c>).</summary>
    /// <param name="path">Absolute path in the guest.</param>
    /// <param name="cancellationToken">Cancels by the download's cancel handshake.</param>
    /// <returns>The content, decoded as UTF-8.</returns>
    public async partial Task<string> CatAsync(string path, CancellationToken cancellationToken)
    {
        ArgumentGuard.ThrowIfInvalidPathname(path);
        byte[] content = await LibraryActionAsync("cat", path, () => DownloadToArrayAsync(Procedure.Download, new DownloadArgs(path), "download", cancellationToken), cancellationToken)
            .ConfigureAwait(false);
        return Encoding.UTF8.GetString(content);
    }

    /// <summary>Returns the content of a file as bytes (<c>read_file</c>; built on <c>download</c>).</summary>
    /// <param name="path">Absolute path in the guest.</param>
    /// <param name="cancellationToken">Cancels by the download's cancel handshake.</param>
    /// <returns>The content.</returns>
    public partial Task<byte[]> ReadFileAsync(string path, CancellationToken cancellationToken)
    {
        ArgumentGuard.ThrowIfInvalidPathname(path);
        return LibraryActionAsync("read_file", path, () => DownloadToArrayAsync(Procedure.Download, new DownloadArgs(path), "download", cancellationToken), cancellationToken);
    }

    /// <summary>
    /// Returns the lines of a text file (<c>read_lines</c>): split on <c>\n</c>, a trailing <c>\r</c> removed from
    /// each line, no empty last line for a final newline.
    /// </summary>
    /// <param name="path">Absolute path in the guest.</param>
    /// <param name="cancellationToken">Cancels by the download's cancel handshake.</param>
    /// <returns>The lines.</returns>
    public async partial Task<IReadOnlyList<string>> ReadLinesAsync(string path, CancellationToken cancellationToken)
    {
        ArgumentGuard.ThrowIfInvalidPathname(path);
        byte[] content = await LibraryActionAsync("read_lines", path, () => DownloadToArrayAsync(Procedure.Download, new DownloadArgs(path), "download", cancellationToken), cancellationToken)
            .ConfigureAwait(false);
        string text = Encoding.UTF8.GetString(content);
        var lines = new List<string>();
        int start = 0;
        while (start < text.Length)
        {
            int end = text.IndexOf('\n', start);
            string line = end < 0 ? text.Substring(start) : text.Substring(start, end - start);
            if (line.EndsWith('\r'))
            {
                line = line.Substring(0, line.Length - 1);
            }

            lines.Add(line);
            if (end < 0)
            {
                break;
            }

            start = end + 1;
        }

        return lines;
    }

    /// <summary>Creates or replaces a file with <paramref name="content"/> (<c>write</c>; built on <c>internal_write</c>).</summary>
    /// <param name="path">Absolute path in the guest.</param>
    /// <param name="content">The bytes (up to about 2 MiB: the whole call must fit in one protocol message).</param>
    /// <param name="cancellationToken">Cancels the wait; the appliance is then killed.</param>
    /// <returns>A task that completes when the file is written.</returns>
    public partial Task WriteAsync(string path, byte[] content, CancellationToken cancellationToken)
    {
        ArgumentGuard.ThrowIfInvalidPathname(path);
        ArgumentGuard.ThrowIfNull(content);
        return LibraryActionAsync("write", $"\"{path}\" <buffer of {content.Length} bytes>", async () =>
        {
            await CallCoreAsync<NoReply>(Procedure.InternalWrite, new InternalWriteArgs(path, content), 0, new CallTransfer(ActionName: "internal_write"), "internal_write", cancellationToken)
                .ConfigureAwait(false);
            return 0;
        }, cancellationToken);
    }

    /// <summary>Appends <paramref name="content"/> to a file (<c>write_append</c>; built on <c>internal_write_append</c>).</summary>
    /// <param name="path">Absolute path in the guest.</param>
    /// <param name="content">The bytes.</param>
    /// <param name="cancellationToken">Cancels the wait; the appliance is then killed.</param>
    /// <returns>A task that completes when the bytes are appended.</returns>
    public partial Task WriteAppendAsync(string path, byte[] content, CancellationToken cancellationToken)
    {
        ArgumentGuard.ThrowIfInvalidPathname(path);
        ArgumentGuard.ThrowIfNull(content);
        return LibraryActionAsync("write_append", $"\"{path}\" <buffer of {content.Length} bytes>", async () =>
        {
            await CallCoreAsync<NoReply>(Procedure.InternalWriteAppend, new InternalWriteAppendArgs(path, content), 0, new CallTransfer(ActionName: "internal_write_append"), "internal_write_append", cancellationToken)
                .ConfigureAwait(false);
            return 0;
        }, cancellationToken);
    }

    /// <summary>
    /// Lists the names in a directory, without <c>.</c> and <c>..</c>, sorted (<c>ls</c>; built on <c>ls0</c>).
    /// </summary>
    /// <param name="directory">Absolute path in the guest.</param>
    /// <param name="cancellationToken">Cancels by the download's cancel handshake.</param>
    /// <returns>The names.</returns>
    public async partial Task<IReadOnlyList<string>> LsAsync(string directory, CancellationToken cancellationToken)
    {
        ArgumentGuard.ThrowIfInvalidPathname(directory);
        byte[] content = await LibraryActionAsync("ls", directory, () => DownloadToArrayAsync(Procedure.Ls0, new Ls0Args(directory), "ls0", cancellationToken), cancellationToken)
            .ConfigureAwait(false);
        return SplitSortedNames(content);
    }

    /// <summary>Lists everything below a directory (<c>find</c>, built on <c>find0</c>), sorted.</summary>
    /// <param name="directory">Absolute path in the guest.</param>
    /// <param name="cancellationToken">Cancels by the download's cancel handshake.</param>
    /// <returns>Paths relative to <paramref name="directory"/>, each starting with <c>/</c>, in byte order.</returns>
    public async partial Task<IReadOnlyList<string>> FindAsync(string directory, CancellationToken cancellationToken)
    {
        ArgumentGuard.ThrowIfInvalidPathname(directory);
        byte[] content = await LibraryActionAsync("find", directory, () => DownloadToArrayAsync(Procedure.Find0, new Find0Args(directory), "find0", cancellationToken), cancellationToken)
            .ConfigureAwait(false);
        return SplitSortedNames(content);
    }

    /// <summary>Splits NUL-separated names as <c>ls0</c> and <c>find0</c> send them, sorted in byte order.</summary>
    private static List<string> SplitSortedNames(byte[] content)
    {
        var names = new List<string>();
        int start = 0;
        for (int i = 0; i < content.Length; i++)
        {
            if (content[i] == 0)
            {
                if (i > start)
                {
                    names.Add(Encoding.UTF8.GetString(content, start, i - start));
                }

                start = i + 1;
            }
        }

        if (start < content.Length)
        {
            names.Add(Encoding.UTF8.GetString(content, start, content.Length - start));
        }

        names.Sort(StringComparer.Ordinal);
        return names;
    }

    /// <summary>Returns file status, following symlinks (<c>stat</c>, deprecated; built on <c>statns</c>).</summary>
    /// <param name="path">Absolute path in the guest.</param>
    /// <param name="cancellationToken">Cancels the wait; the appliance is then killed.</param>
    /// <returns>The status.</returns>
    public async partial Task<Stat> StatAsync(string path, CancellationToken cancellationToken)
    {
        ArgumentGuard.ThrowIfInvalidPathname(path);
        StatnsRet ret = await LibraryActionAsync("stat", path, () =>
            CallCoreAsync<StatnsRet>(Procedure.Statns, new StatnsArgs(path), 0, new CallTransfer(ActionName: "statns"), "statns", cancellationToken), cancellationToken)
            .ConfigureAwait(false);
        return ToStat(ret.Statbuf);
    }

    /// <summary>Returns file status without following symlinks (<c>lstat</c>, deprecated; built on <c>lstatns</c>).</summary>
    /// <param name="path">Absolute path in the guest.</param>
    /// <param name="cancellationToken">Cancels the wait; the appliance is then killed.</param>
    /// <returns>The status.</returns>
    public async partial Task<Stat> LstatAsync(string path, CancellationToken cancellationToken)
    {
        ArgumentGuard.ThrowIfInvalidPathname(path);
        LstatnsRet ret = await LibraryActionAsync("lstat", path, () =>
            CallCoreAsync<LstatnsRet>(Procedure.Lstatns, new LstatnsArgs(path), 0, new CallTransfer(ActionName: "lstatns"), "lstatns", cancellationToken), cancellationToken)
            .ConfigureAwait(false);
        return ToStat(ret.Statbuf);
    }

    private static Stat ToStat(StatNs s) =>
        new(s.StDev, s.StIno, s.StMode, s.StNlink, s.StUid, s.StGid, s.StRdev, s.StSize, s.StBlksize, s.StBlocks,
            s.StAtimeSec, s.StMtimeSec, s.StCtimeSec);

    private async Task<byte[]> DownloadToArrayAsync(Procedure procedure, Xdr.IXdrEncodable? args, string actionName, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await CallCoreAsync<NoReply>(procedure, args, 0, new CallTransfer(Download: buffer, ActionName: actionName), actionName, cancellationToken)
            .ConfigureAwait(false);
        return buffer.ToArray();
    }

    /// <summary>Runs a library-side action that makes daemon calls: one guard for all of them, traced as one action.</summary>
    private async Task<T> LibraryActionAsync<T>(string name, string traceArgs, Func<Task<T>> body, CancellationToken cancellationToken)
    {
        using UserAction action = await StartUserActionAsync(GuestfsState.Ready, name, cancellationToken).ConfigureAwait(false);
        return await TraceActionAsync(
            name,
            name + " " + (traceArgs.StartsWith('"') ? traceArgs : "\"" + traceArgs + "\""),
            body,
            static r => r is int ? "0" : TraceFormatter.FormatValue(r)).ConfigureAwait(false);
    }

    /// <summary>
    /// Raises the enter event for an action the library runs itself and, when tracing, writes its call line and then
    /// its result (or <c>-1 (error)</c>), as the generated actions do.
    /// </summary>
    private async Task<T> TraceActionAsync<T>(string name, string callLine, Func<Task<T>> body, Func<T, string> formatResult)
    {
        bool tracing = _trace;
        RaiseEvent(GuestfsEvents.Enter, name, null);
        if (tracing)
        {
            TraceLine(callLine);
        }

        T result;
        try
        {
            result = await body().ConfigureAwait(false);
        }
        catch
        {
            if (tracing)
            {
                TraceLine(name + " = -1 (error)");
            }

            throw;
        }

        if (tracing)
        {
            TraceLine(name + " = " + formatResult(result));
        }

        return result;
    }
}

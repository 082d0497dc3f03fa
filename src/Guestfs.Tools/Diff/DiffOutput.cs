using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Guestfs.Tools.Common;

namespace Guestfs.Tools.Diff;

/// <summary>diff.c's <c>diff_guests</c> and its <c>output_*</c> functions: the merge of two walks, line by line.</summary>
internal sealed class DiffOutput
{
    private readonly ToolContext _context;
    private readonly DiffSettings _settings;
    private readonly StreamWriter _out;
    private readonly bool _verbose;
    private int _field;

    /// <summary>Creates the output over the tool's standard output.</summary>
    /// <param name="context">The context.</param>
    /// <param name="settings">The options.</param>
    /// <param name="verbose">Print the diff command on standard error.</param>
    public DiffOutput(ToolContext context, DiffSettings settings, bool verbose)
    {
        _context = context;
        _settings = settings;
        _verbose = verbose;
        _out = new StreamWriter(context.Stdout, new UTF8Encoding(false), 65536, leaveOpen: true) { NewLine = "\n" };
    }

    /// <summary>
    /// Walks both lists together as stock does: by byte order of the paths, in the order the walks produced them (a
    /// path lower than the other side's is deleted, higher is added, equal is compared).
    /// </summary>
    /// <param name="g1">The first guest's handle.</param>
    /// <param name="tree1">The first guest's files.</param>
    /// <param name="g2">The second guest's handle.</param>
    /// <param name="tree2">The second guest's files.</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    /// <returns>A task.</returns>
    public async Task CompareAsync(GuestfsHandle g1, IReadOnlyList<DiffFile> tree1, GuestfsHandle g2, IReadOnlyList<DiffFile> tree2, CancellationToken cancellationToken)
    {
        int i1 = 0, i2 = 0;
        while (i1 < tree1.Count || i2 < tree2.Count)
        {
            if (i1 < tree1.Count && i2 < tree2.Count)
            {
                var comparison = CompareBytes(tree1[i1].Path, tree2[i2].Path);
                if (comparison < 0)
                {
                    await LineAsync("-", g1, tree1[i1++], cancellationToken).ConfigureAwait(false);
                }
                else if (comparison > 0)
                {
                    await LineAsync("+", g2, tree2[i2++], cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    var file1 = tree1[i1++];
                    var file2 = tree2[i2++];
                    var statsDiffer = file1.Stat != file2.Stat || !SameXattrs(file1.Xattrs, file2.Xattrs);
                    if (statsDiffer)
                    {
                        await ChangedAsync(g1, file1, g2, file2, statsDiffer: true, contentDiffers: false, cancellationToken).ConfigureAwait(false);
                    }
                    else if (file1.Checksum is not null && file2.Checksum is not null)
                    {
                        await ChangedAsync(g1, file1, g2, file2, statsDiffer: false, contentDiffers: file1.Checksum != file2.Checksum, cancellationToken).ConfigureAwait(false);
                    }
                }
            }
            else if (i1 < tree1.Count)
            {
                await LineAsync("-", g1, tree1[i1++], cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await LineAsync("+", g2, tree2[i2++], cancellationToken).ConfigureAwait(false);
            }
        }

        await _out.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task ChangedAsync(GuestfsHandle g1, DiffFile file1, GuestfsHandle g2, DiffFile file2, bool statsDiffer, bool contentDiffers, CancellationToken cancellationToken)
    {
        var regular = IsRegular(file1.Stat) && IsRegular(file2.Stat);
        if (contentDiffers
            || (regular && (file1.Stat.StMtimeSec != file2.Stat.StMtimeSec || file1.Stat.StCtimeSec != file2.Stat.StCtimeSec || file1.Stat.StSize != file2.Stat.StSize)))
        {
            await LineAsync("=", g1, file1, cancellationToken).ConfigureAwait(false);
            if (!_settings.Csv)
            {
                await _out.FlushAsync(cancellationToken).ConfigureAwait(false);
                await _context.Stdout.FlushAsync(cancellationToken).ConfigureAwait(false);
                await ContentDiffAsync(g1, file1, g2, file2, cancellationToken).ConfigureAwait(false);
            }
        }
        else if (statsDiffer)
        {
            await LineAsync("-", g1, file1, cancellationToken).ConfigureAwait(false);
            await LineAsync("+", g2, file2, cancellationToken).ConfigureAwait(false);
            _field = 0;
            Field("#");
            Field("changed:");
            var (a, b) = (file1.Stat, file2.Stat);
            Changed(a.StDev != b.StDev, "st_dev");
            Changed(a.StIno != b.StIno, "st_ino");
            Changed(a.StMode != b.StMode, "st_mode");
            Changed(a.StNlink != b.StNlink, "st_nlink");
            Changed(a.StUid != b.StUid, "st_uid");
            Changed(a.StGid != b.StGid, "st_gid");
            Changed(a.StRdev != b.StRdev, "st_rdev");
            Changed(a.StSize != b.StSize, "st_size");
            Changed(a.StBlksize != b.StBlksize, "st_blksize");
            Changed(a.StBlocks != b.StBlocks, "st_blocks");
            Changed(a.StAtimeSec != b.StAtimeSec, "st_atime_sec");
            Changed(a.StMtimeSec != b.StMtimeSec, "st_mtime_sec");
            Changed(a.StCtimeSec != b.StCtimeSec, "st_ctime_sec");
            Changed(!SameXattrs(file1.Xattrs, file2.Xattrs), "xattrs");
            _out.Write('\n');
        }
    }

    private void Changed(bool differs, string name)
    {
        if (differs)
        {
            Field(name);
        }
    }

    /// <summary>
    /// Both versions downloaded to a private directory and compared by the host's <c>diff -u</c> without its two
    /// header lines, then <c>@@ End of diff @@</c>, as stock.
    /// </summary>
    private async Task ContentDiffAsync(GuestfsHandle g1, DiffFile file1, GuestfsHandle g2, DiffFile file2, CancellationToken cancellationToken)
    {
        var directory = Directory.CreateTempSubdirectory("virtdiff").FullName;
        try
        {
            var a = Path.Combine(directory, "a");
            var b = Path.Combine(directory, "b");
            try
            {
                await using (var stream = File.Create(a))
                {
                    await g1.DownloadAsync(file1.Path, stream, null, cancellationToken).ConfigureAwait(false);
                }

                await using (var stream = File.Create(b))
                {
                    await g2.DownloadAsync(file2.Path, stream, null, cancellationToken).ConfigureAwait(false);
                }
            }
            catch (GuestfsException e)
            {
                _context.Stderr.Write(GuestSession.LibraryErrorLine(e));
                return;
            }

            var command = $"diff -u '{a}' '{b}' | tail -n +3";
            if (_verbose)
            {
                _context.Stderr.Write(command + "\n");
            }

            // The pipeline writes straight to our standard output, after what is already flushed.
            using var process = Process.Start(new ProcessStartInfo("/bin/sh") { ArgumentList = { "-c", command }, UseShellExecute = false })!;
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
            if (process.ExitCode != 0)
            {
                _context.Stderr.Write($"{_context.Name}: external diff command failed\n");
                return;
            }

            _out.Write("@@ End of diff @@\n");
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private async Task LineAsync(string marker, GuestfsHandle g, DiffFile file, CancellationToken cancellationToken)
    {
        _field = 0;
        Field(marker);
        var stat = file.Stat;
        Field(StatFields.FileTypeChar(stat.StMode).ToString());
        Field(StatFields.Permissions(stat.StMode));
        Field(StatFields.Size(stat.StSize, _settings.Human, _settings.Csv));
        if (_settings.Uids)
        {
            Field(Uid(stat.StUid));
            Field(Uid(stat.StGid));
        }

        if (_settings.Times)
        {
            if (_settings.Atime)
            {
                Field(Time(stat.StAtimeSec));
            }

            Field(Time(stat.StMtimeSec));
            Field(Time(stat.StCtimeSec));
        }

        if (_settings.ExtraStats)
        {
            Field(StatFields.Device(stat.StDev));
            Field(StatFields.Number(stat.StIno));
            Field(StatFields.Number(stat.StNlink));
            Field(StatFields.Device(stat.StRdev));
            Field(StatFields.Number(stat.StBlocks));
        }

        if (file.Checksum is not null)
        {
            Field(Quote(file.Checksum));
        }

        Field(Quote(file.Path));
        if (GuestVisitor.FileType(stat.StMode) == 0xA000)
        {
            try
            {
                var link = await g.ReadlinkAsync(file.Path, cancellationToken).ConfigureAwait(false);
                Field(_settings.Csv ? Quote(link) : "-> " + link);
            }
            catch (GuestfsException e)
            {
                await _out.FlushAsync(cancellationToken).ConfigureAwait(false);
                _context.Stderr.Write(GuestSession.LibraryErrorLine(e));
            }
        }

        if (_settings.Xattrs)
        {
            foreach (var xattr in file.Xattrs)
            {
                Field(Quote(xattr.Attrname));
                Field(Binary(xattr.Attrval));
            }
        }

        _out.Write('\n');
    }

    private void Field(string text)
    {
        if (_field++ > 0)
        {
            _out.Write(_settings.Csv ? ',' : ' ');
        }

        _out.Write(text);
    }

    private string Quote(string text) => StatFields.Quote(text, _settings.Csv);

    private string Uid(long id) => _settings.Csv ? StatFields.Number(id) : StatFields.Number(id).PadLeft(4);

    private string Time(long seconds) => StatFields.Time(seconds, _settings.TimeStyle, _settings.Now);

    /// <summary>
    /// diff.c's <c>output_binary</c>: printable ASCII as is, other bytes as <c>\xHH</c>; under <c>--csv</c> a value
    /// with any of those, a space, quote or comma is quoted, and its other bytes are printed by <c>\x%2x</c> (space
    /// padded), as stock does.
    /// </summary>
    private string Binary(byte[] value)
    {
        static bool Printable(byte c) => c is >= 0x20 and < 0x7F;
        var text = new StringBuilder();
        var quote = _settings.Csv && Array.Exists(value, c => !Printable(c) || c is (byte)' ' or (byte)'"' or (byte)',');
        if (!quote)
        {
            foreach (var c in value)
            {
                text.Append(Printable(c) ? ((char)c).ToString() : $"\\x{c:x2}");
            }

            return text.ToString();
        }

        text.Append('"');
        foreach (var c in value)
        {
            // printf ("\\x%2x", (unsigned) s[i]) of a signed char: bytes over 0x7f print as ffffffHH.
            text.Append(c == (byte)'"' ? "\"\"" : Printable(c) ? ((char)c).ToString() : "\\x" + (c >= 0x80 ? ((uint)(sbyte)c).ToString("x") : c.ToString("x").PadLeft(2)));
        }

        return text.Append('"').ToString();
    }

    private static bool IsRegular(StatNs stat) => GuestVisitor.FileType(stat.StMode) == 0x8000;

    /// <summary>guestfs_compare_xattr_list: the same names and values in the same order.</summary>
    private static bool SameXattrs(IReadOnlyList<XAttr> a, IReadOnlyList<XAttr> b)
    {
        if (a.Count != b.Count)
        {
            return false;
        }

        for (var i = 0; i < a.Count; i++)
        {
            if (a[i].Attrname != b[i].Attrname || !a[i].Attrval.AsSpan().SequenceEqual(b[i].Attrval))
            {
                return false;
            }
        }

        return true;
    }

    private static int CompareBytes(string a, string b) =>
        Encoding.UTF8.GetBytes(a).AsSpan().SequenceCompareTo(Encoding.UTF8.GetBytes(b));
}

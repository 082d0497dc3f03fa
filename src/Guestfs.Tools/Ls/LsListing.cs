using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Guestfs.Tools.Common;

namespace Guestfs.Tools.Ls;

/// <summary>Lists directories of a mounted guest in virt-ls's four modes (plain, <c>-l</c>, <c>-R</c>, <c>-lR</c>), as text or JSON.</summary>
internal sealed class LsListing
{
    private readonly ToolContext _context;
    private readonly GuestfsHandle _handle;
    private readonly LsSettings _settings;
    private readonly StreamWriter _out;
    private readonly Utf8JsonWriter? _json;
    private int _field;

    /// <summary>Creates the listing.</summary>
    /// <param name="context">The context (output goes to its standard output).</param>
    /// <param name="handle">The launched, mounted handle.</param>
    /// <param name="settings">The flags.</param>
    public LsListing(ToolContext context, GuestfsHandle handle, LsSettings settings)
    {
        _context = context;
        _handle = handle;
        _settings = settings;
        _out = new StreamWriter(context.Stdout, new UTF8Encoding(false), 65536, leaveOpen: true) { NewLine = "\n" };
        if (settings.Json)
        {
            _json = new Utf8JsonWriter(context.Stdout, new JsonWriterOptions { Indented = true });
        }
    }

    /// <summary>Lists each directory; a failure is reported and counted, and the next directory is listed.</summary>
    /// <param name="directories">The directories.</param>
    /// <param name="cancellationToken">Cancels the listing.</param>
    /// <returns>The exit status: 0, or 1 when a directory failed.</returns>
    public async Task<int> RunAsync(IReadOnlyList<string> directories, CancellationToken cancellationToken)
    {
        var errors = 0;
        _json?.WriteStartArray();
        foreach (var directory in directories)
        {
            try
            {
                await ListAsync(directory, cancellationToken).ConfigureAwait(false);
            }
            catch (GuestfsException e)
            {
                await FlushAsync(cancellationToken).ConfigureAwait(false);
                _context.Stderr.Write(GuestSession.LibraryErrorLine(e));
                errors++;
            }
            catch (VisitException e)
            {
                await FlushAsync(cancellationToken).ConfigureAwait(false);
                _context.Stderr.Write($"{_context.Name}: {e.Message}\n");
                errors++;
            }
        }

        if (_json is not null)
        {
            _json.WriteEndArray();
            await _json.FlushAsync(cancellationToken).ConfigureAwait(false);
            await _context.Stdout.WriteAsync("\n"u8.ToArray(), cancellationToken).ConfigureAwait(false);
        }

        await FlushAsync(cancellationToken).ConfigureAwait(false);
        if (_json is not null)
        {
            await _json.DisposeAsync().ConfigureAwait(false); // only after the last flush, which still uses it
        }

        return errors == 0 ? 0 : 1;
    }

    private async Task FlushAsync(CancellationToken cancellationToken)
    {
        await _out.FlushAsync(cancellationToken).ConfigureAwait(false);
        if (_json is not null)
        {
            await _json.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task ListAsync(string directory, CancellationToken cancellationToken)
    {
        switch (_settings.Long, _settings.Recursive)
        {
            case (false, false):
                WriteNames(await _handle.LsAsync(directory, cancellationToken).ConfigureAwait(false));
                break;
            case (true, false):
                _out.Write(await _handle.LlAsync(directory, cancellationToken).ConfigureAwait(false));
                break;
            case (false, true):
                WriteNames(await _handle.FindAsync(directory, cancellationToken).ConfigureAwait(false));
                break;
            default:
                await GuestVisitor.VisitAsync(
                    _handle,
                    directory,
                    (dir, name, stat, _) => ShowFileAsync(GuestVisitor.FullPath(dir, name), stat, cancellationToken),
                    cancellationToken).ConfigureAwait(false);
                break;
        }
    }

    private void WriteNames(IReadOnlyList<string> names)
    {
        foreach (var name in names)
        {
            if (_json is not null)
            {
                _json.WriteStringValue(name);
            }
            else
            {
                _out.Write(name);
                _out.Write('\n');
            }
        }
    }

    /// <summary>One <c>-lR</c> line (ls.c's <c>show_file</c>).</summary>
    private async Task ShowFileAsync(string path, StatNs stat, CancellationToken cancellationToken)
    {
        var type = FileTypeChar(stat.StMode);
        string? checksum = null;
        if (_settings.Checksum is { } checksumType && type == '-')
        {
            try
            {
                checksum = await _handle.ChecksumAsync(checksumType, path, cancellationToken).ConfigureAwait(false);
            }
            catch (GuestfsException e)
            {
                throw new ToolExitException(GuestSession.LibraryErrorLine(e));
            }
        }

        string? link = null;
        if (type == 'l')
        {
            try
            {
                link = await _handle.ReadlinkAsync(path, cancellationToken).ConfigureAwait(false);
            }
            catch (GuestfsException e)
            {
                await FlushAsync(cancellationToken).ConfigureAwait(false);
                _context.Stderr.Write(GuestSession.LibraryErrorLine(e));
            }
        }

        if (_json is not null)
        {
            WriteJson(path, type, stat, checksum, link);
            return;
        }

        _field = 0;
        Field(type.ToString());
        Field(StatFields.Permissions(stat.StMode));
        Field(Size(stat.StSize));
        if (_settings.Uids)
        {
            Field(Number(stat.StUid).PadLeft(4));
            Field(Number(stat.StGid).PadLeft(4));
        }

        if (_settings.Times)
        {
            Field(Time(stat.StAtimeSec));
            Field(Time(stat.StMtimeSec));
            Field(Time(stat.StCtimeSec));
        }

        if (_settings.ExtraStats)
        {
            Field(Device(stat.StDev));
            Field(Number(stat.StIno));
            Field(Number(stat.StNlink));
            Field(Device(stat.StRdev));
            Field(Number(stat.StBlocks));
        }

        if (checksum is not null)
        {
            Field(Quote(checksum));
        }
        else if (_settings.Checksum is not null && _settings.Csv)
        {
            Field(string.Empty);
        }

        Field(Quote(path));
        if (link is not null)
        {
            Field(_settings.Csv ? Quote(link) : "-> " + link);
        }

        _out.Write('\n');
    }

    private void WriteJson(string path, char type, StatNs stat, string? checksum, string? link)
    {
        var json = _json!;
        json.WriteStartObject();
        json.WriteString("path", path);
        json.WriteString("type", type.ToString());
        json.WriteNumber("mode", stat.StMode & 0xFFF);
        json.WriteNumber("size", stat.StSize);
        if (_settings.Uids)
        {
            json.WriteNumber("uid", stat.StUid);
            json.WriteNumber("gid", stat.StGid);
        }

        if (_settings.Times)
        {
            json.WriteNumber("atime", stat.StAtimeSec);
            json.WriteNumber("mtime", stat.StMtimeSec);
            json.WriteNumber("ctime", stat.StCtimeSec);
        }

        if (_settings.ExtraStats)
        {
            json.WriteString("dev", Device(stat.StDev));
            json.WriteNumber("ino", stat.StIno);
            json.WriteNumber("nlink", stat.StNlink);
            json.WriteString("rdev", Device(stat.StRdev));
            json.WriteNumber("blocks", stat.StBlocks);
        }

        if (checksum is not null)
        {
            json.WriteString("checksum", checksum);
        }

        if (link is not null)
        {
            json.WriteString("link", link);
        }

        json.WriteEndObject();
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

    private string Size(long size) => StatFields.Size(size, _settings.Human, _settings.Csv);

    private string Time(long seconds) => StatFields.Time(seconds, _settings.TimeStyle, _settings.Now);

    private static string Number(long n) => StatFields.Number(n);

    private static string Device(long device) => StatFields.Device(device);

    private static char FileTypeChar(long mode) => StatFields.FileTypeChar(mode);
}

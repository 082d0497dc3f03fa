using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace Guestfs;

/// <summary>
/// A disk named on a command line (<c>-a</c>): a local file, or a URI such as <c>nbd://host:port/export</c>,
/// <c>nbd:///export?socket=/path</c>, <c>http://host/disk.img</c>, <c>ssh://user@host/path</c>,
/// <c>iscsi://host/iqn.2024-01.example:target/0</c>, <c>rbd://host:6789/pool/image</c> or
/// <c>gluster://host/volume/path</c>, parsed as libguestfs's tools parse it (common/options/uri.c). Only an
/// argument that starts with 1 to 8 lower-case letters and <c>://</c> is a URI; anything else is a file name.
/// </summary>
/// <remarks>
/// As in libguestfs, the leading <c>/</c> of the path is dropped for gluster, iscsi, rbd and sheepdog. For nbd it is
/// dropped too, as NBD URIs and qemu define (<c>nbd://host/disk</c> names the export <c>disk</c>), where libguestfs
/// 1.48 passes <c>/disk</c>. A password in the URI becomes <see cref="AddDriveOptions.Secret"/>. The text form of
/// this object never shows the password.
/// </remarks>
public sealed class DriveUri
{
    private DriveUri(string path, string protocol, IReadOnlyList<string>? server, string? username, string? password)
    {
        Path = path;
        Protocol = protocol;
        Server = server;
        Username = username;
        Password = password;
    }

    /// <summary>The file name to pass to <c>add_drive</c>: the file, or the URI's export or path.</summary>
    public string Path { get; }

    /// <summary><c>file</c>, or the URI's scheme.</summary>
    public string Protocol { get; }

    /// <summary>The server list (<c>tcp:HOST[:PORT]</c> or <c>unix:SOCKET</c>), or <see langword="null"/>.</summary>
    public IReadOnlyList<string>? Server { get; }

    /// <summary>The user name from the URI, or <see langword="null"/>.</summary>
    public string? Username { get; }

    /// <summary>The password from the URI, or <see langword="null"/>.</summary>
    public string? Password { get; }

    /// <summary>Whether <paramref name="argument"/> looks like a URI: 1 to 8 lower-case ASCII letters, then <c>://</c>.</summary>
    /// <param name="argument">The command-line argument.</param>
    /// <returns>The answer.</returns>
    public static bool IsUri(string argument)
    {
        ArgumentNullException.ThrowIfNull(argument);
        int end = argument.IndexOf("://", StringComparison.Ordinal);
        if (end is < 1 or > 8)
        {
            return false;
        }

        foreach (char c in argument.AsSpan(0, end))
        {
            if (!char.IsAsciiLetterLower(c))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Parses a <c>-a</c> argument.</summary>
    /// <param name="argument">A file name or a URI.</param>
    /// <returns>The drive.</returns>
    /// <exception cref="FormatException">The URI cannot be parsed; the message says why.</exception>
    public static DriveUri Parse(string argument)
    {
        ArgumentNullException.ThrowIfNull(argument);
        if (!IsUri(argument))
        {
            return new DriveUri(argument, "file", null, null, null);
        }

        int schemeEnd = argument.IndexOf("://", StringComparison.Ordinal);
        string scheme = argument[..schemeEnd];
        string rest = argument[(schemeEnd + 3)..];
        int fragment = rest.IndexOf('#', StringComparison.Ordinal);
        if (fragment >= 0)
        {
            rest = rest[..fragment];
        }

        string? query = null;
        int question = rest.IndexOf('?', StringComparison.Ordinal);
        if (question >= 0)
        {
            query = rest[(question + 1)..];
            rest = rest[..question];
        }

        int slash = rest.IndexOf('/', StringComparison.Ordinal);
        string authority = slash < 0 ? rest : rest[..slash];
        string path = slash < 0 ? string.Empty : Unescape(argument, rest[slash..]);

        string? userInfo = null;
        int at = authority.LastIndexOf('@');
        if (at >= 0)
        {
            userInfo = authority[..at];
            authority = authority[(at + 1)..];
        }

        string host;
        string? portText = null;
        if (authority.StartsWith('['))
        {
            int close = authority.IndexOf(']', StringComparison.Ordinal);
            if (close < 0 || (close + 1 < authority.Length && authority[close + 1] != ':'))
            {
                throw Bad(argument, "the IPv6 address in the server part must be in brackets, optionally followed by ':PORT'");
            }

            host = authority[..(close + 1)];
            portText = close + 1 < authority.Length ? authority[(close + 2)..] : null;
        }
        else
        {
            int colon = authority.LastIndexOf(':');
            host = colon < 0 ? authority : authority[..colon];
            portText = colon < 0 ? null : authority[(colon + 1)..];
        }

        host = Unescape(argument, host);
        int port = 0;
        if (!string.IsNullOrEmpty(portText)
            && (!int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out port) || port is <= 0 or > 65535))
        {
            throw Bad(argument, $"'{portText}' is not a port number");
        }

        string? socket = query is null ? null : QueryGet(argument, query, "socket");
        if (host.Length > 0 && socket is not null)
        {
            throw Bad(argument, "cannot both a server name and a socket query parameter");
        }

        List<string>? server = null;
        if (host.Length > 0)
        {
            server = [port == 0 ? "tcp:" + host : string.Create(CultureInfo.InvariantCulture, $"tcp:{host}:{port}")];
        }
        else if (socket is not null)
        {
            server = ["unix:" + socket];
        }

        string? username = null;
        string? password = null;
        if (!string.IsNullOrEmpty(userInfo))
        {
            int colon = userInfo.IndexOf(':', StringComparison.Ordinal);
            if (colon >= 0)
            {
                password = colon + 1 < userInfo.Length ? Unescape(argument, userInfo[(colon + 1)..]) : null;
                userInfo = userInfo[..colon];
            }

            username = Unescape(argument, userInfo);
        }

        if (path.StartsWith('/') && scheme is "gluster" or "iscsi" or "rbd" or "sheepdog" or "nbd")
        {
            path = path[1..];
        }

        return new DriveUri(path, scheme, server, username, password);
    }

    /// <summary>The <c>add_drive</c> options this drive needs: protocol, server, username and secret.</summary>
    /// <param name="options">Options to start from (read-only, format, …), or <see langword="null"/>.</param>
    /// <returns>The options.</returns>
    public AddDriveOptions ToAddDriveOptions(AddDriveOptions? options = null)
    {
        options ??= new AddDriveOptions();
        return Protocol == "file"
            ? options
            : options with { Protocol = Protocol, Server = Server, Username = Username, Secret = Password };
    }

    /// <inheritdoc />
    public override string ToString()
    {
        var text = new StringBuilder(Protocol).Append(' ').Append(Path);
        if (Server is not null)
        {
            text.Append(" server=").AppendJoin(',', Server);
        }

        if (Username is not null)
        {
            text.Append(" username=").Append(Username);
        }

        if (Password is not null)
        {
            text.Append(" secret=").Append(Guestfs.Protocol.TraceFormatter.Masked);
        }

        return text.ToString();
    }

    /// <summary>The value of <paramref name="name"/> in a query string (<c>&amp;</c> or <c>;</c> separated), as libguestfs finds it.</summary>
    private static string? QueryGet(string argument, string query, string name)
    {
        foreach (string part in query.Split('&', ';'))
        {
            if (part.Length == 0)
            {
                continue;
            }

            int eq = part.IndexOf('=', StringComparison.Ordinal);
            if (eq == 0)
            {
                continue;   // "=value" is ignored
            }

            string key = Unescape(argument, eq < 0 ? part : part[..eq]);
            if (key == name)
            {
                return eq < 0 ? string.Empty : Unescape(argument, part[(eq + 1)..]);
            }
        }

        return null;
    }

    private static string Unescape(string argument, string text)
    {
        string result = Uri.UnescapeDataString(text);
        if (result.Contains('\0', StringComparison.Ordinal))
        {
            throw Bad(argument, "a %00 escape (NUL) is not allowed");
        }

        return result;
    }

    /// <summary>The argument with the password of its user part replaced by <c>***</c>, for messages.</summary>
    private static string Redact(string argument)
    {
        int start = argument.IndexOf("://", StringComparison.Ordinal) + 3;
        int end = argument.IndexOfAny(['/', '?', '#'], start);
        string authority = end < 0 ? argument[start..] : argument[start..end];
        int at = authority.LastIndexOf('@');
        int colon = at < 0 ? -1 : authority.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 || colon > at
            ? argument
            : string.Concat(argument.AsSpan(0, start + colon + 1), Guestfs.Protocol.TraceFormatter.Masked, argument.AsSpan(start + at));
    }

    private static FormatException Bad(string argument, string why) => new($"--add: could not parse URI '{Redact(argument)}': {why}");
}

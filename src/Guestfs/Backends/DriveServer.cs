using System;
using System.Globalization;

namespace Guestfs.Backends;

/// <summary>One entry of <c>add_drive</c>'s <c>server</c> list, parsed as libguestfs parses it.</summary>
/// <param name="Transport">How to reach the server.</param>
/// <param name="Host">The host name or address (<see cref="DriveTransport.Unix"/>: <see langword="null"/>).</param>
/// <param name="Port">The port, or 0 when none was given (the protocol's default applies).</param>
/// <param name="Socket">The unix socket path (<see cref="DriveTransport.Unix"/> only).</param>
internal sealed record DriveServer(DriveTransport Transport, string? Host, int Port, string? Socket)
{
    /// <summary>
    /// Parses <c>tcp:HOST[:PORT]</c>, <c>unix:PATH</c>, <c>HOST:PORT</c> or <c>HOST</c>. A host is 1 to 255 letters,
    /// digits and <c>-.:[]</c> (so an IPv6 address in brackets, or bare), a port 1 to 65535.
    /// </summary>
    /// <param name="server">The server string.</param>
    /// <returns>The server.</returns>
    /// <exception cref="ArgumentException">The string is none of these.</exception>
    public static DriveServer Parse(string server)
    {
        ArgumentNullException.ThrowIfNull(server);
        DriveTransport transport = DriveTransport.None;
        string rest = server;
        if (rest.StartsWith("tcp:", StringComparison.Ordinal))
        {
            transport = DriveTransport.Tcp;
            rest = rest[4..];
        }
        else if (rest.StartsWith("unix:", StringComparison.Ordinal))
        {
            if (rest.Length == 5)
            {
                throw new ArgumentException($"add_drive: server '{server}': missing Unix domain socket path", nameof(server));
            }

            string socket = rest[5..];
            if (socket.Contains('\0', StringComparison.Ordinal))
            {
                throw new ArgumentException("add_drive: a socket path cannot contain a NUL character", nameof(server));
            }

            return new DriveServer(DriveTransport.Unix, null, 0, socket);
        }

        // "HOST:PORT" when the text after the last ':' is all digits (libguestfs: "(.*):(\d+)$").
        int colon = rest.LastIndexOf(':');
        if (colon > 0 && colon < rest.Length - 1 && IsDigits(rest.AsSpan(colon + 1)))
        {
            string portText = rest[(colon + 1)..];
            if (!int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out int port) || port is <= 0 or > 65535)
            {
                throw new ArgumentException($"add_drive: invalid port number '{portText}'", nameof(server));
            }

            string host = rest[..colon];
            if (!IsValidHost(host))
            {
                throw new ArgumentException($"add_drive: invalid hostname '{host}'", nameof(server));
            }

            return new DriveServer(transport, host, port, null);
        }

        if (!IsValidHost(rest))
        {
            throw new ArgumentException($"add_drive: invalid hostname or server string '{server}'", nameof(server));
        }

        return new DriveServer(transport, rest, 0, null);
    }

    /// <summary>The host as qemu's <c>host</c> option wants it: an IPv6 address without its brackets.</summary>
    public string QemuHost => Host is ['[', .. var inner, ']'] ? inner : Host ?? string.Empty;

    /// <summary>The host as a URL's authority wants it: an IPv6 address in brackets.</summary>
    public string UrlHost => Host is not null && Host.Contains(':', StringComparison.Ordinal) && !Host.StartsWith('[') ? "[" + Host + "]" : Host ?? string.Empty;

    /// <inheritdoc />
    public override string ToString() => Transport == DriveTransport.Unix
        ? "unix:" + Socket
        : (Transport == DriveTransport.Tcp ? "tcp:" : string.Empty) + Host + (Port > 0 ? ":" + Port.ToString(CultureInfo.InvariantCulture) : string.Empty);

    private static bool IsDigits(ReadOnlySpan<char> text)
    {
        foreach (char c in text)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsValidHost(string host)
    {
        if (host.Length is 0 or > 255)
        {
            return false;
        }

        foreach (char c in host)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or ':' or '[' or ']'))
            {
                return false;
            }
        }

        return true;
    }
}

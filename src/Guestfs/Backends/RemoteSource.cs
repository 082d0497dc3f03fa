using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace Guestfs.Backends;

/// <summary>
/// Where a network drive lives: <c>add_drive</c>'s <c>protocol</c>, <c>server</c>, <c>username</c> and
/// <c>secret</c>, checked as libguestfs 1.48 checks them (lib/drives.c). The drive's file name is then the export:
/// a path (<c>http</c>, <c>https</c>, <c>ftp</c>, <c>ftps</c>, <c>ssh</c>), an NBD export name, an iSCSI
/// <c>target[/lun]</c>, an RBD <c>pool/image</c>, a Gluster <c>volume/path</c> or a Sheepdog volume.
/// </summary>
/// <param name="Protocol">The protocol, never <c>file</c>.</param>
/// <param name="Servers">The servers, as parsed (a default port filled in for NBD).</param>
/// <param name="Username">The user name, or <see langword="null"/>.</param>
/// <param name="Secret">The password or key; it reaches qemu only through a private file, never its command line.</param>
internal sealed record RemoteSource(string Protocol, IReadOnlyList<DriveServer> Servers, string? Username, string? Secret)
{
    /// <summary>The port NBD servers listen on unless told otherwise.</summary>
    public const int DefaultNbdPort = 10809;

    /// <summary>The protocols <c>add_drive</c> accepts besides <c>file</c>.</summary>
    public static readonly IReadOnlyList<string> Protocols = ["ftp", "ftps", "gluster", "http", "https", "iscsi", "nbd", "rbd", "sheepdog", "ssh", "tftp"];

    /// <summary>Whether qemu's driver for this protocol can only read (the curl protocols).</summary>
    public bool ReadOnlyDriver => Protocol is "http" or "https" or "ftp" or "ftps" or "tftp";

    /// <summary>Checks a network drive as libguestfs does and builds its source.</summary>
    /// <param name="protocol">The protocol (not <c>file</c>).</param>
    /// <param name="exportName">The drive's file name: the export.</param>
    /// <param name="servers">The server strings (<see cref="DriveServer.Parse"/>).</param>
    /// <param name="username">The user name.</param>
    /// <param name="secret">The secret.</param>
    /// <returns>The source.</returns>
    /// <exception cref="ArgumentException">The combination is not allowed; the message says why.</exception>
    /// <exception cref="GuestfsException">The protocol is unknown (EINVAL).</exception>
    public static RemoteSource Create(string protocol, string exportName, IReadOnlyList<string>? servers, string? username, string? secret)
    {
        if (!Protocols.Contains(protocol))
        {
            throw new GuestfsException($"add_drive: unknown protocol '{protocol}'", "EINVAL", "add_drive");
        }

        foreach (string? text in (ReadOnlySpan<string?>)[username, secret])
        {
            if (text is not null && text.Contains('\0', StringComparison.Ordinal))
            {
                throw new ArgumentException("add_drive: a username or secret cannot contain a NUL character", nameof(username));
            }
        }

        var parsed = (servers ?? []).Select(DriveServer.Parse).ToList();
        string curlName = protocol;
        switch (protocol)
        {
            case "http" or "https" or "ftp" or "ftps" or "tftp":
                curlName = "curl";
                OneTcpServer(curlName, parsed);
                PathStartingWithSlash(curlName, exportName, "pathname");
                break;
            case "ssh":
                OneTcpServer(protocol, parsed);
                PathStartingWithSlash(protocol, exportName, "pathname");
                if (username is "")
                {
                    throw Error(protocol, "username should not be an empty string");
                }

                if (secret is not null)
                {
                    // qemu's ssh driver has no password option: it authenticates with ssh-agent or the user's keys.
                    throw Error(protocol, "qemu's ssh driver takes no secret: it authenticates with ssh-agent (SSH_AUTH_SOCK) or the user's key files");
                }

                break;
            case "iscsi":
                OneTcpServer(protocol, parsed);
                NameNotStartingWithSlash(protocol, exportName, "target name");
                break;
            case "nbd":
                NoCredentials(protocol, username, secret);
                if (parsed.Count != 1)
                {
                    throw Error(protocol, "you must specify exactly one server");
                }

                if (parsed[0] is { Transport: not DriveTransport.Unix, Port: 0 })
                {
                    parsed[0] = parsed[0] with { Port = DefaultNbdPort };
                }

                break;
            case "rbd":
                AllTcpWithPorts(protocol, parsed);
                NameNotStartingWithSlash(protocol, exportName, "image name");
                if (!exportName.Contains('/', StringComparison.Ordinal))
                {
                    throw Error(protocol, $"image name '{exportName}' must be POOL/IMAGE");
                }

                if (secret is not null && !Convert.TryFromBase64String(secret, new byte[secret.Length], out _))
                {
                    throw Error(protocol, "the secret must be the Ceph key in base64, as a keyring holds it (ceph auth get-key)");
                }

                break;
            case "gluster":
                NoCredentials(protocol, username, secret);
                if (parsed.Count != 1)
                {
                    throw Error(protocol, "you must specify exactly one server");
                }

                NameNotStartingWithSlash(protocol, exportName, "volume/image");
                if (exportName.IndexOf('/', StringComparison.Ordinal) is <= 0 || exportName.EndsWith('/'))
                {
                    throw Error(protocol, $"'{exportName}' must be VOLUME/PATH");
                }

                break;
            case "sheepdog":
                NoCredentials(protocol, username, secret);
                AllTcpWithPorts(protocol, parsed);
                NameNotStartingWithSlash(protocol, exportName, "volume parameter");
                break;
        }

        return new RemoteSource(protocol, parsed, username, secret);
    }

    /// <summary>Leaves the secret out of the text form (records print every property).</summary>
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("Protocol = ").Append(Protocol)
            .Append(", Servers = [").AppendJoin(", ", Servers).Append(']')
            .Append(", Username = ").Append(Username)
            .Append(", Secret = ").Append(Secret is null ? null : global::Guestfs.Protocol.TraceFormatter.Masked);
        return true;
    }

    private static ArgumentException Error(string protocol, string what) => new($"add_drive: {protocol}: {what}", "options");

    private static void NoCredentials(string protocol, string? username, string? secret)
    {
        if (username is not null)
        {
            throw Error(protocol, "you cannot specify a username with this protocol");
        }

        if (secret is not null)
        {
            throw Error(protocol, "you cannot specify a secret with this protocol");
        }
    }

    private static void OneTcpServer(string protocol, List<DriveServer> servers)
    {
        if (servers.Count != 1)
        {
            throw Error(protocol, "you must specify exactly one server");
        }

        if (servers[0].Transport == DriveTransport.Unix)
        {
            throw Error(protocol, "only tcp transport is supported");
        }
    }

    private static void AllTcpWithPorts(string protocol, List<DriveServer> servers)
    {
        foreach (DriveServer server in servers)
        {
            if (server.Transport == DriveTransport.Unix)
            {
                throw Error(protocol, "only tcp transport is supported");
            }

            if (server.Port == 0)
            {
                throw Error(protocol, "port number must be specified");
            }
        }
    }

    private static void PathStartingWithSlash(string protocol, string exportName, string what)
    {
        if (exportName.Length == 0)
        {
            throw Error(protocol, $"{what} should not be an empty string");
        }

        if (exportName[0] != '/')
        {
            throw Error(protocol, $"{what} must begin with a '/'");
        }
    }

    private static void NameNotStartingWithSlash(string protocol, string exportName, string what)
    {
        if (exportName.Length == 0)
        {
            throw Error(protocol, $"{what} should not be an empty string");
        }

        if (exportName[0] == '/')
        {
            throw Error(protocol, $"{what} must not begin with a '/'");
        }
    }
}

using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace Guestfs.Backends.Direct;

/// <summary>
/// Maps a network drive to the options of qemu's block driver for its protocol (the <c>file.</c> node under the
/// format node). Every value is one option value, escaped by the caller; nothing goes through a shell, a URL
/// qemu would parse again (except the curl drivers' <c>url</c>, which this class builds escaped), or
/// <c>json:</c>. A secret is named by the id of a <c>secret</c> object that reads a private file.
/// </summary>
internal static class RemoteDriveOptions
{
    /// <summary>qemu's block driver for a protocol (the name in <c>qemu-img --help</c>).</summary>
    /// <param name="protocol">The protocol.</param>
    /// <returns>The driver name.</returns>
    public static string DriverName(string protocol) => protocol;

    /// <summary>
    /// The qemu module file that holds a driver in a modular build (Debian's <c>qemu-block-extra</c>), or
    /// <see langword="null"/> when the driver is built in.
    /// </summary>
    /// <param name="protocol">The protocol.</param>
    /// <returns>The module file name.</returns>
    public static string? ModuleName(string protocol) => protocol switch
    {
        "http" or "https" or "ftp" or "ftps" or "tftp" => "block-curl.so",
        "ssh" => "block-ssh.so",
        "iscsi" => "block-iscsi.so",
        "rbd" => "block-rbd.so",
        "gluster" => "block-gluster.so",
        _ => null,
    };

    /// <summary>
    /// How qemu reads the secret file: as is (<c>raw</c>: passwords), or for RBD as base64 (a Ceph key is given in
    /// base64, as a keyring holds it, and qemu's rbd driver hands librados the secret's bytes re-encoded in base64:
    /// read raw, the key would be encoded twice and cephx would refuse it).
    /// </summary>
    /// <param name="protocol">The protocol.</param>
    /// <returns>The <c>format</c> of the secret object.</returns>
    public static string SecretFormat(string protocol) => protocol == "rbd" ? "base64" : "raw";

    /// <summary>The driver options, in order, without the <c>file.</c> prefix.</summary>
    /// <param name="remote">The drive's source.</param>
    /// <param name="export">The drive's file name (its export).</param>
    /// <param name="secretId">The id of the secret object holding <see cref="RemoteSource.Secret"/>, or <see langword="null"/>.</param>
    /// <returns>Key and value pairs.</returns>
    public static IReadOnlyList<KeyValuePair<string, string>> Build(RemoteSource remote, string export, string? secretId)
    {
        var options = new List<KeyValuePair<string, string>>();
        void Add(string key, string? value)
        {
            if (value is not null)
            {
                options.Add(new(key, value));
            }
        }

        Add("driver", DriverName(remote.Protocol));
        switch (remote.Protocol)
        {
            case "nbd":
                AddServer(options, "server.", remote.Servers[0], RemoteSource.DefaultNbdPort);
                Add("export", export.Length == 0 ? null : export);
                break;
            case "http" or "https" or "ftp" or "ftps" or "tftp":
                Add("url", Url(remote.Protocol, remote.Servers[0], export));
                Add("username", remote.Username);
                Add("password-secret", secretId);
                break;
            case "ssh":
                AddServer(options, "server.", remote.Servers[0], 22, withType: false);
                Add("path", export);
                Add("user", remote.Username);
                break;
            case "iscsi":
                (string target, int lun) = IscsiTarget(export);
                DriveServer portal = remote.Servers[0];
                Add("transport", "tcp");
                Add("portal", portal.UrlHost + (portal.Port > 0 ? ":" + portal.Port.ToString(CultureInfo.InvariantCulture) : string.Empty));
                Add("target", target);
                Add("lun", lun.ToString(CultureInfo.InvariantCulture));
                Add("user", remote.Username);
                Add("password-secret", secretId);
                break;
            case "rbd":
                int slash = export.IndexOf('/', StringComparison.Ordinal);
                Add("pool", export[..slash]);
                Add("image", export[(slash + 1)..]);
                for (int i = 0; i < remote.Servers.Count; i++)
                {
                    AddServer(options, string.Create(CultureInfo.InvariantCulture, $"server.{i}."), remote.Servers[i], 6789, withType: false);
                }

                Add("user", remote.Username);
                Add("key-secret", secretId);
                break;
            case "gluster":
                int split = export.IndexOf('/', StringComparison.Ordinal);
                Add("volume", export[..split]);
                Add("path", export[(split + 1)..]);
                AddServer(options, "server.0.", remote.Servers[0], 24007);
                break;
            case "sheepdog":
                Add("vdi", export);
                if (remote.Servers.Count > 0)
                {
                    AddServer(options, "server.", remote.Servers[0], 7000);
                }

                break;
            default:
                throw new ArgumentException($"no qemu mapping for protocol '{remote.Protocol}'", nameof(remote));
        }

        return options;
    }

    /// <summary>
    /// The URL the curl drivers fetch: each path segment percent-encoded, so a name holding <c>?</c>, <c>#</c>,
    /// <c>%</c> or spaces is fetched as that name.
    /// </summary>
    /// <param name="scheme">http, https, ftp, ftps or tftp.</param>
    /// <param name="server">The server.</param>
    /// <param name="path">The path, starting with <c>/</c>.</param>
    /// <returns>The URL.</returns>
    internal static string Url(string scheme, DriveServer server, string path)
    {
        var url = new StringBuilder(scheme).Append("://").Append(server.UrlHost);
        if (server.Port > 0)
        {
            url.Append(':').Append(server.Port.ToString(CultureInfo.InvariantCulture));
        }

        url.AppendJoin('/', path.Split('/').Select(Uri.EscapeDataString));
        return url.ToString();
    }

    /// <summary>Splits an iSCSI export <c>TARGET[/LUN]</c> (LUN 0 when absent).</summary>
    /// <param name="export">The export.</param>
    /// <returns>The target and the LUN.</returns>
    internal static (string Target, int Lun) IscsiTarget(string export)
    {
        int slash = export.LastIndexOf('/');
        if (slash > 0 && int.TryParse(export.AsSpan(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out int lun))
        {
            return (export[..slash], lun);
        }

        return (export, 0);
    }

    private static void AddServer(List<KeyValuePair<string, string>> options, string prefix, DriveServer server, int defaultPort, bool withType = true)
    {
        if (server.Transport == DriveTransport.Unix)
        {
            options.Add(new(prefix + "type", "unix"));
            options.Add(new(prefix + "path", server.Socket!));
            return;
        }

        if (withType)
        {
            options.Add(new(prefix + "type", "inet"));
        }

        options.Add(new(prefix + "host", server.QemuHost));
        options.Add(new(prefix + "port", (server.Port > 0 ? server.Port : defaultPort).ToString(CultureInfo.InvariantCulture)));
    }
}

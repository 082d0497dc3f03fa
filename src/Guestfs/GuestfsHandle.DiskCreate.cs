using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Guestfs.Host;

namespace Guestfs;

/// <content>
/// <c>disk_create</c>: a blank raw or qcow2 image on the host, with libguestfs 1.48.6's argument checks and error
/// texts. Raw images are made directly (<see cref="RawDiskFile"/>); qcow2 images by <c>qemu-img create</c> run with an
/// argument vector (no shell). Needs no appliance.
/// </content>
public sealed partial class GuestfsHandle
{
    /// <summary>Creates a blank disk image on the host (<c>disk_create</c>).</summary>
    /// <param name="filename">The host file to create (a relative name is passed to qemu-img as <c>./NAME</c>).</param>
    /// <param name="format"><c>raw</c> or <c>qcow2</c>.</param>
    /// <param name="size">The virtual size in bytes, or -1 with a backing file (its size is used).</param>
    /// <param name="options">Backing file and its format (qcow2), preallocation (<c>off</c>/<c>sparse</c>,
    /// <c>metadata</c> for qcow2, <c>full</c>), qcow2 <c>compat</c> (<c>0.10</c> or <c>1.1</c>) and cluster size (a power
    /// of two from 512 to 2 MiB).</param>
    /// <param name="cancellationToken">Kills qemu-img and throws.</param>
    /// <returns>A task that completes when the image exists.</returns>
    public partial Task DiskCreateAsync(string filename, string format, long size, DiskCreateOptions? options, CancellationToken cancellationToken)
    {
        ThrowIfClosed("disk_create");
        ArgumentGuard.ThrowIfContainsNul(filename);
        ArgumentGuard.ThrowIfContainsNul(format);
        options ??= new DiskCreateOptions();
        foreach (string? value in new[] { options.Backingfile, options.Backingformat, options.Preallocation, options.Compat })
        {
            if (value is not null)
            {
                ArgumentGuard.ThrowIfContainsNul(value, nameof(options));
            }
        }

        string callLine = string.Join(' ', new[] { "disk_create", Quote(filename), Quote(format), size.ToString(CultureInfo.InvariantCulture) }
            .Concat(OptionTrace(options)));
        return TraceActionAsync("disk_create", callLine, async () =>
        {
            await CreateDiskAsync(filename, format, size, options, cancellationToken).ConfigureAwait(false);
            return 0;
        }, static _ => "0");
    }

    private static async Task CreateDiskAsync(string filename, string format, long size, DiskCreateOptions options, CancellationToken cancellationToken)
    {
        string? backingfile = options.Backingfile;
        if (backingfile is not null)
        {
            if (size != -1)
            {
                throw DiskCreateError("if using a backing file, size must be passed as -1");
            }
        }
        else if (size <= 0)
        {
            throw DiskCreateError($"invalid size: {size.ToString(CultureInfo.InvariantCulture)}");
        }

        switch (format)
        {
            case "raw":
                if (backingfile is not null)
                {
                    throw DiskCreateError("backingfile cannot be used for raw format disks");
                }

                CreateRaw(filename, size, options);
                break;
            case "qcow2":
                await CreateQcow2Async(filename, size, backingfile, options, cancellationToken).ConfigureAwait(false);
                break;
            default:
                throw DiskCreateError($"unsupported format ‘{format}’");
        }
    }

    private static void CreateRaw(string filename, long size, DiskCreateOptions options)
    {
        if (options.Backingformat is not null)
        {
            throw DiskCreateError("backingformat parameter cannot be used with raw format");
        }

        bool allocated = options.Preallocation switch
        {
            null or "off" or "sparse" => false,
            "full" => true,
            _ => throw DiskCreateError($"invalid value for preallocation parameter ‘{options.Preallocation}’"),
        };
        if (options.Compat is not null)
        {
            throw DiskCreateError("compat parameter cannot be used with raw format");
        }

        if (options.Clustersize is not null)
        {
            throw DiskCreateError("clustersize parameter cannot be used with raw format");
        }

        RawDiskFile.Create(filename, size, allocated);
    }

    private static async Task CreateQcow2Async(string filename, long size, string? backingfile, DiskCreateOptions options, CancellationToken cancellationToken)
    {
        string? backingformat = options.Backingformat;
        if (backingformat is not null)
        {
            if (!IsValidImageFormatName(backingformat))
            {
                throw DiskCreateError($"invalid value for backingformat parameter ‘{backingformat}’");
            }
        }
        else if (backingfile is not null)
        {
            // qemu-img create needs the backing format with a backing file (qemu >= 6.1).
            backingformat = await ReadDiskFormatAsync("disk_create", backingfile, cancellationToken).ConfigureAwait(false);
        }

        string? preallocation = options.Preallocation switch
        {
            null => null,
            "off" or "sparse" => "off",
            "metadata" => "metadata",
            "full" => "falloc",

            // libguestfs 1.48.6 names the (still unset) mapped value here, so its message reads "(null)".
            _ => throw DiskCreateError("invalid value for preallocation parameter ‘(null)’"),
        };
        if (options.Compat is { } compat && compat is not ("0.10" or "1.1"))
        {
            throw DiskCreateError($"invalid value for compat parameter ‘{compat}’");
        }

        if (options.Clustersize is { } cluster && (cluster < 512 || cluster > 2097152 || (cluster & (cluster - 1)) != 0))
        {
            throw DiskCreateError($"invalid value for clustersize parameter ‘{cluster.ToString(CultureInfo.InvariantCulture)}’");
        }

        var qcowOptions = new List<string>();
        if (backingfile is not null)
        {
            // qemu's option syntax: a comma inside a value is written twice.
            qcowOptions.Add("backing_file=" + backingfile.Replace(",", ",,", System.StringComparison.Ordinal));
        }

        if (backingformat is not null)
        {
            qcowOptions.Add("backing_fmt=" + backingformat);
        }

        if (preallocation is not null)
        {
            qcowOptions.Add("preallocation=" + preallocation);
        }

        if (options.Compat is not null)
        {
            qcowOptions.Add("compat=" + options.Compat);
        }

        if (options.Clustersize is { } clustersize)
        {
            qcowOptions.Add("cluster_size=" + clustersize.ToString(CultureInfo.InvariantCulture));
        }

        var arguments = new List<string> { "create", "-f", "qcow2" };
        if (qcowOptions.Count > 0)
        {
            arguments.Add("-o");
            arguments.Add(string.Join(',', qcowOptions));
        }

        // "./" keeps a relative name such as "file:x" from being read as a protocol.
        arguments.Add(filename.StartsWith('/') ? filename : "./" + filename);
        if (size >= 0)
        {
            arguments.Add(size.ToString(CultureInfo.InvariantCulture));
        }

        (int exitCode, string error) = await QemuImgInfo.RunCommandAsync(arguments, cancellationToken).ConfigureAwait(false);
        if (exitCode != 0)
        {
            string detail = error.Trim();
            throw DiskCreateError($"qemu-img: {filename}: qemu-img exited with error status {exitCode.ToString(CultureInfo.InvariantCulture)}" + (detail.Length > 0 ? ": " + detail : "."));
        }
    }

    /// <summary>A backing format is 1 to 16 ASCII letters and digits.</summary>
    private static bool IsValidImageFormatName(string format) =>
        format.Length is >= 1 and <= 16 && format.All(char.IsAsciiLetterOrDigit);

    private static GuestfsException DiskCreateError(string message) => new(message, procedure: "disk_create");

    private static string Quote(string s) => "\"" + s + "\"";

    private static IEnumerable<string> OptionTrace(DiskCreateOptions options)
    {
        if (options.Backingfile is { } backingfile)
        {
            yield return "\"backingfile:" + backingfile + "\"";
        }

        if (options.Backingformat is { } backingformat)
        {
            yield return "\"backingformat:" + backingformat + "\"";
        }

        if (options.Preallocation is { } preallocation)
        {
            yield return "\"preallocation:" + preallocation + "\"";
        }

        if (options.Compat is { } compat)
        {
            yield return "\"compat:" + compat + "\"";
        }

        if (options.Clustersize is { } clustersize)
        {
            yield return "\"clustersize:" + clustersize.ToString(CultureInfo.InvariantCulture) + "\"";
        }
    }
}

using Guestfs.Tools.Common;

namespace Guestfs.Tools.Diff;

/// <summary>What virt-diff compares and how it prints (its command-line flags).</summary>
internal sealed class DiffSettings
{
    /// <summary><c>--atime</c>: access times count as changes (and are printed with the times).</summary>
    public bool Atime { get; private set; }

    /// <summary><c>--csv</c>.</summary>
    public bool Csv { get; private set; }

    /// <summary><c>--dir-links</c>: a directory's link count counts as a change.</summary>
    public bool DirLinks { get; private set; }

    /// <summary><c>--dir-times</c>: a directory's times count as changes.</summary>
    public bool DirTimes { get; private set; }

    /// <summary><c>-h</c>: human-readable sizes.</summary>
    public bool Human { get; private set; }

    /// <summary><c>--extra-stats</c>: device, inode, links, rdev, blocks.</summary>
    public bool ExtraStats { get; private set; }

    /// <summary>Any time option: print the times.</summary>
    public bool Times { get; private set; }

    /// <summary>How times are printed.</summary>
    public TimeStyle TimeStyle { get; private set; }

    /// <summary><c>--uids</c>: owner and group.</summary>
    public bool Uids { get; private set; }

    /// <summary><c>--xattrs</c>: extended attributes.</summary>
    public bool Xattrs { get; private set; }

    /// <summary><c>--checksum[=TYPE]</c>: compare regular files by this checksum type (<c>md5</c> by default).</summary>
    public string? Checksum { get; private set; }

    /// <summary>The run's start, seconds since the epoch (for the relative time styles).</summary>
    public long Now { get; init; }

    /// <summary>Applies one of virt-diff's own long options or <c>-h</c>.</summary>
    /// <param name="key">The option's key.</param>
    /// <param name="value">Its argument, if any.</param>
    /// <returns>Whether it was one of them.</returns>
    public bool Handle(string key, string? value)
    {
        switch (key)
        {
            case "all":
                ExtraStats = Times = Uids = Xattrs = true;
                break;
            case "atime":
                Atime = true;
                break;
            case "csv":
                Csv = true;
                break;
            case "checksum":
            case "checksums":
                Checksum = string.IsNullOrEmpty(value) ? "md5" : value;
                break;
            case "dir-link" or "dir-links" or "dir-nlink" or "dir-nlinks":
                DirLinks = true;
                break;
            case "dir-time" or "dir-times":
                DirTimes = true;
                break;
            case "extra-stat" or "extra-stats":
                ExtraStats = true;
                break;
            case "time" or "times":
                Times = true;
                break;
            case "time-t":
                // Stock's --time-t sets time_t output but leaves an earlier --time-relative/--time-days in force.
                Times = true;
                TimeStyle = TimeStyle == TimeStyle.Date ? TimeStyle.Seconds : TimeStyle;
                break;
            case "time-relative":
                Times = true;
                TimeStyle = TimeStyle.SecondsAgo;
                break;
            case "time-days":
                Times = true;
                TimeStyle = TimeStyle.DaysAgo;
                break;
            case "uid" or "uids":
                Uids = true;
                break;
            case "xattr" or "xattrs":
                Xattrs = true;
                break;
            case "h":
                Human = true;
                break;
            default:
                return false;
        }

        return true;
    }
}

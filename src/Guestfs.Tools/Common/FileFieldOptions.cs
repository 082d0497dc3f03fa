namespace Guestfs.Tools.Common;

/// <summary>
/// The options virt-ls <c>-lR</c> and virt-diff share for the file fields they print (ls.c's and diff.c's
/// <c>--csv</c>, <c>-h</c>, <c>--checksum</c>, <c>--extra-stats</c>, <c>--times</c> and its forms, <c>--uids</c>),
/// parsed as both stock tools parse them.
/// </summary>
internal abstract class FileFieldOptions
{
    private int _relative;

    /// <summary><c>--csv</c>.</summary>
    public bool Csv { get; private set; }

    /// <summary><c>-h</c>: sizes as <c>4.0K</c>.</summary>
    public bool Human { get; private set; }

    /// <summary><c>--checksum[=TYPE]</c>: the checksum type (<c>md5</c> by default), or null.</summary>
    public string? Checksum { get; private set; }

    /// <summary><c>--extra-stats</c>: device, inode, links, rdev, blocks.</summary>
    public bool ExtraStats { get; protected set; }

    /// <summary><c>--times</c> or any <c>--time-*</c> form: print the times.</summary>
    public bool Times { get; protected set; }

    /// <summary><c>--uids</c>: owner and group.</summary>
    public bool Uids { get; protected set; }

    /// <summary>
    /// How times are printed. As stock: <c>--time-t</c> asks for seconds, and <c>--time-relative</c> and
    /// <c>--time-days</c> (whichever came last) turn seconds into an age, even when <c>--time-t</c> follows them.
    /// </summary>
    public TimeStyle TimeStyle => !Seconds ? TimeStyle.Date : _relative switch
    {
        1 => TimeStyle.SecondsAgo,
        2 => TimeStyle.DaysAgo,
        _ => TimeStyle.Seconds,
    };

    /// <summary>The run's start, seconds since the epoch (for the relative time styles).</summary>
    public long Now { get; init; }

    private bool Seconds { get; set; }

    /// <summary>Applies one of the shared field options.</summary>
    /// <param name="option">The option.</param>
    /// <returns>Whether it was one of them.</returns>
    public virtual bool Handle(ParsedOption option)
    {
        switch (option.Key)
        {
            case "csv":
                Csv = true;
                break;
            case "h":
                Human = true;
                break;
            case "checksum" or "checksums":
                Checksum = string.IsNullOrEmpty(option.Value) ? "md5" : option.Value;
                break;
            case "extra-stat" or "extra-stats":
                ExtraStats = true;
                break;
            case "time" or "times":
                Times = true;
                break;
            case "time-t":
                Times = Seconds = true;
                break;
            case "time-relative":
                Times = Seconds = true;
                _relative = 1;
                break;
            case "time-days":
                Times = Seconds = true;
                _relative = 2;
                break;
            case "uid" or "uids":
                Uids = true;
                break;
            default:
                return false;
        }

        return true;
    }
}

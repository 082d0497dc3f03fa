using Guestfs.Tools.Common;

namespace Guestfs.Tools.Diff;

/// <summary>What virt-diff compares and how it prints (its command-line flags).</summary>
internal sealed class DiffSettings : FileFieldOptions
{
    /// <summary><c>--atime</c>: access times count as changes (and are printed with the times).</summary>
    public bool Atime { get; private set; }

    /// <summary><c>--dir-links</c>: a directory's link count counts as a change.</summary>
    public bool DirLinks { get; private set; }

    /// <summary><c>--dir-times</c>: a directory's times count as changes.</summary>
    public bool DirTimes { get; private set; }

    /// <summary><c>--xattrs</c>: extended attributes.</summary>
    public bool Xattrs { get; private set; }

    /// <inheritdoc/>
    public override bool Handle(ParsedOption option)
    {
        switch (option.Key)
        {
            case "all":
                ExtraStats = Times = Uids = Xattrs = true;
                return true;
            case "atime":
                Atime = true;
                return true;
            case "dir-link" or "dir-links" or "dir-nlink" or "dir-nlinks":
                DirLinks = true;
                return true;
            case "dir-time" or "dir-times":
                DirTimes = true;
                return true;
            case "xattr" or "xattrs":
                Xattrs = true;
                return true;
            default:
                return base.Handle(option);
        }
    }
}

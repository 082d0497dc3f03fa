using Guestfs.Tools.Common;

namespace Guestfs.Tools.Ls;

/// <summary>How virt-ls shows files (its command-line flags).</summary>
internal sealed class LsSettings
{
    /// <summary><c>-l</c>.</summary>
    public bool Long { get; set; }

    /// <summary><c>-R</c>.</summary>
    public bool Recursive { get; set; }

    /// <summary><c>-h</c>: sizes as <c>4.0K</c>.</summary>
    public bool Human { get; set; }

    /// <summary><c>--csv</c>.</summary>
    public bool Csv { get; set; }

    /// <summary><c>--json</c>.</summary>
    public bool Json { get; set; }

    /// <summary><c>--checksum[=TYPE]</c>: the checksum type, or null.</summary>
    public string? Checksum { get; set; }

    /// <summary><c>--extra-stats</c>.</summary>
    public bool ExtraStats { get; set; }

    /// <summary><c>--times</c> and the <c>--time-*</c> forms.</summary>
    public bool Times { get; set; }

    /// <summary>How times are printed.</summary>
    public TimeStyle TimeStyle { get; set; }

    /// <summary><c>--uids</c>.</summary>
    public bool Uids { get; set; }

    /// <summary>The time the run started (seconds since the epoch), for the relative time forms.</summary>
    public long Now { get; init; }
}

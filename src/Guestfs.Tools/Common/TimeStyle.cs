namespace Guestfs.Tools.Common;

/// <summary>How virt-ls and virt-diff print file times.</summary>
internal enum TimeStyle
{
    /// <summary><c>--times</c>: local date and time, <c>2024-01-31 12:00:00</c>.</summary>
    Date,

    /// <summary><c>--time-t</c>: seconds since the epoch.</summary>
    Seconds,

    /// <summary><c>--time-relative</c>: seconds before now.</summary>
    SecondsAgo,

    /// <summary><c>--time-days</c>: days before now.</summary>
    DaysAgo,
}

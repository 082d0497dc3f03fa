namespace Guestfs;

/// <summary>
/// A network drive's protocol has no block driver in this qemu: the qemu build lacks it (for example
/// <c>sheepdog</c> and <c>tftp</c>, which qemu 6 removed), or the module that holds it is not installed (Debian ships
/// the curl, ssh, iSCSI, RBD and Gluster drivers in <c>qemu-block-extra</c>), or the driver is there but cannot work:
/// <c>ftps</c> when qemu's curl driver links a libcurl older than 8.7.0, whose FTPS reads all time out. Raised at
/// launch, before qemu starts.
/// </summary>
public sealed class BlockDriverUnavailableException : GuestfsLaunchException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="protocol">The drive's protocol.</param>
    /// <param name="module">The missing module file, or <see langword="null"/> when qemu has no such driver at all.</param>
    /// <param name="message">What is missing and what to install.</param>
    public BlockDriverUnavailableException(string protocol, string? module, string message)
        : base(message)
    {
        Protocol = protocol;
        Module = module;
    }

    /// <summary>The drive's protocol (<c>http</c>, <c>ssh</c>, …).</summary>
    public string Protocol { get; }

    /// <summary>The qemu module file that is missing (<c>block-curl.so</c>, …), or <see langword="null"/>.</summary>
    public string? Module { get; }
}

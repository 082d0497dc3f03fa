namespace Guestfs.Backends;

/// <summary>How a drive's server is reached.</summary>
internal enum DriveTransport
{
    /// <summary>Not said: TCP.</summary>
    None,

    /// <summary>TCP (<c>tcp:</c> prefix).</summary>
    Tcp,

    /// <summary>A unix domain socket (<c>unix:</c> prefix).</summary>
    Unix,
}

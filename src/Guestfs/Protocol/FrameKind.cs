namespace Guestfs.Protocol;

/// <summary>What a 4-byte word from the daemon announced.</summary>
internal enum FrameKind
{
    /// <summary>A length-prefixed message (reply or chunk); its body is the current frame.</summary>
    Message,

    /// <summary>The launch flag (daemon ready).</summary>
    LaunchFlag,

    /// <summary>The cancel flag (the daemon cancels an upload).</summary>
    CancelFlag,
}

namespace Guestfs.Protocol;

/// <summary>What the connection was doing last; kept for post-mortems in error messages and logs.</summary>
internal enum ConnectionStage
{
    /// <summary>No call in flight.</summary>
    Idle,

    /// <summary>Waiting for the daemon's launch flag.</summary>
    WaitingForLaunchFlag,

    /// <summary>Writing a call message.</summary>
    SendingCall,

    /// <summary>Sending FileIn chunks.</summary>
    SendingChunks,

    /// <summary>Waiting for (or reading) a reply.</summary>
    ReadingReply,

    /// <summary>Receiving FileOut chunks.</summary>
    ReceivingChunks,

    /// <summary>Draining chunks after a cancelled download.</summary>
    DrainingChunks,

    /// <summary>The connection is closed or broken.</summary>
    Closed,
}

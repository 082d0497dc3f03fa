using System.IO;

namespace Guestfs.Backends;

/// <summary>What a backend hands the handle after a launch: the daemon's channel, and whether its launch flag was read.</summary>
/// <param name="Stream">The channel; the connection owns and disposes it. Over a socket, nothing asynchronous has been
/// asked of the socket, so the connection's reader thread is its only reader (an asynchronous socket operation would
/// register it with the runtime's socket engine for good, and every reply would then wake that engine as well).</param>
/// <param name="LaunchFlagRead">The daemon's launch flag was already read (a snapshot launch reads it in the run that saved
/// the state): the engine must not wait for it.</param>
internal readonly record struct LaunchedChannel(Stream Stream, bool LaunchFlagRead);

using System;
using System.IO;

namespace Guestfs.Protocol;

/// <summary>
/// What a generated method passes to <c>CallAsync</c> beside the arguments: the file to upload (FileIn) or the
/// stream to download into (FileOut), the caller's progress sink, and the names used for tracing.
/// </summary>
/// <param name="Upload">Source of a FileIn parameter, read to its end; <see langword="null"/> when none.</param>
/// <param name="Download">Destination of a FileOut parameter; <see langword="null"/> when none.</param>
/// <param name="Progress">Receives the daemon's progress messages for this call, or <see langword="null"/>.</param>
/// <param name="ActionName">The libguestfs action name (for trace lines, activities and errors).</param>
/// <param name="TraceArgs">The arguments formatted as libguestfs traces them (<c>"/dev/sda1" "/"</c>).</param>
internal readonly record struct CallTransfer(
    Stream? Upload = null,
    Stream? Download = null,
    IProgress<GuestfsProgress>? Progress = null,
    string? ActionName = null,
    string? TraceArgs = null);

using System.Collections.Generic;

namespace Guestfs.Benchmarks.Harness;

/// <summary>
/// The fast-peer rows of the report: the stock guestfsd on the host over a unix socket (no VM), ours against a
/// minimal C client made with rpcgen (<c>eng/bench/fast-peer.sh</c>). With no emulated guest in the way, these show
/// the client's own cost, which is what a KVM user sees.
/// </summary>
public static class FastPeerRows
{
    /// <summary>The C client's side name.</summary>
    public const string CSide = "fastpeer-c";

    /// <summary>Our side's name.</summary>
    public const string OursSide = "ours-fastpeer";

    /// <summary>The rows, in order (the "stock" column is the C client).</summary>
    public static IReadOnlyList<FigureRow> Rows { get; } =
    [
        new("Fast peer: small call (`umask`), per call, C client vs ours", "fast peer\ncall (≤ 1.3×)", "µs",
            "per_call_us", CSide, OursSide, false, 1.3, null, null, null),
        new("Fast peer: client CPU per small call, C client vs ours", "fast peer\nCPU per call", "µs",
            "cpu_per_call_us", CSide, OursSide, false, null, null, null, null),
        new("Fast peer: 16 tasks' calls on one handle, ours, vs the C client's sequential calls", "fast peer\n16 tasks", "calls/s",
            "concurrent_calls_per_s", CSide, OursSide, true, 2.0, null, null, null, "calls_per_s"),
        new("Fast peer: upload", "fast peer\nupload", "MB/s",
            "upload_mbps", CSide, OursSide, true, null, null, null, null),
        new("Fast peer: download", "fast peer\ndownload", "MB/s",
            "download_mbps", CSide, OursSide, true, null, null, null, null),
        new("Fast peer: client CPU per MB uploaded", "fast peer\nCPU/MB up", "s/MB",
            "upload_cpu_s_per_mb", CSide, OursSide, false, null, null, null, null),
        new("Fast peer: client CPU per MB downloaded", "fast peer\nCPU/MB down", "s/MB",
            "download_cpu_s_per_mb", CSide, OursSide, false, null, null, null, null),
    ];

    /// <summary>How the rows are measured, for the report's method section.</summary>
    public static string Method { get; } = """
        - **Fast peer** (the stand-in for KVM, where the daemon answers in microseconds): the stock `guestfsd` on this
          host listening on a unix socket, fenced (`tests/Guestfs.TestSupport/guestfsd-fenced.sh`: private mount
          namespace and `/dev`, a loop device over a sparse file as its only disk), one daemon per sample
          (`eng/bench/fast-peer.sh`). The "stock" column is `eng/bench/fastpeer-client.c`: the codecs rpcgen makes
          from `idl/guestfs_protocol.x` and blocking `read`/`write` on the socket, the practical limit of the channel.
          Small calls are `umask 022` (one system call in the daemon); ours makes untimed calls for 1 s first (JIT).
          The 16-task row: ten times as many calls from 16 concurrent tasks on one handle, after 1 s of such calls
          untimed (the pipelined path's JIT), against the C client's sequential rate. Transfers: the transfer file uploaded to the loop device and downloaded from it. CPU is
          the client process's user + system time (`getrusage`).

        """.Replace("\r\n", "\n", System.StringComparison.Ordinal).Replace("\n", System.Environment.NewLine, System.StringComparison.Ordinal);
}

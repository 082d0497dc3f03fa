# Sourced by the benchmark scripts (eng/bench.sh, eng/bench-fleet.sh, eng/bench-tools.sh) after their options are
# parsed: bench_start NAME WORK sets up what every run shares.
#   work     the scratch directory (BENCH_WORK, else WORK), created
#   log      WORK/NAME.log, emptied: the commands' output
#   say      a progress line with the seconds since the start;  fail  the reason and the log's last lines, exit 1
# and the environment: the direct backend under TCG, no fixed appliance, no debug or trace output, no .NET banners.
bench_start() {
    bench_name=$1
    work=${BENCH_WORK:-$2}
    mkdir -p "$work"
    log=$work/$bench_name.log
    : >"$log"
    bench_started=$(date +%s)
    export LIBGUESTFS_BACKEND=direct LIBGUESTFS_BACKEND_SETTINGS=force_tcg
    unset LIBGUESTFS_PATH LIBGUESTFS_DEBUG LIBGUESTFS_TRACE
    export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
}
say() { echo "$bench_name: [$(( $(date +%s) - bench_started ))s] $*"; }
fail() {
    echo "$bench_name: FAILED: $*" >&2
    echo "$bench_name: the last lines of $log:" >&2
    tail -n 30 "$log" >&2 || true
    exit 1
}

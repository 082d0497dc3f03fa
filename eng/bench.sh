#!/usr/bin/env bash
# Benchmarks Guestfs side by side with the stock libguestfs 1.48.6 on this machine, under TCG, and writes
# docs/benchmarks.md (table: figure, stock, ours, ratio, target, limit) and docs/benchmarks.png.
# Not part of the test run. Run it on a quiet machine: every figure is wall-clock time.
#
#   eng/bench.sh                 full run: 3 repetitions, 2,000 calls, 200 MiB each way (< 15 min on 2 cores)
#   eng/bench.sh --quick         smoke run: 1 repetition, 200 calls, 20 MiB; report in $BENCH_WORK/report
#   eng/bench.sh --reps N        repetitions (default 3)
#   eng/bench.sh --out DIR       where benchmarks.md/.png go (default docs/, or $BENCH_WORK/report with --quick)
#   eng/bench.sh --micro         also run the BenchmarkDotNet micro-benchmarks (tests/Guestfs.Benchmarks, short job;
#                                several minutes more) and append their tables to benchmarks.md
#   eng/bench.sh --profile       also, after the timed runs, one verbose launch of each library with every
#                                line time-stamped, into DIR/benchmarks-profile-{stock,ours}.txt (where the time goes)
#
# Each repetition runs, interleaved (the order of stock and ours alternates between repetitions):
#   stock guestfish launch+exit; stock library session; our session; stock library and ours launching the
#   stock fixed appliance; our warm snapshot launches and launches from a warm pool; the bare-kernel boot and raw
#   virtio-serial limits; the fast peer (a fenced stock guestfsd on this host over a unix socket, no VM): the
#   rpcgen C client and ours (eng/bench/fast-peer.sh).
# A session = add a 1 GiB ext2 disk and a transfer disk (every launch adds both), launch, mount_ro, N small calls, upload and
# download, shutdown. Any error on either side stops the run with a message and a non-zero exit; no
# table is written from a partial run.
#
# Environment: BENCH_WORK (scratch and caches; default /var/tmp/guestfs-bench).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"

reps=3 calls=2000 xfer_mb=200 quick=0 out= profile=0 micro=0
while (($#)); do
    case "$1" in
        --quick) quick=1 reps=1 calls=200 xfer_mb=20 ;;
        --reps) reps=${2:?--reps needs a number}; shift ;;
        --out) out=${2:?--out needs a directory}; shift ;;
        --profile) profile=1 ;;
        --micro) micro=1 ;;
        *) echo "bench: unknown option $1" >&2; exit 2 ;;
    esac
    shift
done
. eng/bench/common.sh
bench_start bench /var/tmp/guestfs-bench
[ -n "$out" ] || { if ((quick)); then out=$work/report; else out=$root/docs; fi; }
mkdir -p "$out"
trap 'fail "line $LINENO: $BASH_COMMAND"' ERR
export GUESTFS_APPLIANCE_RECIPE=$root/appliance

# --- what the benchmark needs beyond eng/setup.sh
need=()
for p in libguestfs-tools libguestfs-dev qemu-system-x86 busybox-static gcc libc6-dev e2fsprogs cpio xz-utils binutils \
    guestfsd rpcsvc-proto libtirpc-dev; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || need+=("$p")
done
if ((${#need[@]})); then
    say "installing ${need[*]}"
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}"; } >>"$log" 2>&1 \
        || fail "could not install ${need[*]} (run as root)"
fi
kernel=$(ls /boot/vmlinuz-* | sort -V | tail -1)
kver=${kernel#/boot/vmlinuz-}

# --- build both sides
say "building the stock C session and the harness"
gcc -O2 -Wall -o "$work/stock-bench" eng/bench/stock-bench.c -lguestfs >>"$log" 2>&1 || fail "gcc eng/bench/stock-bench.c"
dotnet build tests/Guestfs.Benchmarks.Harness -c Release --nologo -v quiet -clp:ErrorsOnly >>"$log" 2>&1 \
    || fail "dotnet build tests/Guestfs.Benchmarks.Harness"
harness=$root/tests/Guestfs.Benchmarks.Harness/bin/Release/net10.0/Guestfs.Benchmarks.Harness

# --- inputs: a 1 GiB ext2 disk, a transfer file and a raw disk of exactly its size, the limits initramfs
disk=$work/disk-1g.img xdisk=$work/xfer.img xfile=$work/xfer-${xfer_mb}mib.bin
if [ ! -s "$disk" ]; then
    truncate -s 1G "$disk.tmp" && mkfs.ext2 -q -F "$disk.tmp" && mv "$disk.tmp" "$disk"
fi
bytes=$((xfer_mb * 1048576))  # a whole number of sectors: the disk is exactly the file
if [ "$(stat -c %s "$xfile" 2>/dev/null || echo 0)" != "$bytes" ]; then
    head -c "$bytes" /dev/urandom >"$xfile.tmp" && mv "$xfile.tmp" "$xfile"
fi
rm -f "$xdisk" && truncate -s "$bytes" "$xdisk"
cat "$xfile" >/dev/null   # page-cached for both sides
say "building the limits initramfs"
bash eng/bench/make-initramfs.sh "$work/limits.cpio.gz" "$kver" >>"$log" 2>&1 || fail "eng/bench/make-initramfs.sh"
# The limit boots the kernel the fastest way qemu can: uncompressed, through its PVH entry (no firmware
# real-mode boot, no in-guest decompression), when Debian's bzImage carries one; else the bzImage.
limit_kernel=$kernel
vmlinux=$work/vmlinux-$kver
if [ ! -s "$vmlinux" ]; then
    offset=$(LC_ALL=C grep -obUaP '\xfd7zXZ\x00' "$kernel" | head -n1 | cut -d: -f1 || true)
    if [ -n "$offset" ]; then
        { tail -c +$((offset + 1)) "$kernel" | xz -dcq >"$vmlinux.tmp"; } 2>/dev/null || true
        if readelf -n "$vmlinux.tmp" 2>/dev/null | grep -q 'Xen.*0x00000012'; then
            mv "$vmlinux.tmp" "$vmlinux"
        fi
    fi
    rm -f "$vmlinux.tmp"
fi
[ -s "$vmlinux" ] && limit_kernel=$vmlinux
say "limits boot $limit_kernel"

# --- appliances: the stock fixed one (built once), our cached one (built or checked now, not while timed)
fixed=$work/stock-fixed-appliance
if [ ! -e "$fixed/README.fixed" ]; then
    say "making the stock fixed appliance (libguestfs-make-fixed-appliance; a few minutes under TCG)"
    rm -rf "$fixed.tmp" && libguestfs-make-fixed-appliance "$fixed.tmp" >>"$log" 2>&1 && mv "$fixed.tmp" "$fixed" \
        || fail "libguestfs-make-fixed-appliance"
fi
if [ -x appliance/build.sh ] || [ -f appliance/build.sh ]; then
    say "checking our appliance (appliance/build.sh)"
    bash appliance/build.sh >>"$log" 2>&1 || fail "appliance/build.sh"
fi

# --- one sample: run a command, check it printed one JSON object, append it
results=$work/results.jsonl
: >"$results"
sample() { # label command...
    local label=$1; shift
    local outf=$work/last.out
    echo "== $label: $*" >>"$log"
    if ! "$@" >"$outf" 2>>"$log"; then
        fail "$label exited non-zero: $*"
    fi
    local line
    line=$(tail -n 1 "$outf")
    [[ $line == \{*\"side\"* ]] || fail "$label printed no sample (got: ${line:0:200})"
    echo "$line" >>"$results"
    echo "$line" >>"$log"
    say "  $label: $line"
}
guestfish_sample() {
    local t0 t1
    t0=$(date +%s.%N)
    guestfish --format=raw -a "$disk" -a "$xdisk" run : exit >>"$log" 2>&1 || fail "stock guestfish exited non-zero"
    t1=$(date +%s.%N)
    awk -v a="$t0" -v b="$t1" 'BEGIN { printf "{\"side\":\"stock-guestfish\",\"launch_shutdown_s\":%.4f}\n", b - a }'
}
stock_full() { "$work/stock-bench" "$disk" "$xdisk" "$xfile" "$calls"; }
stock_fixed() { LIBGUESTFS_PATH=$fixed "$work/stock-bench" "$disk" "$xdisk" "$xfile" "$calls" --launch-only | sed 's/"side":"stock-lib"/"side":"stock-lib-fixed"/'; }
# "ours" launches cold (a normal boot, as issue 11 compares); the warm snapshot launch is its own sample.
ours_full() { GUESTFS_SNAPSHOT=0 "$harness" ours --disk "$disk" --xfer-disk "$xdisk" --xfer-file "$xfile" --calls "$calls" --label ours; }
ours_fixed() { GUESTFS_SNAPSHOT=0 "$harness" ours --disk "$disk" --xfer-disk "$xdisk" --path "$fixed" --launch-only --label ours-fixed; }
ours_snapshot() { GUESTFS_SNAPSHOT=1 "$harness" ours --disk "$disk" --xfer-disk "$xdisk" --launch-only --label ours-snapshot; }
# --- launch rows: warm launches without a pool (three samples: short and noisy), and from a warm pool (one sample =
# the median of 5 launches, each after the pool refilled, with one paused appliance's qemu RSS)
ours_pool() { GUESTFS_SNAPSHOT=1 "$harness" pool --disk "$disk" --xfer-disk "$xdisk" --size 1 --launches 5 --label ours-pool; }
launch_samples() {
    for _ in 1 2 3; do sample "ours, warm snapshot launch" ours_snapshot; done
    sample "ours, warm pool launch" ours_pool
}

# --- the fast peer: no VM, so the client's own cost shows (the stand-in for KVM); C client and ours alternate
fast_peer_samples() { # rep
    local sides=(c ours)
    (($1 % 2)) || sides=(ours c)
    for side in "${sides[@]}"; do
        sample "fast peer, $side" bash eng/bench/fast-peer.sh "$side" "$work" "$harness" "$calls" "$xfile"
    done
}

# --- warm-up, not recorded: the stock supermin cache and our appliance cache are made or checked here
say "warm-up launches (not recorded)"
"$work/stock-bench" "$disk" "$xdisk" "$xfile" 10 --launch-only >>"$log" 2>&1 || fail "stock warm-up launch"
GUESTFS_SNAPSHOT=1 "$harness" ours --disk "$disk" --xfer-disk "$xdisk" --launch-only >>"$log" 2>&1 || fail "ours warm-up launch (saves the snapshot state)"

load_start=$(cut -d' ' -f1-3 /proc/loadavg)
for ((rep = 1; rep <= reps; rep++)); do
    say "repetition $rep of $reps"
    if ((rep % 2)); then
        sample "stock guestfish" guestfish_sample
        sample "stock library" stock_full
        sample "ours" ours_full
        sample "stock library, fixed appliance" stock_fixed
        sample "ours, fixed appliance" ours_fixed
    else
        sample "ours" ours_full
        sample "stock library" stock_full
        sample "ours, fixed appliance" ours_fixed
        sample "stock library, fixed appliance" stock_fixed
        sample "stock guestfish" guestfish_sample
    fi
    launch_samples
    sample "limit: bare boot" "$harness" limit-boot --kernel "$limit_kernel" --initrd "$work/limits.cpio.gz"
    sample "limit: virtio-serial" "$harness" limit-vserial --kernel "$limit_kernel" --initrd "$work/limits.cpio.gz" --mb "$xfer_mb" --echo "$calls"
    fast_peer_samples "$rep"
done
load_end=$(cut -d' ' -f1-3 /proc/loadavg)
elapsed=$(( $(date +%s) - bench_started ))

if ((profile)); then
    stamp() { local l; echo "[$EPOCHREALTIME] (start; times are epoch seconds)"; while IFS= read -r l; do printf '[%s] %s\n' "$EPOCHREALTIME" "$l"; done; }
    say "profile: one verbose launch of each side (not timed)"
    { LIBGUESTFS_DEBUG=1 "$work/stock-bench" "$disk" "$xdisk" "$xfile" 10 --launch-only 2>&1 | stamp; } >"$out/benchmarks-profile-stock.txt" \
        || fail "stock profile run"
    "$harness" ours --disk "$disk" --xfer-disk "$xdisk" --launch-only --profile >"$out/benchmarks-profile-ours.txt" 2>&1 || fail "ours profile run"
fi

cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')
mem=$(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)
qemu_version=$(qemu-system-x86_64 --version | head -1 | sed 's/QEMU emulator version //')
machine="$(nproc) cores ($cpu), $mem RAM, $(. /etc/os-release && echo "$PRETTY_NAME"), host kernel $(uname -r), guest kernel $kver, qemu $qemu_version, TCG (no KVM); load average at start $load_start, at end $load_end; the whole run took $((elapsed / 60)) min $((elapsed % 60)) s"
flags=()
((quick)) && flags+=(--quick)
# The sections between <!-- bench-NAME:begin/end --> markers are other scripts' (eng/bench-fleet.sh,
# eng/bench-tools.sh): kept as they are across this rewrite of the file.
kept_sections=$(sed -n '/^<!-- bench-[a-z]*:begin -->$/,/^<!-- bench-[a-z]*:end -->$/p' "$out/benchmarks.md" 2>/dev/null || true)
"$harness" report --results "$results" --md "$out/benchmarks.md" --png "$out/benchmarks.png" --machine "$machine" \
    --notes eng/bench/where-the-time-goes.md "${flags[@]}" >>"$log" 2>&1 \
    || fail "the report could not be written (a figure is missing?)"
cp "$results" "$out/benchmarks.jsonl"
if ((micro)); then
    say "micro-benchmarks (BenchmarkDotNet, short job)"
    rm -rf "$work/bdn"
    dotnet run -c Release --project tests/Guestfs.Benchmarks -- --filter '*' --job short --exporters github \
        --artifacts "$work/bdn" >>"$log" 2>&1 || fail "the micro-benchmarks failed"
    {
        echo
        echo "## Micro-benchmarks"
        echo
        echo "BenchmarkDotNet, short job, \`tests/Guestfs.Benchmarks\` (same run and machine as above)."
        for f in "$work"/bdn/results/*-report-github.md; do
            echo
            echo "### $(basename "$f" -report-github.md | sed 's/^Guestfs\.Benchmarks\.//')"
            echo
            sed -n '/^|/,$p' "$f"
        done
    } >>"$out/benchmarks.md"
fi
[ -z "$kept_sections" ] || printf '\n%s\n' "$kept_sections" >>"$out/benchmarks.md"
say "done in $((elapsed / 60)) min $((elapsed % 60)) s: $out/benchmarks.md, $out/benchmarks.png"
((elapsed <= 900)) || echo "bench: warning: the run took longer than 15 minutes (machine busy?)" >&2

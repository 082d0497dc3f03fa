#!/usr/bin/env bash
# Benchmarks many-image inspection: our fleet runner (eng/guestfs-fleet inspect: the library's FleetRunner, each
# image on its own appliance from the warm pool) against stock virt-inspector run through `xargs -P` with the same
# parallelism, in the same run, on N copies of a small Debian-like guest image; then our scaling over parallelism
# 1, 2, 4. For each: images per minute (wall clock), CPU seconds per image (user+sys of the whole process tree, the
# figure that holds up on a shared machine) and peak memory (the sum of the resident memory of the process tree:
# our process and its qemu children, or xargs with every virt-inspector and qemu under it, sampled every 0.5 s).
# Writes the "Many images (fleet)" section of docs/benchmarks.md between its markers (eng/bench.sh keeps it).
#
#   eng/bench-fleet.sh               32 images, the full comparison and the curve
#   eng/bench-fleet.sh --images N    N images
#   eng/bench-fleet.sh --quick       4 images, ours at the default parallelism only; report in $BENCH_WORK only
#   eng/bench-fleet.sh --out FILE    the Markdown file to write the section into (default docs/benchmarks.md)
#
# Environment: BENCH_WORK (scratch; default /var/tmp/guestfs-bench-fleet). Runs under TCG (force_tcg).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"

count=32 quick=0 out=$root/docs/benchmarks.md
while (($#)); do
    case "$1" in
        --images) count=${2:?--images needs a number}; shift ;;
        --quick) quick=1 count=4 ;;
        --out) out=${2:?--out needs a file}; shift ;;
        *) echo "bench-fleet: unknown option $1" >&2; exit 2 ;;
    esac
    shift
done
. eng/bench/common.sh
bench_start bench-fleet /var/tmp/guestfs-bench-fleet

# The default parallelism, by FleetRunner.DefaultParallelism's rule: the processors, but no more appliances than fit
# in MemAvailable at 1280 MiB + 256 MiB each; at least 1.
avail_kib=$(awk '/^MemAvailable:/ { print $2 }' /proc/meminfo)
default_p=$(( avail_kib / ((1280 + 256) * 1024) ))
(( default_p > $(nproc) )) && default_p=$(nproc)
(( default_p < 1 )) && default_p=1

say "building guestfs-fleet (when a source is newer than it)"
eng/guestfs-fleet --help >>"$log" 2>&1 || fail "build"

image=$work/guest.img
say "making the guest image when missing (stock guestfish)"
. eng/bench/debian-guest.sh
make_debian_guest "$image" "$log" || fail "making the image"

images=$work/images
rm -rf "$images"; mkdir -p "$images"
for i in $(seq 1 "$count"); do cp --sparse=always "$image" "$images/guest-$i.img"; done
ls "$images"/*.img >"$work/images.txt"

# peak_rss PID: the largest sum of VmRSS (KiB) over PID and its descendants, sampled until PID exits.
peak_rss() {
    local top=$1 peak=0 now
    while kill -0 "$top" 2>/dev/null; do
        now=$(ps -eo pid=,ppid=,rss= | awk -v top="$top" '
            { parent[$1] = $2; rss[$1] = $3 }
            END { for (p in rss) { q = p; while (q != "" && q != 0 && q != top) q = parent[q]; if (q == top) sum += rss[p] } print sum + 0 }')
        (( now > peak )) && peak=$now
        sleep 0.5
    done
    echo "$peak"
}

# measure NAME COMMAND...: runs it under /usr/bin/time, samples its memory; appends "NAME wall cpu peak_kib" to results.
results=$work/results.txt
: >"$results"
measure() {
    local name=$1; shift
    local timing=$work/$name.time
    /usr/bin/time -f '%e %U %S' -o "$timing" "$@" >>"$log" 2>&1 &
    local pid=$!
    local peak
    peak=$(peak_rss "$pid")
    wait "$pid" || fail "$name: exit status $?"
    read -r wall user sys <"$timing"
    echo "$name $wall $(echo "$user + $sys" | bc) $peak" >>"$results"
    say "$name: ${wall}s wall, $(echo "$user + $sys" | bc)s CPU, peak $((peak / 1024)) MiB"
}

ours() { # ours PARALLELISM
    rm -f "$work/ours-$1.jsonl"
    measure "ours-p$1" eng/guestfs-fleet inspect --images "$work/images.txt" --out "$work/ours-$1.jsonl" --parallel "$1" --format raw
    local ok
    ok=$(grep -c '"distro":"debian"' "$work/ours-$1.jsonl" || true)
    ((ok == count)) || fail "ours at parallelism $1: $ok of $count images inspected as Debian (see $work/ours-$1.jsonl)"
}

stock() { # stock PARALLELISM
    rm -f "$images"/*.xml
    # The list goes by -a: a command started in the background (as measure does) reads /dev/null, not our stdin.
    measure "stock-p$1" xargs -a "$work/images.txt" -P "$1" -I{} sh -c 'exec virt-inspector --no-applications --no-icon --format=raw -a "$1" >"$1.xml"' _ {}
    local ok
    ok=$(cat "$images"/*.xml 2>/dev/null | grep -c '<distro>debian</distro>' || true)
    ((ok == count)) || fail "stock at parallelism $1: $ok of $count images inspected as Debian"
}

load_start=$(cut -d' ' -f1-3 /proc/loadavg)
say "$count images, default parallelism $default_p; load average $load_start"
ours "$default_p"
if ((quick)); then
    say "quick run done: $results"
    exit 0
fi
stock "$default_p"
for p in 1 2 4; do
    [ "$p" = "$default_p" ] || ours "$p"
done
load_end=$(cut -d' ' -f1-3 /proc/loadavg)
elapsed=$(( $(date +%s) - bench_started ))

row() { # row NAME LABEL PARALLELISM
    awk -v name="$1" -v label="$2" -v p="$3" -v n="$count" '$1 == name {
        printf "| %s | %d | %.1f | %.0f | %.1f | %.0f |\n", label, p, n * 60 / $2, $2, $3 / n, $4 / 1024 }' "$results"
}
section=$work/section.md
{
    echo '<!-- bench-fleet:begin -->'
    echo '## Many images (fleet)'
    echo
    echo "\`eng/bench-fleet.sh\`: inspect $count copies of a 64 MiB Debian-like guest (ext4, no applications or icon)."
    echo "Ours: \`eng/guestfs-fleet inspect\` (FleetRunner, each image on its own appliance; the images beyond the first"
    echo "parallelism-many launch from the warm pool the runner keeps). Stock: \`virt-inspector --no-applications --no-icon\` per image through"
    echo "\`xargs -P\`, same parallelism, same run. Images/min is wall clock; CPU s/image is user+sys of the whole"
    echo "process tree (qemu included), the figure that holds up on a shared machine; peak memory is the largest sum"
    echo "of resident memory over the process tree, sampled every 0.5 s."
    echo
    echo "Load average $load_start at the start, $load_end at the end (other jobs on the same cores count there); $(nproc) cores,"
    echo "$(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo) RAM, TCG (no KVM); the run took $((elapsed / 60)) min."
    echo "Compare the rows with each other (same run), not with other runs."
    echo
    echo '| run | parallelism | images/min | wall s | CPU s/image | peak memory MiB |'
    echo '|---|---|---|---|---|---|'
    row "ours-p$default_p" "ours (default parallelism)" "$default_p"
    row "stock-p$default_p" "stock virt-inspector, xargs -P" "$default_p"
    echo
    echo 'Scaling (ours):'
    echo
    echo '| run | parallelism | images/min | wall s | CPU s/image | peak memory MiB |'
    echo '|---|---|---|---|---|---|'
    for p in 1 2 4; do row "ours-p$p" "ours" "$p"; done
    echo '<!-- bench-fleet:end -->'
} >"$section"

# Replace the section in place (or append it): the rest of the file is eng/bench.sh's.
touch "$out"
awk -v section="$section" '
    /^<!-- bench-fleet:begin -->$/ { skip = 1; while ((getline line < section) > 0) print line; next }
    /^<!-- bench-fleet:end -->$/ { skip = 0; done = 1; next }
    !skip { print }
    END { if (!done) { print ""; while ((getline line < section) > 0) print line } }' "$out" >"$out.new"
mv "$out.new" "$out"
say "done in $((elapsed / 60)) min: section written to $out"

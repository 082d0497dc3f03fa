#!/usr/bin/env bash
# Benchmarks the everyday tools on one image: virt-inspector and virt-cat, ours (src/Guestfs.Tools, the built
# binary, snapshot launch) against stock guestfs-tools, interleaved in the same run (the order alternates between
# repetitions), on a 64 MiB Debian-like guest (eng/bench/debian-guest.sh). Each run's wall time and CPU time
# (user+sys of the whole process tree, qemu included) is recorded; the section "The virt tools" of
# docs/benchmarks.md (between its markers; eng/bench.sh keeps it) gets the medians. Both sides' outputs are
# compared: a difference stops the run.
#
#   eng/bench-tools.sh               3 repetitions
#   eng/bench-tools.sh --reps N      N repetitions
#   eng/bench-tools.sh --out FILE    the Markdown file to write the section into (default docs/benchmarks.md)
#
# Environment: BENCH_WORK (scratch; default /var/tmp/guestfs-bench-tools). Runs under TCG (force_tcg).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"

reps=3 out=$root/docs/benchmarks.md
while (($#)); do
    case "$1" in
        --reps) reps=${2:?--reps needs a number}; shift ;;
        --out) out=${2:?--out needs a file}; shift ;;
        *) echo "bench-tools: unknown option $1" >&2; exit 2 ;;
    esac
    shift
done
. eng/bench/common.sh
bench_start bench-tools /var/tmp/guestfs-bench-tools

say "building the tools (when a source is newer than them)"
eng/virt-cat --help >>"$log" 2>&1 || fail "build"
tools_dll=$root/src/Guestfs.Tools/bin/Release/net10.0/guestfs-tools.dll
image=$work/guest.img
. eng/bench/debian-guest.sh
make_debian_guest "$image" "$log" || fail "making the image"

# run SIDE TOOL ARGS...: one timed run; appends "SIDE-TOOL wall cpu" to the results, its stdout to $work/SIDE-TOOL.out.
results=$work/results.txt
: >"$results"
run() {
    local side=$1 tool=$2; shift 2
    local cmd=("/usr/bin/$tool")
    [ "$side" = stock ] || cmd=(bash -c 'exec -a "$0" dotnet "$@"' "$tool" "$tools_dll")
    /usr/bin/time -f '%e %U %S' -o "$work/time" "${cmd[@]}" "$@" >"$work/$side-$tool.out" 2>>"$log" \
        || fail "$side $tool exited non-zero"
    read -r wall user sys <"$work/time"
    echo "$side-$tool $wall $(echo "$user + $sys" | bc)" >>"$results"
    say "  $side $tool: ${wall}s wall, $(echo "$user + $sys" | bc)s CPU"
}
inspector() { run "$1" virt-inspector --no-icon --format=raw -a "$image"; }
cat_file() { run "$1" virt-cat --format=raw -a "$image" /etc/hostname; }

say "warm-up (not recorded): each side once"
inspector stock; inspector ours
: >"$results"
load_start=$(cut -d' ' -f1-3 /proc/loadavg)
for ((rep = 1; rep <= reps; rep++)); do
    say "repetition $rep of $reps"
    sides=(stock ours); ((rep % 2)) || sides=(ours stock)
    for side in "${sides[@]}"; do inspector "$side"; done
    for side in "${sides[@]}"; do cat_file "$side"; done
    cmp -s "$work/stock-virt-inspector.out" "$work/ours-virt-inspector.out" || fail "virt-inspector outputs differ (see $work)"
    cmp -s "$work/stock-virt-cat.out" "$work/ours-virt-cat.out" || fail "virt-cat outputs differ (see $work)"
done
load_end=$(cut -d' ' -f1-3 /proc/loadavg)
elapsed=$(( $(date +%s) - bench_started ))

median() { # NAME FIELD(2 wall, 3 cpu)
    awk -v n="$1" -v f="$2" '$1 == n { print $f }' "$results" | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
row() { # TOOL LABEL
    local sw ow sc oc
    sw=$(median "stock-$1" 2) ow=$(median "ours-$1" 2) sc=$(median "stock-$1" 3) oc=$(median "ours-$1" 3)
    awk -v l="$2" -v sw="$sw" -v ow="$ow" -v sc="$sc" -v oc="$oc" \
        'BEGIN { printf "| %s | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f |\n", l, sw, ow, ow / sw, sc, oc, oc / sc }'
}
section=$work/section.md
{
    echo '<!-- bench-tools:begin -->'
    echo '## The virt tools'
    echo
    echo "\`eng/bench-tools.sh\`: \`virt-inspector --no-icon\` and \`virt-cat /etc/hostname\` on a 64 MiB Debian-like guest"
    echo "(eng/bench/debian-guest.sh), stock guestfs-tools 1.48 against ours (the built \`guestfs-tools\`, snapshot launch),"
    echo "interleaved, $reps repetitions after one unrecorded run of each side; medians. Both sides' outputs were compared"
    echo "byte for byte on every repetition. CPU is user+sys of the whole process tree (qemu included). $(nproc) cores, TCG;"
    echo "load average $load_start at the start, $load_end at the end; the run took $((elapsed / 60)) min $((elapsed % 60)) s."
    echo
    echo '| tool | stock wall s | ours wall s | ratio | stock CPU s | ours CPU s | ratio |'
    echo '|---|---|---|---|---|---|---|'
    row virt-inspector virt-inspector
    row virt-cat virt-cat
    echo '<!-- bench-tools:end -->'
} >"$section"

touch "$out"
awk -v section="$section" '
    /^<!-- bench-tools:begin -->$/ { skip = 1; while ((getline line < section) > 0) print line; next }
    /^<!-- bench-tools:end -->$/ { skip = 0; done = 1; next }
    !skip { print }
    END { if (!done) { print ""; while ((getline line < section) > 0) print line } }' "$out" >"$out.new"
mv "$out.new" "$out"
cat "$section"
say "done: section written to $out"

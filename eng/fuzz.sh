#!/usr/bin/env bash
# Coverage-guided fuzzing of the host's parsers of guest data with AFL++ and SharpFuzz.
#   eng/fuzz.sh TARGET [SECONDS] [EXECUTIONS]
#     TARGET      frame (reply framing and decoding), codecs (every XDR codec), archive (the copy-out tar filter),
#                 handshake (snapshot handshake lines and the console buffer), partition (MBR/GPT/md/LVM signatures
#                 and the ext2 superblock), or all (each in turn)
#     SECONDS     stop after this long (default 60; 0 = no time limit)
#     EXECUTIONS  stop after about this many executions (default: no limit), e.g. 1000000
# Needs: afl++ (apt-get install afl++), the SharpFuzz tool (dotnet tool install -g SharpFuzz.CommandLine --version 2.3.0).
# Runs afl-fuzz under nice -n 19 against the harness in persistent mode (one process, input after input); a run
# over 2 s counts as a hang (-t 2000). Without afl-fuzz it runs the harness's in-process smoke mode instead.
# Findings: artifacts/fuzz/<target>/out/default/{crashes,hangs}; reproduce with
#   dotnet artifacts/fuzz/<target>/bin/Guestfs.Fuzz.dll <target> --replay <file>
# Prints one summary line per target (executions, exec/s, wall time, corpus, crashes, hangs) and fails if any were found.
set -euo pipefail
target="${1:-frame}"
seconds="${2:-60}"
executions="${3:-}"
root="$(cd "$(dirname "$0")/.." && pwd)"
targets=(frame codecs archive handshake partition)

if [[ "$target" == all ]]; then
  status=0
  for t in "${targets[@]}"; do "$0" "$t" "$seconds" "$executions" || status=1; done
  exit $status
fi
if [[ ! " ${targets[*]} " =~ " $target " ]]; then
  echo "usage: eng/fuzz.sh <$(IFS='|'; echo "${targets[*]}")|all> [SECONDS] [EXECUTIONS]" >&2
  exit 2
fi

work="$root/artifacts/fuzz/$target"
bin="$work/bin"
rm -rf "$bin" "$work/in" && mkdir -p "$bin"
# IL only: SharpFuzz cannot instrument the ReadyToRun image a Release build makes of the library (eng/ReadyToRun.targets).
dotnet publish "$root/tests/Guestfs.Fuzz/Guestfs.Fuzz.csproj" -c Release -p:GuestfsReadyToRun=false -o "$bin" -v quiet -clp:ErrorsOnly
dotnet "$bin/Guestfs.Fuzz.dll" "$target" --seeds "$work/in"

if ! command -v afl-fuzz >/dev/null; then
  echo "afl-fuzz not found: running the in-process smoke mode instead" >&2
  [[ "$seconds" == 0 ]] && seconds=86400
  exec nice -n 19 dotnet "$bin/Guestfs.Fuzz.dll" "$target" --smoke "$seconds" ${executions:+"$executions"}
fi

sharpfuzz="$(command -v sharpfuzz || echo "$HOME/.dotnet/tools/sharpfuzz")"
"$sharpfuzz" "$bin/Guestfs.dll"   # instrument the library under test in place (the harness itself is not instrumented)

export AFL_SKIP_BIN_CHECK=1 AFL_SKIP_CPUFREQ=1 AFL_NO_UI=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_NO_AFFINITY=1
export DOTNET_TieredPGO=0
limits=()
[[ "$seconds" != 0 ]] && limits+=(-V "$seconds")
[[ -n "$executions" ]] && limits+=(-E "$executions")
rm -rf "$work/out"
command=(afl-fuzz -i "$work/in" -o "$work/out" -t 2000 -m none "${limits[@]}" -- dotnet "$bin/Guestfs.Fuzz.dll" "$target")
echo "nice -n 19 ${command[*]}" > "$work/command"
started=$(date +%s)
nice -n 19 "${command[@]}" > "$work/afl.log" 2>&1 || { tail -20 "$work/afl.log" >&2; }
wall=$(( $(date +%s) - started ))

stats="$work/out/default/fuzzer_stats"
[[ -f "$stats" ]] || { echo "fuzz $target: afl-fuzz wrote no statistics (see $work/afl.log)" >&2; exit 1; }
stat() { awk -F: -v k="$1" '$1 ~ "^"k" *$" {gsub(/ /,"",$2); print $2}' "$stats"; }
execs=$(stat execs_done)
crashes=$(stat saved_crashes)
hangs=$(stat saved_hangs)
echo "fuzz $target: $execs executions, $(( execs / (wall > 0 ? wall : 1) )) exec/s, ${wall} s, $(stat corpus_count) corpus entries," \
  "$(stat edges_found)/$(stat total_edges) edges, $crashes crashes, $hangs hangs ($work/out/default)" | tee "$work/summary"
[[ "${crashes:-0}" == 0 && "${hangs:-0}" == 0 ]]

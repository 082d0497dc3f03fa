#!/usr/bin/env bash
# Fuzz the decoders with AFL++ and SharpFuzz.
#   eng/fuzz.sh [frame|codecs] [seconds]      (defaults: frame 60)
# Needs: afl++ (apt-get install afl++), the SharpFuzz tool (dotnet tool install -g SharpFuzz.CommandLine --version 2.3.0).
# Without afl-fuzz it falls back to the harness's in-process smoke mode for the same time.
# Findings: artifacts/fuzz/<target>/out/default/crashes; reproduce with
#   dotnet artifacts/fuzz/<target>/bin/Guestfs.Fuzz.dll <target> --replay <file>
set -euo pipefail
target="${1:-frame}"
seconds="${2:-60}"
root="$(cd "$(dirname "$0")/.." && pwd)"
work="$root/artifacts/fuzz/$target"
bin="$work/bin"

rm -rf "$bin" && mkdir -p "$bin"
dotnet publish "$root/tests/Guestfs.Fuzz/Guestfs.Fuzz.csproj" -c Release -o "$bin" -v quiet -clp:ErrorsOnly
dotnet "$bin/Guestfs.Fuzz.dll" "$target" --seeds "$work/in"

if ! command -v afl-fuzz >/dev/null; then
  echo "afl-fuzz not found: running the in-process smoke mode instead" >&2
  exec dotnet "$bin/Guestfs.Fuzz.dll" "$target" --smoke "$seconds"
fi

sharpfuzz="$(command -v sharpfuzz || echo "$HOME/.dotnet/tools/sharpfuzz")"
"$sharpfuzz" "$bin/Guestfs.dll"   # instrument the library under test in place (the harness itself is not instrumented)

export AFL_SKIP_BIN_CHECK=1 AFL_SKIP_CPUFREQ=1 AFL_NO_UI=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_NO_AFFINITY=1
export DOTNET_TieredPGO=0
rm -rf "$work/out"
afl-fuzz -i "$work/in" -o "$work/out" -t 5000 -m none -V "$seconds" -- dotnet "$bin/Guestfs.Fuzz.dll" "$target" || true

stats="$work/out/default/fuzzer_stats"
if [[ -f "$stats" ]]; then
  execs=$(awk -F: '/^execs_done/ {gsub(/ /,"",$2); print $2}' "$stats")
  crashes=$(awk -F: '/^saved_crashes|^unique_crashes/ {gsub(/ /,"",$2); print $2}' "$stats" | head -1)
  paths=$(awk -F: '/^corpus_count|^paths_total/ {gsub(/ /,"",$2); print $2}' "$stats" | head -1)
  echo "fuzz $target: $execs executions, $paths corpus entries, $crashes crashes (in $work/out/default/crashes)"
  [[ "${crashes:-0}" == 0 ]]
fi

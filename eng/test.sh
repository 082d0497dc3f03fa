#!/usr/bin/env bash
# Builds Guestfs and runs every test project, then prints one summary line
# "N passed, N failed, N skipped" summed over all projects. Exits non-zero on any failure.
#   eng/test.sh            the whole suite (appliance tests included)
#   eng/test.sh --fast     leaves out tests that boot the appliance (Category=Appliance)
# Either way the wide stock-comparison matrix of the tools (Category=StockMatrix) is left to eng/compare-tools.sh.
set -uo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"

filter="Category!=StockMatrix"
for arg in "$@"; do
  case "$arg" in
    --fast) filter="Category!=Appliance&Category!=StockMatrix" ;;
    *) echo "test: unknown option $arg" >&2; exit 2 ;;
  esac
done

bash eng/setup.sh || { echo "test: setup failed" >&2; exit 1; }

echo "test: building"
if ! dotnet build Guestfs.sln -c Release --nologo -v quiet -clp:ErrorsOnly; then
  echo "0 passed, 1 failed"
  echo "test: build failed" >&2
  exit 1
fi

results="$root/.build/test-results"
rm -rf "$results"; mkdir -p "$results"
status=0
for proj in tests/*/*.csproj; do
  name=$(basename "$proj" .csproj)
  grep -q '<IsTestProject>true</IsTestProject>' "$proj" || continue
  echo "test: running $name"
  args=(test "$proj" -c Release --no-build --nologo
        --logger "trx;LogFileName=$name.trx" --results-directory "$results/$name"
        --blame-hang-timeout 15m)
  [ -n "$filter" ] && args+=(--filter "$filter")
  dotnet "${args[@]}" || status=1
done

passed=0; failed=0; skipped=0; found=0
for trx in "$results"/*/*.trx; do
  [ -e "$trx" ] || continue
  found=1
  line=$(grep -o '<Counters [^>]*>' "$trx" | head -n1)
  get() { echo "$line" | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]*'; }
  total=$(get total); p=$(get passed); f=$(get failed); e=$(get error); x=$(get executed)
  passed=$((passed + ${p:-0}))
  failed=$((failed + ${f:-0} + ${e:-0}))
  skipped=$((skipped + ${total:-0} - ${x:-0}))
done
if [ $found = 0 ]; then
  echo "test: no test results were produced" >&2
  status=1
fi
[ $failed -gt 0 ] && status=1
echo "$passed passed, $failed failed, $skipped skipped"
# Each skipped test with the reason it gave (a test whose prerequisite is missing says so instead of passing).
for trx in "$results"/*/*.trx; do
  [ -e "$trx" ] || continue
  awk '
    /<UnitTestResult / && /outcome="NotExecuted"/ { match($0, /testName="[^"]*"/); name = substr($0, RSTART + 10, RLENGTH - 11); want = 1; next }
    want && /<Message>/ { line = $0; sub(/.*<Message>/, "", line); sub(/<\/Message>.*/, "", line); print "  skipped: " name ": " line; want = 0 }
    /<\/UnitTestResult>/ { if (want) print "  skipped: " name; want = 0 }
  ' "$trx" | sed 's/&quot;/"/g; s/&apos;/'"'"'/g; s/&lt;/</g; s/&gt;/>/g; s/&amp;/\&/g'
done
exit $status

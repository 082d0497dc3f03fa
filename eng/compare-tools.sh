#!/usr/bin/env bash
# The stock-comparison campaign of the virt-* tools: runs every test of tests/Guestfs.Tools.Tests marked
# Category=StockMatrix (the wide option matrix against stock guestfs-tools, which eng/test.sh leaves out because each
# stock run boots an appliance under TCG), then prints "compare-tools: N passed, N failed, N skipped in Ns" and the
# name of each failed test. Exits non-zero on any failure.
#   eng/compare-tools.sh                   the whole campaign
#   eng/compare-tools.sh FILTER            only the campaign's tests that also match a dotnet test filter
#                                          (e.g. 'FullyQualifiedName~LsToolTests')
set -uo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"

filter="Category=StockMatrix"
[ $# -gt 0 ] && filter="$filter&($1)"
[ $# -gt 1 ] && { echo "compare-tools: usage: eng/compare-tools.sh [FILTER]" >&2; exit 2; }

project=tests/Guestfs.Tools.Tests/Guestfs.Tools.Tests.csproj
echo "compare-tools: building"
if ! dotnet build "$project" -c Release --nologo -v quiet -clp:ErrorsOnly; then
  echo "compare-tools: build failed" >&2
  exit 1
fi

results="$root/.build/compare-tools"
rm -rf "$results"; mkdir -p "$results"
start=$(date +%s)
dotnet test "$project" -c Release --no-build --nologo --filter "$filter" \
  --logger "trx;LogFileName=compare-tools.trx" --results-directory "$results" --blame-hang-timeout 30m
status=$?
elapsed=$(( $(date +%s) - start ))

trx="$results/compare-tools.trx"
if [ ! -e "$trx" ]; then
  echo "compare-tools: no test results were produced" >&2
  exit 1
fi
line=$(grep -o '<Counters [^>]*>' "$trx" | head -n1)
get() { echo "$line" | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]*'; }
total=$(get total); passed=$(get passed); failed=$(( $(get failed) + $(get error) )); executed=$(get executed)
echo "compare-tools: ${passed:-0} passed, $failed failed, $(( ${total:-0} - ${executed:-0} )) skipped in ${elapsed}s"
grep -o '<UnitTestResult [^>]*outcome="Failed"[^>]*>' "$trx" | grep -o 'testName="[^"]*"' \
  | sed 's/^testName="/  failed: /; s/"$//; s/&quot;/"/g; s/&apos;/'"'"'/g; s/&lt;/</g; s/&gt;/>/g; s/&amp;/\&/g'
[ "$failed" -gt 0 ] && status=1
exit $status

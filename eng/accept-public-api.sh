#!/usr/bin/env bash
# Refreshes src/Guestfs/PublicAPI.Unshipped.txt from the build: every public symbol the analyzer reports as
# undeclared (RS0016) is added, every declared one that no longer exists (RS0017) is removed. Review the diff.
#   eng/accept-public-api.sh
# At a release, move the lines of PublicAPI.Unshipped.txt to PublicAPI.Shipped.txt.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
project=$root/src/Guestfs
log=$(mktemp)
trap 'rm -f "$log"' EXIT

# --no-incremental: the analyzer reports only when the compiler runs.
dotnet build "$project/Guestfs.csproj" -c Release --no-incremental -p:TreatWarningsAsErrors=false -nologo -clp:NoSummary >"$log" 2>&1 || true
added=$(grep -oP "RS0016: Symbol '\K.*?(?=' is not part of the declared public API)" "$log" | sort -u || true)
removed=$(grep -oP "RS0017: Symbol '\K.*?(?=' is part of the declared API, but)" "$log" | sort -u || true)
if grep -q ": error " "$log"; then
    grep ": error " "$log" | sort -u >&2
    echo "accept-public-api: the build has errors other than the API lists; fix them first" >&2
    exit 1
fi

unshipped=$project/PublicAPI.Unshipped.txt
{
    echo "#nullable enable"
    { grep -v '^#nullable enable$' "$unshipped" || true; [ -n "$added" ] && echo "$added"; } \
        | { if [ -n "$removed" ]; then grep -vxF -f <(echo "$removed"); else cat; fi; } \
        | LC_ALL=C sort -u
} >"$unshipped.new"
mv "$unshipped.new" "$unshipped"
echo "accept-public-api: $(echo -n "$added" | grep -c '^' || true) added, $(echo -n "$removed" | grep -c '^' || true) removed"

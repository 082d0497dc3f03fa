#!/usr/bin/env bash
# Part of eng/setup.sh: installs the Debian packages our appliance recipe names (supermin copies
# them from this host), then builds the appliance into the per-user cache unless it is current.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
recipe="$root/appliance"

mapfile -t wanted < <(grep -v '^[[:space:]]*\(#\|$\)' "$recipe/packages")
# The build compiles the init's settime builtin (appliance/settime.c; bash's headers come with bash-builtins).
wanted+=(gcc libc6-dev)
missing=()
for p in "${wanted[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
    if [ "$(id -u)" != 0 ]; then
        echo "setup: the appliance needs these Debian packages, and installing them needs root: ${missing[*]}" >&2
        exit 1
    fi
    echo "setup: installing appliance packages ${missing[*]}"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if bash "$recipe/build.sh" --check; then
    echo "setup: appliance is current"
else
    echo "setup: building the appliance (supermin; a minute or two)"
    bash "$recipe/build.sh" >/dev/null
fi

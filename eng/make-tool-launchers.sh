#!/usr/bin/env bash
# Makes eng/virt-NAME (a link to eng/guestfs-tools) for every tool in the dispatch table of
# src/Guestfs.Tools/Program.cs, and removes links of tools no longer there.
#   eng/make-tool-launchers.sh
set -euo pipefail
eng=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
names=$(sed -n 's/^ *new("\([a-z0-9-]*\)", [A-Za-z.]*Async),$/\1/p' "$eng/../src/Guestfs.Tools/Program.cs")
[ -n "$names" ] || { echo "make-tool-launchers: no tools found in Program.cs" >&2; exit 1; }
for link in "$eng"/virt-*; do
  [ -L "$link" ] || continue
  grep -qx "$(basename "$link" | sed 's/^virt-//')" <<<"$names" || rm -f "$link"
done
for name in $names; do
  ln -sfn guestfs-tools "$eng/virt-$name"
done

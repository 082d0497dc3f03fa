#!/usr/bin/env bash
# One fast-peer sample for eng/bench.sh: a stock guestfsd on this host listening on a unix socket (no VM), fenced
# by tests/Guestfs.TestSupport/guestfsd-fenced.sh (private mount namespace and /dev; its only disk is a loop
# device over a sparse file the size of XFER_FILE), and one client session against it. guestfsd serves one
# connection, so each sample starts its own.
#
#   eng/bench/fast-peer.sh c|ours WORK HARNESS CALLS XFER_FILE [TASKS]
#
#   c     eng/bench/fastpeer-client.c: the message codecs rpcgen makes from idl/guestfs_protocol.x and blocking
#         read/write on the socket (the practical limit of the channel); built into WORK on first use
#   ours  the harness's fast-peer mode (our engine through the public API; TASKS concurrent tasks for the
#         pipelined figure, default 16)
# Prints the client's JSON sample on stdout; the daemon's log is WORK/fastpeer-daemon/guestfsd.log.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
side=${1:?c or ours} work=${2:?WORK} harness=${3:?HARNESS} calls=${4:?CALLS} xfile=${5:?XFER_FILE} tasks=${6:-16}

client=$work/fastpeer-client
if [ ! -x "$client" ] || [ "$root/eng/bench/fastpeer-client.c" -nt "$client" ] || [ "$root/idl/guestfs_protocol.x" -nt "$client" ]; then
    gen=$work/fastpeer-rpcgen
    rm -rf "$gen" && mkdir -p "$gen"
    cp "$root/idl/guestfs_protocol.x" "$gen/"
    (cd "$gen" && rpcgen -h guestfs_protocol.x -o guestfs_protocol.h && rpcgen -c guestfs_protocol.x -o guestfs_protocol_xdr.c)
    gcc -O2 -w -I/usr/include/tirpc -I"$gen" -c "$gen/guestfs_protocol_xdr.c" -o "$gen/xdr.o"
    gcc -O2 -Wall -I/usr/include/tirpc -I"$gen" -o "$client" "$root/eng/bench/fastpeer-client.c" "$gen/xdr.o" -ltirpc
fi

size_mb=$(( ($(stat -c %s "$xfile") + 1048575) / 1048576 ))
dwork=$work/fastpeer-daemon
rm -rf "$dwork"
ready=$work/fastpeer-ready
rm -f "$ready"
bash "$root/tests/Guestfs.TestSupport/guestfsd-fenced.sh" "$dwork" "$size_mb" >"$ready" 2>&1 &
script=$!
trap 'kill "$script" 2>/dev/null || true; wait "$script" 2>/dev/null || true' EXIT
for _ in $(seq 600); do grep -q '^READY ' "$ready" && break; kill -0 "$script" 2>/dev/null || break; sleep 0.05; done
read -r _ sock _ < <(grep '^READY ' "$ready") || { echo "fast-peer: guestfsd did not start: $(cat "$ready")" >&2; exit 1; }

case "$side" in
    c) "$client" "$sock" "$calls" "$xfile" /dev/sda ;;
    ours) "$harness" fast-peer --socket "$sock" --calls "$calls" --xfer-file "$xfile" --device /dev/sda --tasks "$tasks" --label ours-fastpeer ;;
    *) echo "fast-peer: unknown side $side" >&2; exit 2 ;;
esac
# guestfsd exits when the client disconnects; the script then detaches the loop device.
wait "$script" || true
trap - EXIT

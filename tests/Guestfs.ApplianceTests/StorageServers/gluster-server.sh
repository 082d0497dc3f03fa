#!/bin/sh
# A single-node Gluster server for tests: glusterd and one volume with one brick, fenced from the host.
# Usage: unshare --mount --pid --fork --kill-child --mount-proc gluster-server.sh DIR ADDRESS VOLUME
#  - runs as PID 1 of its own PID namespace: killing it (unshare --kill-child does when unshare dies) ends
#    glusterd and the brick process it spawns, and nothing else;
#  - in its own mount namespace, glusterd's state, log and run directories (/var/lib/glusterd,
#    /var/log/glusterfs, /run with /run/gluster and glusterd.socket) are bind mounts of directories under DIR:
#    nothing of the host's configuration is read or written;
#  - glusterd and the brick listen on ADDRESS only (a loopback address other than 127.0.0.1, which gluster
#    refuses as a brick host), on glusterd's port 24007 and a brick port from 49152.
# Prints "READY" once VOLUME (brick DIR/brick, a directory on the root file system, hence "force") is started,
# then runs until killed.
set -eu
dir=$1 address=$2 volume=$3
mkdir -p "$dir/lib" "$dir/log" "$dir/run/gluster" "$dir/run/lock" "$dir/brick"
mount --make-rprivate /
mount --bind "$dir/lib" /var/lib/glusterd
mount --bind "$dir/log" /var/log/glusterfs
mount --bind "$dir/run" /run
cat >"$dir/glusterd.vol" <<VOL
volume management
    type mgmt/glusterd
    option working-directory /var/lib/glusterd
    option transport-type socket
    option transport.socket.bind-address $address
    option transport.socket.listen-port 24007
    option ping-timeout 0
    option event-threads 1
    option base-port 49152
    option max-port 60999
end-volume
VOL
glusterd --no-daemon --volfile="$dir/glusterd.vol" --pid-file="$dir/glusterd.pid" --log-file="$dir/log/glusterd.log" &
tries=0
until gluster --mode=script volume list >/dev/null 2>&1; do
  kill -0 $! 2>/dev/null || { echo "glusterd exited: $(tail -n 5 "$dir/log/glusterd.log")" >&2; exit 1; }
  tries=$((tries + 1)); [ $tries -lt 300 ] || { echo "glusterd did not answer within 60 s" >&2; exit 1; }
  sleep 0.2
done
gluster --mode=script volume create "$volume" "$address:$dir/brick" force >&2
gluster --mode=script volume start "$volume" >&2
echo READY
wait

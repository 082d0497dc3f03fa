#!/bin/sh
# A single-node Ceph cluster for tests: one monitor and one OSD (memstore: objects in memory), cephx on,
# fenced from the host.
# Usage: unshare --mount --pid --fork --kill-child --mount-proc ceph-server.sh DIR PORT POOL USER
#  - runs as PID 1 of its own PID namespace: killing it (unshare --kill-child does when unshare dies) ends both
#    daemons and nothing else;
#  - every path (configuration DIR/ceph.conf, keyring, monitor and OSD data, logs, sockets) is under DIR, and in
#    its own mount namespace /var/lib/ceph, /var/log/ceph and /run are bind mounts of directories under DIR:
#    nothing of the host's configuration is read or written;
#  - the monitor listens on 127.0.0.1:PORT (msgr2 and v1), the OSD on 127.0.0.1 (a port from 6800).
# Creates the RBD pool POOL and the cephx user client.USER allowed to use it (its key: ceph-authtool -p -n
# client.USER DIR/keyring). Prints "READY" once the OSD is up and the pool exists, then runs until killed.
set -eu
dir=$1 port=$2 pool=$3 user=$4
mkdir -p "$dir/mon" "$dir/osd/osd.0" "$dir/log" "$dir/run" "$dir/lib"
mount --make-rprivate /
mount --bind "$dir/lib" /var/lib/ceph
mount --bind "$dir/log" /var/log/ceph
mount --bind "$dir/run" /run
fsid=$(cat /proc/sys/kernel/random/uuid)
cat >"$dir/ceph.conf" <<CONF
[global]
fsid = $fsid
mon host = 127.0.0.1:$port
mon initial members = a
public addr = 127.0.0.1
auth cluster required = cephx
auth service required = cephx
auth client required = cephx
auth allow insecure global id reclaim = false
keyring = $dir/keyring
run dir = $dir/run
admin socket = $dir/run/\$name.asok
log file = $dir/log/\$name.log
pid file = $dir/run/\$name.pid
crash dir = $dir/lib/crash
mon data = $dir/mon/\$name
osd data = $dir/osd/\$name
osd objectstore = memstore
memstore device bytes = 268435456
osd pool default size = 1
osd pool default min size = 1
mon allow pool size one = true
mon warn on pool no redundancy = false
osd crush chooseleaf type = 0
CONF
export CEPH_CONF="$dir/ceph.conf"
ceph-authtool --create-keyring "$dir/keyring" --gen-key -n mon. --cap mon 'allow *' >/dev/null
ceph-authtool "$dir/keyring" --gen-key -n client.admin --cap mon 'allow *' --cap osd 'allow *' --cap mgr 'allow *' >/dev/null
ceph-authtool "$dir/keyring" --gen-key -n osd.0 --cap mon 'allow profile osd' --cap osd 'allow *' >/dev/null
ceph-authtool "$dir/keyring" --gen-key -n "client.$user" --cap mon 'profile rbd' --cap osd "profile rbd pool=$pool" >/dev/null
monmaptool --create --add a "127.0.0.1:$port" --fsid "$fsid" "$dir/monmap" >/dev/null
ceph-mon --mkfs -i a --monmap "$dir/monmap" --keyring "$dir/keyring"
ceph-mon -i a -f &
osd_uuid=$(cat /proc/sys/kernel/random/uuid)
timeout 60 ceph --connect-timeout 60 osd new "$osd_uuid" >/dev/null
ceph-osd -i 0 --mkfs --osd-uuid "$osd_uuid" 2>/dev/null
ceph-osd -i 0 -f 2>/dev/null &
timeout 60 ceph osd pool create "$pool" 8 >&2
timeout 60 ceph osd pool application enable "$pool" rbd >&2
tries=0
until ceph osd dump | grep -q '^osd.0 up'; do
  tries=$((tries + 1)); [ $tries -lt 300 ] || { echo "the OSD did not come up within 60 s" >&2; exit 1; }
  sleep 0.2
done
echo READY
wait

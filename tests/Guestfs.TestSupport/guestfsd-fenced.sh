#!/bin/bash
# Starts the stock guestfsd on a unix socket, fenced from the host:
#  - a private mount namespace (unshare -m --propagation private): its mounts never reach the host;
#  - a private tmpfs /dev holding only null/zero/full/random/urandom, /dev/mapper/control and the disk:
#    a loop device over a sparse image file, named /dev/sda (+ /dev/sdaN for its partitions);
#  - a private /sys/block holding only "sda", so list_devices sees nothing of the host;
#  - never guestfsd -r (that would operate on the host's real /).
# Usage: guestfsd-fenced.sh WORKDIR SIZE_MB      (prints "READY <socket> <guestfsd pid>" once listening; runs until killed)
# Cleanup (also done on exit): device-mapper devices over the loop device are removed, the loop is detached.
set -euo pipefail
W=$1; SIZE_MB=${2:-512}
mkdir -p "$W"; cd "$W"
rm -f disk.img sock
truncate -s "${SIZE_MB}M" disk.img                     # sparse image file: never a host disk
LOOP=$(losetup -f --show -P disk.img)
echo "$LOOP" > loopdev
LN=$(basename "$LOOP")
MAJ=$(( 0x$(stat -c %t "$LOOP") )); MIN=$(( 0x$(stat -c %T "$LOOP") ))
[ -d /sysroot ] || mkdir /sysroot                       # guestfsd mounts there, inside the namespace

cleanup() {
  set +e
  trap '' TERM INT                                      # never interrupt the cleanup itself
  [ -n "${GPID:-}" ] && kill "$GPID" 2>/dev/null && wait "$GPID" 2>/dev/null
  # remove device-mapper devices (LVM) built on the loop device or its partitions, deepest first
  for i in 1 2 3; do
    dmsetup deps -o devname 2>/dev/null | while read -r line; do
      name=${line%%:*}
      if echo "$line" | grep -qE "\(($LN|${LN}p[0-9]+)\)"; then dmsetup remove "$name" 2>/dev/null; fi
    done
  done
  losetup -d "$LOOP" 2>/dev/null
  rm -f disk.img
}
trap cleanup EXIT
trap 'exit 143' TERM INT

cat > ns.sh <<NS
#!/bin/bash
set -e
mount -t tmpfs -o mode=755,size=1M gfsdev /dev
mknod -m 666 /dev/null c 1 3; mknod -m 666 /dev/zero c 1 5; mknod -m 666 /dev/full c 1 7
mknod -m 666 /dev/random c 1 8; mknod -m 666 /dev/urandom c 1 9
mkdir -p /dev/pts /dev/shm /dev/mapper /dev/disk/by-path
mknod -m 600 /dev/mapper/control c 10 236
mknod -m 600 /dev/sda b $MAJ $MIN
ln -s ../../sda /dev/disk/by-path/fenced-0
mount -t tmpfs -o mode=755,size=1M gfssys /sys/block
mkdir /sys/block/sda
for f in /sys/devices/virtual/block/$LN/*; do ln -s "\$f" /sys/block/sda/; done
# There is no udev here: mirror.sh plays its part, making /dev/sdaN and /sys/block/sda/sdaN follow the loop
# device's partitions. guestfsd runs "udevadm settle" after changing partitions, so udevadm is replaced (in this
# namespace only) by a mirror pass; a background loop catches anything else.
mount --bind "$W/udevadm" /usr/bin/udevadm
GD=\$\$
( while kill -0 \$GD 2>/dev/null; do "$W/mirror.sh"; sleep 0.05; done ) &
export DM_DISABLE_UDEV=1
exec guestfsd --listen --channel "\$1" --verbose
NS
chmod +x ns.sh
cat > mirror.sh <<MIRROR
#!/bin/bash
for p in /sys/devices/virtual/block/$LN/${LN}p*; do
  [ -e "\$p/dev" ] || continue
  n=\${p##*p}; IFS=: read -r ma mi < "\$p/dev"
  [ -e /dev/sda\$n ] || mknod -m 600 /dev/sda\$n b \$ma \$mi 2>/dev/null
  [ -e /sys/block/sda/sda\$n ] || ln -s "\$p" /sys/block/sda/sda\$n 2>/dev/null
done
for d in /dev/sda[0-9]*; do
  [ -e "\$d" ] || continue
  n=\${d#/dev/sda}
  [ -e /sys/devices/virtual/block/$LN/${LN}p\$n ] || rm -f "\$d" /sys/block/sda/sda\$n
done
exit 0
MIRROR
printf '#!/bin/bash\nexec "%s/mirror.sh"\n' "$W" > udevadm
chmod +x mirror.sh udevadm
unshare -m --propagation private ./ns.sh "$W/sock" > guestfsd.log 2>&1 &
GPID=$!
for i in $(seq 100); do [ -S sock ] && break; sleep 0.05; done
[ -S sock ] || { echo "guestfsd did not start"; cat guestfsd.log; exit 1; }
echo "READY $W/sock $GPID"
wait "$GPID"

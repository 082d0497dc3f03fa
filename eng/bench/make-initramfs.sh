#!/usr/bin/env bash
# Builds the tiny initramfs eng/bench.sh boots to measure the machine's limits: a static busybox, the
# virtio modules for a virtio-serial port, and eng/bench/init. Nothing of libguestfs or of our appliance.
#   eng/bench/make-initramfs.sh OUT.cpio.gz [KERNEL_VERSION]
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
out=${1:?usage: make-initramfs.sh OUT.cpio.gz [KERNEL_VERSION]}
kver=${2:-$(ls /lib/modules | sort -V | tail -1)}
busybox=/bin/busybox
linkage=$(LC_ALL=C ldd "$busybox" 2>&1 || true)
if [[ $linkage != *"not a dynamic executable"* ]]; then
    echo "make-initramfs: $busybox is not the static busybox (Debian package busybox-static)" >&2
    exit 1
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work"/{bin,dev,proc,sys,lib/modules}
cp "$busybox" "$work/bin/busybox"
for applet in sh mount insmod cat dd poweroff echo ls sleep; do
    ln -s busybox "$work/bin/$applet"
done
# Load order matters: dependencies first (see modules.dep).
for m in virtio_ring virtio virtio_pci_legacy_dev virtio_pci_modern_dev virtio_pci virtio_console; do
    ko=$(find "/lib/modules/$kver" -name "$m.ko" -print -quit)
    [ -n "$ko" ] || { echo "make-initramfs: module $m.ko not found for kernel $kver" >&2; exit 1; }
    cp "$ko" "$work/lib/modules/"
done
install -m 0755 "$here/init" "$work/init"
(cd "$work" && find . | cpio -o -H newc --quiet | gzip -1) >"$out.tmp"
mv "$out.tmp" "$out"

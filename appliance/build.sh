#!/usr/bin/env bash
# Builds the Guestfs appliance (kernel, initrd, ext2 root) with supermin and caches it.
#
#   appliance/build.sh                 build into the cache if its inputs changed; print the directory
#   appliance/build.sh --force         rebuild even if the cache is current
#   appliance/build.sh --check         exit 0 if the cache is current, 1 if a build is needed
#   appliance/build.sh --output DIR    use DIR instead of the cache's appliance.d
#
# Cache: $GUESTFS_CACHEDIR (default /var/tmp)/.guestfs-net-<uid>/appliance.d, holding
#   kernel   the distribution kernel (bzImage) supermin picked
#   vmlinux  the same kernel uncompressed (ELF with a PVH entry), when it has one
#   initrd   supermin's mini initrd, trimmed to the drivers the appliance needs to find its root
#   root     the ext2 root file system (sparse)
#   inputs   what the checksum was computed over; checksum: its sha256
# The cache is rebuilt only when the checksum over the recipe (this directory), the kernel,
# the installed versions of the recipe's packages, supermin's and qemu's versions changes.
# Concurrent builders serialise on .guestfs-net-<uid>/lock (flock); the finished directory
# is renamed into place, so readers never see a half-built appliance. The lock holder removes
# what a killed builder left (build.* work directories, appliance.d.old).
#
# Environment: GUESTFS_CACHEDIR, SUPERMIN (supermin binary), GUESTFS_QEMU (qemu binary used
# for the version), SUPERMIN_KERNEL / SUPERMIN_MODULES (kernel to use; default: newest in /boot
# with modules under /lib/modules).
set -euo pipefail

recipe=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
force=0; check=0; output=
while (($#)); do
    case "$1" in
        --force) force=1 ;;
        --check) check=1 ;;
        --output) output=${2:?--output needs a directory}; shift ;;
        *) echo "build.sh: unknown option $1" >&2; exit 2 ;;
    esac
    shift
done

supermin=${SUPERMIN:-supermin}
qemu=${GUESTFS_QEMU:-qemu-system-x86_64}
cache=${GUESTFS_CACHEDIR:-/var/tmp}/.guestfs-net-$(id -u)
out=${output:-$cache/appliance.d}
t0=$(date +%s.%N)
say() { awk -v a="$t0" -v b="$(date +%s.%N)" -v m="$*" 'BEGIN { printf "appliance: [%5.1fs] %s\n", b - a, m }' >&2; }

command -v "$supermin" >/dev/null || { echo "appliance: supermin not found (install the 'supermin' package)" >&2; exit 3; }

# Pick the kernel: newest /boot/vmlinuz-* that has a modules directory.
if [ -z "${SUPERMIN_KERNEL:-}" ]; then
    for k in $(ls -1 /boot/vmlinuz-* 2>/dev/null | sort -V -r); do
        v=${k#/boot/vmlinuz-}
        if [ -d "/lib/modules/$v" ]; then SUPERMIN_KERNEL=$k; SUPERMIN_MODULES=/lib/modules/$v; break; fi
    done
fi
[ -n "${SUPERMIN_KERNEL:-}" ] && [ -r "$SUPERMIN_KERNEL" ] || {
    echo "appliance: no readable kernel in /boot with modules in /lib/modules (install linux-image-amd64)" >&2; exit 3; }
export SUPERMIN_KERNEL SUPERMIN_MODULES
kver=$(basename "$SUPERMIN_MODULES")

packages=$(grep -v '^[[:space:]]*\(#\|$\)' "$recipe/packages" | tr -s ' \n' ' ')

# The init's bash loadable builtins (builtins.c; they also need bash's headers, from bash-builtins) and the udevadm
# settle fast path (udevadm.c) are compiled when a C compiler is here. Without them the init starts programs instead
# (date(1); modprobe for the modules whose device nodes udev would have made) and every settle starts the script.
compiler() {
    if command -v "${CC:-cc}" >/dev/null 2>&1; then "${CC:-cc}" --version 2>/dev/null | head -n1; else echo none; fi
}
bash_headers() { [ -r /usr/include/bash/builtins.h ] && echo yes || echo no; }

# Everything the appliance depends on, in one text; its sha256 is the cache key.
inputs() {
    echo "recipe:"
    # Every file of the recipe but its README (the library's quick staleness check looks at the same set).
    (cd "$recipe" && find . -maxdepth 1 -type f ! -name README.md -printf '%P\0' | LC_ALL=C sort -z | xargs -0 sha256sum)
    echo "compiler: $(compiler), bash headers: $(bash_headers)"
    echo "kernel: $SUPERMIN_KERNEL $kver $(stat -c '%s %Y' "$SUPERMIN_KERNEL")"
    echo "supermin: $("$supermin" --version 2>&1 | head -n1)"
    echo "qemu: $("$qemu" --version 2>/dev/null | head -n1)"
    echo "packages:"
    # shellcheck disable=SC2086
    dpkg-query -W -f='${Package} ${Version}\n' $packages 2>&1 | sort
}
# As the library (SecureDirectory): the cache must be a real directory of ours that no one else can write.
refuse_unsafe() {
    if [ -L "$1" ] || [ ! -d "$1" ] || [ "$(stat -c %u "$1")" != "$(id -u)" ] || (( 8#$(stat -c %a "$1") & 8#022 )); then
        echo "appliance: refusing to use $1 (owned by uid $(stat -c %u "$1"), mode $(stat -c %a "$1"), $(stat -c %F "$1")):" \
             "another user could have put files there. Remove it if it is not yours, or set GUESTFS_CACHEDIR." >&2
        exit 5
    fi
}
mkdir -p -m 0700 "$cache"
refuse_unsafe "$cache"
if [ -e "$out" ] || [ -L "$out" ]; then refuse_unsafe "$out"; fi
want=$(inputs | sha256sum | cut -d' ' -f1)
current() { [ -f "$out/checksum" ] && [ "$(cat "$out/checksum")" = "$want" ] && [ -f "$out/root" ] && [ -f "$out/initrd" ] && [ -f "$out/kernel" ]; }

if [ $check = 1 ]; then current && exit 0 || exit 1; fi
if [ $force = 0 ] && current; then touch "$out/checksum" 2>/dev/null || true; echo "$out"; exit 0; fi

# One builder at a time; the others wait here and find the result current.
[ ! -L "$cache/lock" ] || { echo "appliance: refusing to follow the symbolic link $cache/lock" >&2; exit 5; }
exec 9>"$cache/lock"
if ! flock -n 9; then
    say "another process is building the appliance; waiting for its lock"
    flock 9
fi
# Holding the lock, no one else is building: any work directory here was left by a builder that was killed
# (SIGKILL runs no trap), and an appliance.d.old by one killed while swapping directories. The lock itself
# is never stale: flock locks die with the process (and the children) holding them.
rm -rf "$cache"/build.* "$out.old"
if [ $force = 0 ] && current; then echo "$out"; exit 0; fi

missing=$(dpkg-query -W -f='${Package} ${Status}\n' $packages 2>&1 | grep -v 'install ok installed' || true)
if [ -n "$missing" ]; then
    echo "appliance: these recipe packages are not installed on this host (supermin copies them from it):" >&2
    echo "$missing" >&2
    exit 3
fi

work=$(mktemp -d "$cache/build.XXXXXX")
trap 'rm -rf "$work"' EXIT
say "building the appliance in $work (kernel $kver); this takes a minute or two the first time"

say "supermin --prepare: resolving $(echo "$packages" | wc -w) packages and their dependencies"
# shellcheck disable=SC2086
"$supermin" --prepare -o "$work/supermin.d" $packages >"$work/prepare.log" 2>&1 || {
    cat "$work/prepare.log" >&2; echo "appliance: supermin --prepare failed" >&2; exit 4; }

mkdir -p "$work/init/etc/guestfs" "$work/init/usr/sbin"
install -m 0755 "$recipe/init" "$work/init/init"
install -m 0644 "$recipe/fstab" "$work/init/etc/guestfs/fstab"
# The daemon's "udevadm settle" (appliance/udevadm): /usr/sbin is before the real /usr/bin/udevadm in its PATH. When a
# static program can be linked, udevadm.c answers the settles that have nothing to do and runs the script for the rest.
mkdir -p "$work/init/usr/lib/guestfs"
if [ "$(compiler)" != none ] \
    && "${CC:-cc}" -O2 -Wall -static -o "$work/init/usr/sbin/udevadm" "$recipe/udevadm.c" 2>"$work/udevadm.log"; then
    install -m 0755 "$recipe/udevadm" "$work/init/usr/lib/guestfs/udevadm"
else
    [ -s "$work/udevadm.log" ] && { cat "$work/udevadm.log" >&2; echo "appliance: udevadm.c did not link statically; every settle starts the script" >&2; }
    install -m 0755 "$recipe/udevadm" "$work/init/usr/sbin/udevadm"
fi
init_files=(init etc usr)
if [ "$(compiler)" != none ] && [ "$(bash_headers)" = yes ]; then
    if ! "${CC:-cc}" -O2 -Wall -fPIC -shared -DHAVE_CONFIG_H -DSHELL \
        -I/usr/include/bash -I/usr/include/bash/include -I/usr/include/bash/builtins \
        -Wl,-z,relro -Wl,-z,now -o "$work/init/usr/lib/guestfs/builtins.so" "$recipe/builtins.c" 2>"$work/builtins.log"; then
        rm -f "$work/init/usr/lib/guestfs/builtins.so"
        cat "$work/builtins.log" >&2; echo "appliance: builtins.c did not compile; the init will start programs instead" >&2
    fi
fi
tar -C "$work/init" --owner=0 --group=0 -czf "$work/supermin.d/init.tar.gz" "${init_files[@]}"
cp "$recipe/excludefiles" "$work/supermin.d/excludefiles"
cp "$recipe/hostfiles" "$work/supermin.d/hostfiles"

say "supermin --build: writing the ext2 root, kernel and initrd"
"$supermin" --build --verbose --copy-kernel -f ext2 --host-cpu "$(uname -m)" \
    -o "$work/appliance.d" "$work/supermin.d" >"$work/build.log" 2>&1 || {
    cat "$work/build.log" >&2; echo "appliance: supermin --build failed" >&2; exit 4; }
grep -E 'packages, including|[0-9]+ files' "$work/build.log" | sed 's/^supermin: build: /  /' >&2 || true

say "trimming the initrd to the drivers listed in initrd-modules"
mkdir "$work/initrd"
(cd "$work/initrd" && cpio --quiet -id <"$work/appliance.d/initrd")
: >"$work/initrd/modules.new"
while read -r m; do
    case "$m" in ''|\#*) continue ;; esac
    if [ -f "$work/initrd/$m.ko" ]; then echo "$m.ko" >>"$work/initrd/modules.new"; fi
done <"$recipe/initrd-modules"
for ko in "$work/initrd"/*.ko; do
    grep -qxF "$(basename "$ko")" "$work/initrd/modules.new" || rm -f "$ko"
done
mv "$work/initrd/modules.new" "$work/initrd/modules"
# Drop the appended module signatures: checking them is a noticeable part of the boot under
# TCG, and the kernel loads unsigned modules when signatures are not enforced (Debian's
# default without UEFI Secure Boot). Without signatures the kernel notes a taint, nothing more.
if [ "${GUESTFS_KEEP_MODULE_SIGNATURES:-0}" != 1 ]; then
    for ko in "$work/initrd"/*.ko; do strip --strip-debug "$ko"; done
fi
(cd "$work/initrd" && find . -mindepth 1 | LC_ALL=C sort | cpio --quiet -o -H newc >"$work/appliance.d/initrd")
say "  $(wc -l <"$work/initrd/modules") modules kept"

# An uncompressed kernel with a PVH entry lets qemu skip the firmware's real-mode boot and the
# in-guest decompression. Debian's bzImage carries an xz-compressed vmlinux.
say "extracting the uncompressed kernel (PVH boot)"
offset=$(LC_ALL=C grep -obUaP '\xfd7zXZ\x00' "$work/appliance.d/kernel" | head -n1 | cut -d: -f1 || true)
if [ -n "$offset" ]; then
    tail -c +$((offset + 1)) "$work/appliance.d/kernel" | xz -dcq >"$work/appliance.d/vmlinux" 2>/dev/null || true
    if ! readelf -n "$work/appliance.d/vmlinux" 2>/dev/null | grep -q 'Xen.*0x00000012'; then
        say "  the kernel has no PVH entry; the appliance will boot the compressed kernel"
        rm -f "$work/appliance.d/vmlinux"
    fi
else
    say "  no xz payload found in the kernel; the appliance will boot the compressed kernel"
fi

inputs >"$work/appliance.d/inputs"
echo "$want" >"$work/appliance.d/checksum"
cp "$recipe/README.md" "$work/appliance.d/README" 2>/dev/null || true
chmod 0755 "$work/appliance.d"
chmod 0644 "$work/appliance.d"/*

rm -rf "$out.old"
[ -e "$out" ] && mv "$out" "$out.old"
mv "$work/appliance.d" "$out"
rm -rf "$out.old"
say "done: $out ($(du -sh --apparent-size "$out/root" | cut -f1) root, $(du -sh "$out/root" | cut -f1) used)"
echo "$out"

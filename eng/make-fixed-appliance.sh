#!/usr/bin/env bash
# Makes a fixed appliance from our recipe: a directory with kernel, initrd, root (and vmlinux, the
# same kernel uncompressed for PVH boot) plus README.fixed. Point LIBGUESTFS_PATH (or the handle's
# path setting) at it to launch without supermin; stock libguestfs tools accept it too:
#   LIBGUESTFS_BACKEND=direct LIBGUESTFS_PATH=DIR guestfish -a disk.img run
#
#   eng/make-fixed-appliance.sh DIR       (DIR is created; existing appliance files in it are replaced)
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
dir=${1:?usage: eng/make-fixed-appliance.sh DIR}

built=$(bash "$root/appliance/build.sh")
mkdir -p "$dir"
for f in kernel vmlinux initrd root; do
    [ -e "$built/$f" ] || continue
    cp --sparse=always "$built/$f" "$dir/$f.tmp"
    mv "$dir/$f.tmp" "$dir/$f"
done
[ -e "$built/vmlinux" ] || rm -f "$dir/vmlinux"
cp "$built/inputs" "$dir/inputs"
cat >"$dir/README.fixed" <<README
This is a fixed appliance for Guestfs (libguestfs for .NET), made by eng/make-fixed-appliance.sh
on $(date -u '+%Y-%m-%d %H:%M UTC') from the recipe in appliance/ (see appliance/README.md).

  kernel    the distribution kernel ($(grep '^kernel:' "$built/inputs" | cut -d' ' -f3))
  vmlinux   the same kernel uncompressed; Guestfs boots it through its PVH entry (faster)
  initrd    supermin's mini initrd with the drivers needed to find the root
  root      ext2 root file system with guestfsd and its tools; /init is ours
  inputs    what the appliance was built from (packages and versions)

Use it by setting LIBGUESTFS_PATH=$dir (or the path setting). The kernel is not updated
with the host's: remake the appliance after kernel or package upgrades.
README
echo "fixed appliance written to $dir"

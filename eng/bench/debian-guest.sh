# Sourced by the benchmarks: make_debian_guest IMAGE LOG makes IMAGE (once) with stock guestfish: a 64 MiB
# Debian-like guest (one ext4 partition holding the root: os-release, debian_version, hostname, fstab, an empty
# dpkg status database), enough for inspection to name it Debian 12.
make_debian_guest() {
    local image=$1 log=$2
    [ -f "$image" ] && return 0
    guestfish -N "$image.tmp"=fs:ext4:64M -m /dev/sda1 >>"$log" 2>&1 <<'GF' || return 1
mkdir-p /etc
mkdir-p /bin
mkdir-p /usr/bin
mkdir-p /var/lib/dpkg
write /etc/os-release "PRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\nNAME=\"Debian GNU/Linux\"\nVERSION_ID=\"12\"\nID=debian\n"
write /etc/debian_version "12.4\n"
write /etc/hostname "fleet\n"
write /etc/fstab "/dev/sda1 / ext4 defaults 0 1\n"
write /var/lib/dpkg/status ""
GF
    mv "$image.tmp" "$image"
}

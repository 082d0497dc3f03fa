#!/usr/bin/env bash
# Prepares this machine for building, testing and running Guestfs.
# Idempotent: installs only what is missing, then restores NuGet packages.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"

# Debian packages the project needs: the hypervisor and appliance builder, the stock
# libguestfs (our reference for comparisons and compatibility tests), the stock daemon
# (a real peer for protocol tests) and the reference XDR toolchain.
packages=(
  qemu-system-x86 qemu-utils supermin linux-image-amd64
  guestfsd libguestfs-tools
  rpcsvc-proto gcc libc6-dev libtirpc-dev
  bash-builtins  # the appliance init's settime builtin (appliance/settime.c) compiles against its headers
  e2fsprogs util-linux xz-utils cpio
  icoutils netpbm   # inspect_get_icon converts Windows and CirrOS icons with them, as libguestfs does
  clang zlib1g-dev  # the NativeAOT linker and its zlib (PublishAot=true: gfish, and the package consumer test)
  qemu-block-extra  # qemu's curl, ssh, iSCSI, RBD and Gluster drivers (network drives)
  busybox-static openssh-server openssh-client stunnel4 openssl tgt  # test servers for network drives: httpd with Range, sshd, TLS in front, iSCSI
  glusterfs-server ceph-mon ceph-osd  # test servers for Gluster and RBD drives: glusterd, a one-monitor one-OSD Ceph cluster
  vsftpd  # test server for FTP and FTPS drives (started by the tests on a private port, in its own namespaces)
  cryptsetup-bin  # encrypted test guests (LUKS images for gfish -i and the tools' --keys-from-stdin)
  rpm libwin-hivex-perl libhivex-bin  # test guests: rpmbuild and rpm write an RPM database, hivexregedit and hivexsh the Windows registry hives
  systemd-journal-remote  # test guests: writes a systemd journal file from export format (virt-log's journal)
)
missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}"
  if [ "$(id -u)" != 0 ]; then
    echo "setup: these Debian packages are missing and installing them needs root: ${missing[*]}" >&2
    exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  # The test servers (sshd, tgtd, glusterd, ceph, vsftpd) are started by the tests on private ports and sockets: installing
  # their packages must not start system services listening on the machine's public ports, so service starts are
  # refused while apt runs (unless the machine already has its own policy), and the systemd units the packages
  # enable (ceph.target, ssh.service, vsftpd.service, smartd, ...) are disabled again, so none starts at the next boot either.
  policy=/usr/sbin/policy-rc.d own_policy=0
  if [ ! -e "$policy" ]; then
    printf '#!/bin/sh\nexit 101\n' >"$policy" && chmod 755 "$policy" && own_policy=1
  fi
  wanted_before=$(find /etc/systemd/system -path '*.wants/*' -type l 2>/dev/null | sort)
  status=0
  { apt-get update -qq && apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null; } || status=$?
  ((own_policy)) && rm -f "$policy"
  ((status == 0)) || { echo "setup: apt-get failed ($status)" >&2; exit "$status"; }
  wanted_now=$(comm -13 <(echo "$wanted_before") <(find /etc/systemd/system -path '*.wants/*' -type l 2>/dev/null | sort))
  if [ -n "$wanted_now" ]; then
    enabled=$(echo "$wanted_now" | xargs -n1 basename | sort -u | tr '\n' ' ')
    echo "setup: disabling the units the install enabled: $enabled"
    # shellcheck disable=SC2086
    systemctl disable --quiet $enabled 2>/dev/null || echo "$wanted_now" | xargs rm -f
  fi
fi

if ! command -v dotnet >/dev/null; then
  echo "setup: the .NET SDK (dotnet) is not on PATH" >&2
  exit 1
fi

echo "setup: restoring NuGet packages"
dotnet restore Guestfs.sln --nologo -v quiet

# Later steps (appliance build) hook in here.
for step in "$root"/eng/setup.d/*.sh; do
  [ -e "$step" ] || continue
  bash "$step"
done
echo "setup: done"

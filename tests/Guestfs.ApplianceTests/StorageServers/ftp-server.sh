#!/bin/sh
# An FTP server for tests (vsftpd), fenced from the host.
# Usage: unshare --mount --pid --fork --kill-child --mount-proc ftp-server.sh DIR PORT USER
#  - runs as PID 1 of its own PID namespace: killing it (unshare --kill-child does when unshare dies) ends vsftpd
#    and every session process it forked, and nothing else;
#  - DIR holds vsftpd.conf (written by the caller: listen on 127.0.0.1:PORT, root /srv/ftp, passive ports, log
#    and TLS files under DIR), DIR/ftp (the files served) and DIR/password, the password of the local user USER;
#  - in its own mount namespace, /srv/ftp (the ftp user's home, which the vsftpd package creates) is a bind mount
#    of DIR/ftp, so sessions, which run as uid 65534, reach the files without opening DIR (0700) to anyone; and
#    /etc/passwd (the host's entries, with USER and the anonymous user ftp as uid and gid 65534, ftp's home
#    /srv/ftp), /etc/shadow (USER only) and /etc/pam.d/vsftpd (pam_unix only) are bind mounts of files under DIR,
#    so USER logs in with that password: nothing of the host's configuration is read for it or written.
# Prints "READY" once vsftpd listens, then runs until killed.
set -eu
dir=$1 port=$2 user=$3
umask 077
mkdir -p "$dir/empty"
{
  grep -v -e "^$user:" -e "^ftp:" /etc/passwd
  echo "$user:x:65534:65534:FTP test user:/:/usr/sbin/nologin"
  echo "ftp:x:65534:65534:anonymous FTP:/srv/ftp:/usr/sbin/nologin"
} >"$dir/passwd"
echo "$user:$(openssl passwd -6 -stdin <"$dir/password"):19000:0:99999:7:::" >"$dir/shadow"
printf 'auth required pam_unix.so\naccount required pam_unix.so\nsession required pam_permit.so\n' >"$dir/pam"
chmod 644 "$dir/passwd" "$dir/pam"
mount --make-rprivate /
mount --bind "$dir/passwd" /etc/passwd
mount --bind "$dir/shadow" /etc/shadow
mount --bind "$dir/pam" /etc/pam.d/vsftpd
mount --bind "$dir/ftp" /srv/ftp
vsftpd "$dir/vsftpd.conf" &
listening=$(printf '0100007F:%04X 00000000:0000 0A' "$port")
tries=0
until grep -q "$listening" /proc/net/tcp; do
  kill -0 $! 2>/dev/null || { echo "vsftpd exited" >&2; exit 1; }
  tries=$((tries + 1)); [ $tries -lt 600 ] || { echo "vsftpd did not listen within 30 s" >&2; exit 1; }
  sleep 0.05
done
echo READY
wait

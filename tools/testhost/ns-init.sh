#!/usr/bin/env bash
# Runs as root INSIDE the private mount namespace created by testhost.sh (unshare -m --propagation private).
# Binds the private copies from the state directory over the real paths, then becomes sshd.
# Nothing here is visible outside the namespace; the mounts vanish with its last process.
# Usage: ns-init.sh STATE SSHD [name=/real/path/of/binary ...]
set -euo pipefail
STATE="$1"; SSHD="$2"; shift 2
R="$STATE/root"

# Paranoia: never touch the real mount table.
[ "$(readlink /proc/self/ns/mnt)" != "$(readlink /proc/1/ns/mnt)" ] || { echo "ns-init: not in a private mount namespace" >&2; exit 1; }
mount --make-rprivate /

# Private /run: sshd's privsep dir and a fixed path to the state directory (/run/testhost).
mount -t tmpfs -o mode=0755 testhost-run /run
mkdir -p /run/sshd /run/testhost /run/lock
chmod 0755 /run/sshd
mount --bind "$STATE" /run/testhost
# From here on use the stable path: the real state path may sit below a directory covered next (/root, /home).
STATE=/run/testhost
R="$STATE/root"

mount --bind "$R/os-release" /etc/os-release
mount --bind "$R/etc-apt" /etc/apt
[ -d /usr/share/keyrings ] && mount --bind "$R/keyrings" /usr/share/keyrings
mount --bind "$R/usr-local-bin" /usr/local/bin
mount --bind "$R/usr-local-sbin" /usr/local/sbin
mount --bind "$R/home" /home
# Private root home: the machine's own /root (.bashrc, .ssh, tool caches) must neither leak in nor change.
mount --bind "$R/root-home" /root
for f in passwd group shadow; do mount --bind "$R/etc/$f" "/etc/$f"; done
if [ -f "$R/etc/sudoers" ] && [ -e /etc/sudoers ]; then
  mount --bind "$R/etc/sudoers" /etc/sudoers
  [ -d /etc/sudoers.d ] && mount --bind "$R/etc/sudoers.d" /etc/sudoers.d
fi

# Shims over the real binaries (apt-get, curl, ...); the same files are first in PATH via /usr/local/sbin.
for b in "$@"; do
  mount --bind "$STATE/bin/${b%%=*}" "${b#*=}"
done

echo $$ >"$STATE/host.pid"
exec "$SSHD" -D -e -f "$STATE/sshd_config"

#!/usr/bin/env bash
# Runs as root INSIDE the light fleet's private mount and PID namespaces (fleet.sh start:
# unshare -m -p -f --kill-child --propagation private). Sets up what every simulated host shares (Ubuntu
# os-release, the shims in /usr/local/sbin and over the real binaries, a private /run), then becomes the one fleet
# sshd (PID 1 of the namespace: when it exits, the kernel kills every session left). Each SSH session then binds
# its own host's state over this (fleet-session). Nothing here is visible outside the namespace.
# Usage: fleet-ns-init.sh STATE SSHD [name=/real/path/of/binary ...]
set -euo pipefail
STATE="$1"; SSHD="$2"; shift 2

[ "$(readlink /proc/self/ns/mnt)" != "$(readlink /proc/1/ns/mnt)" ] || { echo "fleet-ns-init: not in a private mount namespace" >&2; exit 1; }
mount --make-rprivate /

mount -t tmpfs -o mode=0755 fleet-run /run
mkdir -p /run/sshd /run/fleet /run/testhost /run/lock
chmod 0755 /run/sshd
mount --bind "$STATE" /run/fleet
STATE=/run/fleet
R="$STATE/template/root"

# Fleet-wide: the Ubuntu os-release and the shims. Per-host paths (/usr/local/bin, /etc/apt, /usr/share/keyrings,
# /etc/passwd, /etc/group, /etc/shadow, /home, /root) get the template's private copies here, so nothing a
# session could write reaches the real machine even before fleet-session binds the host's own over them.
mount --bind "$STATE/os-release" /etc/os-release
mount --bind "$STATE/usr-local-sbin" /usr/local/sbin
mount --bind "$R/etc-apt" /etc/apt
[ -d /usr/share/keyrings ] && mount --bind "$R/keyrings" /usr/share/keyrings
mount --bind "$R/usr-local-bin" /usr/local/bin
mount --bind "$R/home" /home
# Above all /root: the machine's own dotfiles (pyenv and the like) would cost every bash a session starts a dozen
# processes and must not leak in anyway.
mount --bind "$R/root-home" /root
# root's login shell here is fleet-session itself (fleet.sh start wrote this passwd): sshd execs it for each session.
mount --bind "$STATE/fleet-passwd" /etc/passwd
for b in "$@"; do
  mount --bind "$STATE/bin/${b%%=*}" "${b#*=}"
done

exec "$SSHD" -D -e -f "$STATE/sshd_config"

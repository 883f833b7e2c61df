#!/usr/bin/env bash
# Stagecraft SSH test host: a real OpenSSH sshd on 127.0.0.N:PORT, run as root in its own mount
# namespace that looks like a fresh Ubuntu 22.04 droplet (fake apt/curl/systemctl/docker/tailscale).
# See README.md beside this file. Usage:
#   testhost.sh start --ip 127.0.0.10 --port 2222 --state DIR --authorized-key PUBFILE [options]  (e.g. --install-delay 15)
#   testhost.sh stop --state DIR
#   testhost.sh rekey --state DIR
#   testhost.sh status --state DIR
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$HERE/../.." && pwd)"
SHARED_FIXTURES="$REPO/../shared/fixtures/remote"
FIXTURES=(os-release-ubuntu-2204.txt docker-version.json docker-version-no-daemon.json
          tailscale-status-needslogin.json tailscale-status-running.json tailscale-version.txt tailscale-version.json)
# Shims bound over the real binaries inside the namespace (and placed in the private /usr/local/sbin).
SHIMS=(apt-get apt curl gpg systemctl cloud-init dpkg dpkg-query usermod)

die() { echo "testhost: $*" >&2; exit 1; }

usage() {
  sed -n '2,9p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2
  exit 2
}

require_environment() {
  [ "$(id -u)" = 0 ] || die "must run as root (the test host uses mount namespaces and runs sshd as root); current uid is $(id -u)"
  SSHD="$(command -v sshd || true)"
  [ -n "$SSHD" ] || SSHD=/usr/sbin/sshd
  [ -x "$SSHD" ] || die "sshd not found: install the Debian package openssh-server (apt-get install -y openssh-server sudo)"
  command -v unshare >/dev/null || die "unshare not found: install the Debian package util-linux"
  command -v ssh-keygen >/dev/null || die "ssh-keygen not found: install the Debian package openssh-client"
  command -v setsid >/dev/null || die "setsid not found: install the Debian package util-linux"
}

abs_path() { (cd "$1" && pwd); }

# ---- argument parsing -------------------------------------------------------------------------
CMD="${1:-}"; [ -n "$CMD" ] || usage; shift
IP=""; PORT=2222; STATE=""; AUTHKEY=""; USER_NAME=root; SUDO_MODE=nopasswd
PRE_DOCKER=0; PRE_TS=0; PRE_TAILNET=""; PRE_TAGS=""; PRE_HOSTNAME=""; TAILNET_ON_JOIN=""
MAX_STARTUPS="10:30:100"; VALID_AUTHKEY_FILE=""; FAULTS=(); INSTALL_DELAY=0; PUBKEY_ALGORITHMS=""
ORIG_ARGS=("$@")
while [ $# -gt 0 ]; do
  case "$1" in
    --ip) IP="$2"; shift 2 ;;
    --port) PORT="$2"; shift 2 ;;
    --state) STATE="$2"; shift 2 ;;
    --authorized-key) AUTHKEY="$2"; shift 2 ;;
    --user) USER_NAME="$2"; shift 2 ;;
    --sudo-nopasswd) SUDO_MODE=nopasswd; shift ;;
    --sudo-password) SUDO_MODE=password; shift ;;
    --preinstall-docker) PRE_DOCKER=1; shift ;;
    --preinstall-tailscale) PRE_TS=1; shift ;;
    --tailnet) PRE_TAILNET="$2"; shift 2 ;;
    --tags) PRE_TAGS="$2"; shift 2 ;;
    --ts-hostname) PRE_HOSTNAME="$2"; shift 2 ;;
    --tailnet-on-join) TAILNET_ON_JOIN="$2"; shift 2 ;;
    --max-startups) MAX_STARTUPS="$2"; shift 2 ;;
    --valid-authkey-file) VALID_AUTHKEY_FILE="$2"; shift 2 ;;
    --fault) FAULTS+=("$2"); shift 2 ;;
    --install-delay) INSTALL_DELAY="$2"; shift 2 ;;
    --pubkey-accepted-algorithms) PUBKEY_ALGORITHMS="$2"; shift 2 ;;
    -h|--help) usage ;;
    *) die "unknown option: $1" ;;
  esac
done
[ -n "$STATE" ] || die "--state DIR is required"

host_key_line() { cut -d' ' -f1,2 "$STATE/ssh_host_ed25519_key.pub"; }

# The identity of this host's state directory (device:inode). Inside the host's namespace it is bound at
# /run/testhost, so /proc/PID/root/run/testhost of every process of the host resolves to it.
state_identity() { stat -L -c '%d:%i' "$STATE" 2>/dev/null || true; }

# True when process $1 belongs to this host: its /run/testhost is our state directory.
owned_by_host() {
  local id
  id="$(stat -L -c '%d:%i' "/proc/$1/root/run/testhost" 2>/dev/null || true)"
  [ -n "$id" ] && [ "$id" = "$(state_identity)" ]
}

# Prints the PIDs of every process in the host's mount namespace (never ours). A recorded namespace id alone is not
# enough: the kernel reuses a namespace's inode number as soon as the namespace dies, so a stale host.mntns (sshd
# gone on its own) can name another, live test host's namespace. Only processes that see our state directory at
# /run/testhost count.
namespace_pids() {
  local ns="$1" self ino p
  self="$(readlink /proc/self/ns/mnt)"
  [ -n "$ns" ] && [ "$ns" != "$self" ] || return 0
  ino="${ns#mnt:[}"; ino="${ino%]}"
  for p in $(stat -L -c '%i %n' /proc/[0-9]*/ns/mnt 2>/dev/null | awk -v ino="$ino" '$1 == ino { split($2, p, "/"); print p[3] }'); do
    if owned_by_host "$p"; then echo "$p"; fi
  done
  return 0
}

is_running() {
  [ -f "$STATE/host.pid" ] && [ -f "$STATE/host.mntns" ] || return 1
  local pid ns
  pid="$(cat "$STATE/host.pid")"; ns="$(cat "$STATE/host.mntns")"
  [ -n "$ns" ] && [ -n "$pid" ] || return 1
  [ "$(readlink "/proc/$pid/ns/mnt" 2>/dev/null || true)" = "$ns" ] && owned_by_host "$pid"
}

do_stop() {
  local ns="" pid="" pids i
  [ -f "$STATE/host.mntns" ] && ns="$(cat "$STATE/host.mntns")"
  [ -f "$STATE/host.pid" ] && pid="$(cat "$STATE/host.pid")"
  if [ -n "$ns" ]; then
    pids="$(namespace_pids "$ns")"
    if [ -n "$pids" ]; then
      # shellcheck disable=SC2086
      kill -TERM $pids 2>/dev/null || true
      for i in $(seq 1 50); do
        pids="$(namespace_pids "$ns")"; [ -z "$pids" ] && break
        sleep 0.1
      done
      # shellcheck disable=SC2086
      [ -z "$pids" ] || kill -KILL $pids 2>/dev/null || true
      for i in $(seq 1 50); do
        [ -z "$(namespace_pids "$ns")" ] && break
        sleep 0.1
      done
    fi
  elif [ -n "$pid" ] && owned_by_host "$pid"; then
    kill -TERM "$pid" 2>/dev/null || true
  fi
  rm -f "$STATE/host.pid" "$STATE/host.mntns" "$STATE/sshd.pid"
}

fixture_source() {
  if [ -f "$SHARED_FIXTURES/$1" ]; then echo "$SHARED_FIXTURES/$1"; else echo "$HERE/fixtures/$1"; fi
}

# sshd -t needs its privsep dir (/run/sshd); check inside a throwaway namespace with a private /run.
sshd_check() {
  unshare -m --propagation private /bin/sh -c \
    'mount -t tmpfs testhost-check /run && mkdir -p /run/sshd /run/testhost && mount --bind "$2" /run/testhost && exec "$0" -t -f "$1"' \
    "$SSHD" "$1" "$STATE"
}

write_sshd_config() {
  local cfg="$STATE/sshd_config"
  cat >"$cfg" <<EOF
# generated by tools/testhost/testhost.sh
ListenAddress $IP:$PORT
HostKey /run/testhost/ssh_host_ed25519_key
PidFile /run/testhost/sshd.pid
AuthorizedKeysFile /run/testhost/authorized_keys
StrictModes no
PubkeyAuthentication yes
PasswordAuthentication no
KbdInteractiveAuthentication no
UsePAM no
PermitRootLogin prohibit-password
AllowUsers $USER_NAME
UseDNS no
PrintMotd no
PrintLastLog no
MaxStartups $MAX_STARTUPS
MaxSessions 20
LogLevel VERBOSE
AcceptEnv LANG LC_*
Subsystem sftp /usr/lib/openssh/sftp-server
ForceCommand /run/testhost/bin/record-exec
EOF
  [ -z "$PUBKEY_ALGORITHMS" ] || echo "PubkeyAcceptedAlgorithms $PUBKEY_ALGORITHMS" >>"$cfg"
  # OpenSSH >= 9.8 penalises sources after failed logins; tests connect from 127.0.0.1 a lot.
  local version
  version="$("$SSHD" -V 2>&1 | sed -n 's/^OpenSSH_\([0-9]*\)\.\([0-9]*\).*/\1 \2/p' | head -n1)"
  if [ -n "$version" ] && { [ "${version% *}" -gt 9 ] || { [ "${version% *}" -eq 9 ] && [ "${version#* }" -ge 8 ]; }; }; then
    echo "PerSourcePenalties no" >>"$cfg"
  fi
  sshd_check "$cfg" || die "generated sshd_config is invalid: $cfg"
}

# Private copies of files the namespace binds over the real ones (created once, kept across restarts).
prepare_root() {
  local r="$STATE/root"
  mkdir -p "$r/usr-local-bin" "$r/usr-local-sbin" "$r/etc" "$r/home" "$r/root-home" "$STATE/faults" "$STATE/delays" "$STATE/docker" "$STATE/tailscale" "$STATE/dpkg"
  chmod 0755 "$STATE" "$STATE/root" "$STATE/delays" "$r/usr-local-bin" "$r/usr-local-sbin" "$r/etc" "$r/home"
  chmod 0700 "$r/root-home"
  chmod 0777 "$STATE/faults" "$STATE/docker" "$STATE/tailscale" "$STATE/dpkg"
  [ -d "$r/etc-apt" ] || { if [ -d /etc/apt ]; then cp -a /etc/apt "$r/etc-apt"; else mkdir -p "$r/etc-apt/sources.list.d" "$r/etc-apt/keyrings"; fi; }
  [ -d "$r/keyrings" ] || { if [ -d /usr/share/keyrings ]; then cp -a /usr/share/keyrings "$r/keyrings"; else mkdir -p "$r/keyrings"; fi; }
  local f
  for f in passwd group shadow; do [ -f "$r/etc/$f" ] || cp -a "/etc/$f" "$r/etc/$f"; done
  if [ -e /etc/sudoers ]; then
    [ -f "$r/etc/sudoers" ] || cp -a /etc/sudoers "$r/etc/sudoers"
    [ -d "$r/etc/sudoers.d" ] || { if [ -d /etc/sudoers.d ]; then cp -a /etc/sudoers.d "$r/etc/sudoers.d"; else mkdir -m 0755 "$r/etc/sudoers.d"; fi; }
  fi
  cp "$(fixture_source os-release-ubuntu-2204.txt)" "$r/os-release"; chmod 0644 "$r/os-release"

  # Tools visible inside the namespace at /run/testhost/bin (refreshed on every start).
  rm -rf "$STATE/bin" "$STATE/fixtures"
  mkdir -p "$STATE/bin" "$STATE/fixtures"
  cp "$HERE"/shims/* "$STATE/bin/"
  chmod 0755 "$STATE/bin" "$STATE"/bin/*; chmod 0644 "$STATE/bin/lib.sh"
  for f in "${FIXTURES[@]}"; do cp "$(fixture_source "$f")" "$STATE/fixtures/$f"; done
  chmod 0755 "$STATE/fixtures"; chmod 0644 "$STATE"/fixtures/*
  rm -f "$r"/usr-local-sbin/*
  for f in "${SHIMS[@]}"; do cp "$STATE/bin/$f" "$r/usr-local-sbin/$f"; done

  touch "$STATE/exec.log" "$STATE/commands.log"; chmod 0666 "$STATE/exec.log" "$STATE/commands.log"
  cp "$AUTHKEY" "$STATE/authorized_keys"; chmod 0644 "$STATE/authorized_keys"
}

setup_user() {
  local r="$STATE/root"
  [ "$USER_NAME" = root ] && return 0
  [ "$USER_NAME" = deploy ] || die "--user must be root or deploy, got: $USER_NAME"
  [ -f "$r/etc/sudoers" ] || die "sudo is not installed on this machine (needed for --user deploy): apt-get install -y sudo"
  if ! grep -q '^deploy:' "$r/etc/passwd"; then
    echo "deploy:x:1500:1500:Stagecraft test deploy user:/home/deploy:/bin/bash" >>"$r/etc/passwd"
    echo "deploy:x:1500:" >>"$r/etc/group"
    # '*' = no password but not locked: public key logins work, sudo without NOPASSWD cannot succeed.
    echo "deploy:*:19800:0:99999:7:::" >>"$r/etc/shadow"
  fi
  mkdir -p "$r/home/deploy"; chown 1500:1500 "$r/home/deploy"; chmod 0750 "$r/home/deploy"
  if [ "$SUDO_MODE" = nopasswd ]; then
    echo "deploy ALL=(ALL:ALL) NOPASSWD:ALL" >"$r/etc/sudoers.d/90-deploy"
  else
    echo "deploy ALL=(ALL:ALL) ALL" >"$r/etc/sudoers.d/90-deploy"
  fi
  chmod 0440 "$r/etc/sudoers.d/90-deploy"
}

preseed() {
  local r="$STATE/root" f fault
  [ -z "$TAILNET_ON_JOIN" ] || echo "$TAILNET_ON_JOIN" >"$STATE/tailnet"
  # Seconds every apt-get install of a not yet installed docker-ce/docker.io/tailscale waits (absent = no wait).
  rm -f "$STATE/delays/install"
  if ! [[ "$INSTALL_DELAY" =~ ^0*(\.0*)?$ ]]; then echo "$INSTALL_DELAY" >"$STATE/delays/install"; fi
  if [ -n "$VALID_AUTHKEY_FILE" ]; then cp "$VALID_AUTHKEY_FILE" "$STATE/valid-authkey"; chmod 0600 "$STATE/valid-authkey"; fi
  for fault in "${FAULTS[@]+"${FAULTS[@]}"}"; do
    case "$fault" in
      *=*) printf '%s' "${fault#*=}" >"$STATE/faults/${fault%%=*}" ;;
      *) : >"$STATE/faults/$fault" ;;
    esac
  done
  if [ "$PRE_DOCKER" = 1 ]; then
    cp "$STATE/bin/fake-docker" "$r/usr-local-bin/docker"
    : >"$STATE/docker/running"
    for f in docker-ce docker-ce-cli containerd.io docker-buildx-plugin docker-compose-plugin; do
      grep -qx "$f" "$STATE/dpkg/installed" 2>/dev/null || echo "$f" >>"$STATE/dpkg/installed"
    done
    if ! grep -q '^docker:' "$r/etc/group"; then
      local gid=999
      while cut -d: -f3 "$r/etc/group" | grep -qx "$gid"; do gid=$((gid - 1)); done
      echo "docker:x:$gid:" >>"$r/etc/group"
    fi
  fi
  if [ "$PRE_TS" = 1 ]; then
    cp "$STATE/bin/fake-tailscale" "$r/usr-local-bin/tailscale"
    : >"$STATE/tailscale/running"
    for f in tailscale tailscale-archive-keyring; do
      grep -qx "$f" "$STATE/dpkg/installed" 2>/dev/null || echo "$f" >>"$STATE/dpkg/installed"
    done
    if [ -n "$PRE_TAILNET" ]; then
      echo "$PRE_TAILNET" >"$STATE/tailscale/tailnet"
      echo "${PRE_HOSTNAME:-$(hostname)}" >"$STATE/tailscale/hostname"
      echo "$PRE_TAGS" >"$STATE/tailscale/tags"
      : >"$STATE/tailscale/logged-in"
    elif [ -n "$PRE_HOSTNAME" ]; then
      echo "$PRE_HOSTNAME" >"$STATE/tailscale/hostname"
    fi
  fi
}

wait_for_port() {
  local pid="$1" i
  for i in $(seq 1 100); do
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "testhost: sshd exited during start-up; last lines of $STATE/sshd.log:" >&2
      tail -n 20 "$STATE/sshd.log" >&2 || true
      return 1
    fi
    if timeout 1 bash -c "exec 3<>/dev/tcp/$IP/$PORT" 2>/dev/null; then return 0; fi
    sleep 0.1
  done
  echo "testhost: sshd did not accept TCP on $IP:$PORT within 10 s; see $STATE/sshd.log" >&2
  return 1
}

do_start() {
  [ -n "$IP" ] || die "--ip is required (e.g. 127.0.0.10)"
  [[ "$IP" =~ ^127\.[0-9]+\.[0-9]+\.[0-9]+$ ]] || die "--ip must be a loopback address in 127.0.0.0/8, got: $IP"
  [[ "$PORT" =~ ^[0-9]+$ ]] || die "--port must be a number, got: $PORT"
  [[ "$INSTALL_DELAY" =~ ^[0-9]+(\.[0-9]+)?$ ]] || die "--install-delay must be a number of seconds (e.g. 15 or 0.5), got: $INSTALL_DELAY"
  [ -n "$AUTHKEY" ] && [ -f "$AUTHKEY" ] || die "--authorized-key PUBFILE is required and must exist"
  mkdir -p "$STATE"; STATE="$(abs_path "$STATE")"
  case "$STATE" in /run|/run/*|/var/run/*) die "--state must not be under /run (the namespace mounts a private /run)";; esac
  if is_running; then die "a test host is already running for $STATE (pid $(cat "$STATE/host.pid")); stop it first"; fi
  do_stop
  printf '%s\n' "${ORIG_ARGS[@]}" --state "$STATE" >"$STATE/start-args"
  [ -f "$STATE/ssh_host_ed25519_key" ] || ssh-keygen -q -t ed25519 -N '' -C "testhost@$IP" -f "$STATE/ssh_host_ed25519_key"
  prepare_root
  setup_user
  preseed
  write_sshd_config
  : >>"$STATE/sshd.log"

  local binds=() name dir real
  for name in "${SHIMS[@]}"; do
    for dir in /usr/bin /usr/sbin /bin /sbin; do
      [ -e "$dir/$name" ] || continue
      real="$(readlink -f "$dir/$name")"
      case " ${binds[*]-} " in *" $name=$real "*) ;; *) binds+=("$name=$real") ;; esac
    done
  done

  setsid unshare -m --propagation private "$HERE/ns-init.sh" "$STATE" "$SSHD" "${binds[@]+"${binds[@]}"}" \
    </dev/null >>"$STATE/sshd.log" 2>&1 &
  local pid=$!
  # ns-init.sh writes its own PID (= sshd after exec) once the mounts are in place.
  local i
  for i in $(seq 1 100); do
    [ -s "$STATE/host.pid" ] && break
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.05
  done
  [ -s "$STATE/host.pid" ] || { tail -n 20 "$STATE/sshd.log" >&2; die "namespace set-up failed (see $STATE/sshd.log)"; }
  pid="$(cat "$STATE/host.pid")"
  if ! readlink "/proc/$pid/ns/mnt" >"$STATE/host.mntns" 2>/dev/null; then
    rm -f "$STATE/host.mntns" "$STATE/host.pid"
    tail -n 5 "$STATE/sshd.log" >&2
    die "sshd exited right after start (address $IP:$PORT in use?); see $STATE/sshd.log"
  fi
  if [ "$(cat "$STATE/host.mntns")" = "$(readlink /proc/self/ns/mnt)" ]; then
    kill -TERM "$pid" 2>/dev/null || true; rm -f "$STATE/host.mntns"
    die "sshd is not in a private mount namespace; refusing to run"
  fi
  if ! wait_for_port "$pid"; then do_stop; exit 1; fi
  echo "host_key=$(host_key_line)"
  echo "pid=$pid"
}

do_rekey() {
  STATE="$(abs_path "$STATE")"
  local was_running=0
  if is_running; then was_running=1; fi
  do_stop
  rm -f "$STATE/ssh_host_ed25519_key" "$STATE/ssh_host_ed25519_key.pub"
  ssh-keygen -q -t ed25519 -N '' -C "testhost-rekeyed" -f "$STATE/ssh_host_ed25519_key"
  if [ "$was_running" = 1 ] && [ -f "$STATE/start-args" ]; then
    local args=()
    mapfile -t args <"$STATE/start-args"
    exec "$HERE/testhost.sh" start "${args[@]}"
  fi
  echo "host_key=$(host_key_line)"
}

require_environment
case "$CMD" in
  start) do_start ;;
  stop) [ -d "$STATE" ] || exit 0; STATE="$(abs_path "$STATE")"; do_stop ;;
  rekey) [ -d "$STATE" ] || die "no such state directory: $STATE"; do_rekey ;;
  status) [ -d "$STATE" ] || die "no such state directory: $STATE"; STATE="$(abs_path "$STATE")"
          if is_running; then echo "running pid=$(cat "$STATE/host.pid")"; else echo "stopped"; exit 3; fi ;;
  *) usage ;;
esac

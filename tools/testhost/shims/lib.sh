# Sourced by every shim inside a test host. State lives in /run/testhost (= the host's state directory).
ST=/run/testhost
export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin

# Quotes one argument for the log only when it needs it (POSIX single quotes).
shim_quote() {
  if [[ "$1" =~ ^[A-Za-z0-9_./:=,+@%^-]+$ ]]; then printf '%s' "$1"
  else printf "'%s'" "${1//\'/\'\\\'\'}"; fi
}

# Appends one line to commands.log: the shim name and its argv (plus an optional " ## suffix").
shim_log_line() {
  { flock 9; printf '%s\n' "$1" >&9; } 9>>"$ST/commands.log" 2>/dev/null || true
}

shim_log() {
  local name="$1" line a; shift
  line="$name"
  for a in "$@"; do line+=" $(shim_quote "$a")"; done
  shim_log_line "$line${SHIM_LOG_SUFFIX:-}"
}

# True when fault NAME is set. A number in the file = fail that many more times (then cleared);
# an empty file = fail every time.
shim_fault() {
  local f="$ST/faults/$1" n
  [ -f "$f" ] || return 1
  n="$(tr -d '[:space:]' <"$f")"
  [ -z "$n" ] && return 0
  [[ "$n" =~ ^[0-9]+$ ]] || return 0
  if [ "$n" -le 0 ]; then rm -f "$f"; return 1; fi
  echo $((n - 1)) >"$f"
  [ "$n" -gt 1 ] || rm -f "$f"
  return 0
}

# True when fault NAME would fire on the next shim_fault NAME (does not count it).
shim_fault_pending() {
  local f="$ST/faults/$1" n
  [ -f "$f" ] || return 1
  n="$(tr -d '[:space:]' <"$f")"
  [ -z "$n" ] && return 0
  [[ "$n" =~ ^[0-9]+$ ]] || return 0
  [ "$n" -gt 0 ]
}

# Prints the install delay in seconds (<state>/delays/install, as testhost.sh start --install-delay wrote it);
# prints nothing when there is none.
shim_install_delay() {
  local d=""
  [ -f "$ST/delays/install" ] && d="$(tr -d '[:space:]' <"$ST/delays/install")"
  [[ "$d" =~ ^[0-9]+(\.[0-9]+)?$ ]] && ! [[ "$d" =~ ^0*(\.0*)?$ ]] && printf '%s' "$d"
  return 0
}

shim_installed() { grep -qx "$1" "$ST/dpkg/installed" 2>/dev/null; }
shim_mark_installed() { shim_installed "$1" || echo "$1" >>"$ST/dpkg/installed"; }

shim_is_root() { [ "$(id -u)" = 0 ]; }

# Adds group NAME to the namespace's private /etc/group (written in place: it is a bind mount).
shim_ensure_group() {
  local gid="$2"
  grep -q "^$1:" /etc/group && return 0
  while cut -d: -f3 /etc/group | grep -qx "$gid"; do gid=$((gid - 1)); done
  echo "$1:x:$gid:" >>/etc/group
}

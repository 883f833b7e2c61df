# Sourced by every shim inside a test host. State lives in /run/testhost (= the host's state directory).
ST=/run/testhost
export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin

# Sets variable $1 to argument $2 quoted for the log, only when it needs it (POSIX single quotes); no subshell.
shim_quote() {
  local -n shim_quoted="$1"
  if [[ "$2" =~ ^[A-Za-z0-9_./:=,+@%^-]+$ ]]; then shim_quoted="$2"
  else printf -v shim_quoted "'%s'" "${2//\'/\'\\\'\'}"; fi
}

# Appends one line to commands.log: the shim name and its argv (plus an optional " ## suffix"). A line of at most
# 1000 characters (4000 bytes in UTF-8) is one write(2) in O_APPEND mode, which concurrent writers cannot split; a
# longer one may take several writes and is written under flock(1). Builtins only on the common path: every process a
# shim starts is CPU the light fleet's benchmark counts as the harness's.
shim_log_line() {
  if [ "${#1}" -le 1000 ]; then printf '%s\n' "$1" >>"$ST/commands.log" 2>/dev/null || true; return 0; fi
  { flock 9; printf '%s\n' "$1" >&9; } 9>>"$ST/commands.log" 2>/dev/null || true
}

# Sets variable $1 to the content of file $2 without whitespace (empty when the file cannot be read); no subprocess.
shim_read_trimmed() {
  local -n shim_out="$1"
  shim_out=""
  [ -r "$2" ] || return 0
  IFS= read -r -d '' shim_out <"$2" || true
  shim_out="${shim_out//[[:space:]]/}"
}

shim_log() {
  local name="$1" line a q; shift
  line="$name"
  for a in "$@"; do shim_quote q "$a"; line+=" $q"; done
  shim_log_line "$line${SHIM_LOG_SUFFIX:-}"
}

# True when fault NAME is set. A number in the file = fail that many more times (then cleared);
# an empty file = fail every time.
shim_fault() {
  local f="$ST/faults/$1" n
  [ -f "$f" ] || return 1
  shim_read_trimmed n "$f"
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
  shim_read_trimmed n "$f"
  [ -z "$n" ] && return 0
  [[ "$n" =~ ^[0-9]+$ ]] || return 0
  [ "$n" -gt 0 ]
}

# Prints the install delay in seconds (<state>/delays/install, as testhost.sh start --install-delay wrote it);
# prints nothing when there is none.
shim_install_delay() {
  local d=""
  [ -f "$ST/delays/install" ] && shim_read_trimmed d "$ST/delays/install"
  [[ "$d" =~ ^[0-9]+(\.[0-9]+)?$ ]] && ! [[ "$d" =~ ^0*(\.0*)?$ ]] && printf '%s' "$d"
  return 0
}

shim_installed() {
  local line
  [ -r "$ST/dpkg/installed" ] || return 1
  while IFS= read -r line || [ -n "$line" ]; do [ "$line" = "$1" ] && return 0; done <"$ST/dpkg/installed"
  return 1
}
shim_mark_installed() { shim_installed "$1" || echo "$1" >>"$ST/dpkg/installed"; }

shim_is_root() { [ "$EUID" = 0 ]; }

# Adds group NAME to the namespace's private /etc/group (written in place: it is a bind mount).
shim_ensure_group() {
  local gid="$2"
  grep -q "^$1:" /etc/group && return 0
  while cut -d: -f3 /etc/group | grep -qx "$gid"; do gid=$((gid - 1)); done
  echo "$1:x:$gid:" >>/etc/group
}

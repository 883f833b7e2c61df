#!/usr/bin/env bash
# infra up scaling benchmark: builds Release, then runs benchmarks/Stagecraft.Benchmarks, which starts the real CLI
# against the in-process DigitalOcean emulator and simulated SSH hosts (light fleet: one sshd, N = 1, 20, 200, 500;
# --fleet full: one sshd per host on 127.0.0.10–59:2222, N = 1, 10, 50), sequential and default parallelism, and
# prints a Markdown table. Extra arguments go to the benchmark
# (e.g. --sizes 1,10, --profile fast, --install-delay 5 or --markdown FILE; see --help). The default latency profile is
# "cloud" (DigitalOcean-like: boot 25 s, sshd 5 s later, API 0.3 s, 15 s per docker/tailscale install on each host).
# Needs root: the test hosts use mount namespaces. The benchmark itself runs in a private network namespace
# (unshare -n): only loopback, nothing reachable beyond it, no port shared with the machine. With the light fleet
# (--fleet light, the default) lo starts with 127.0.0.1/32 only and each simulated host's address (127.1.x.y) is
# added when its sshd "comes up" (tools/testhost/fleet.sh). Own flags: --fleet light|full, --cli PATH/stagecraft.dll or PATH/stagecraft (native)
# (benchmark another build; not rebuilt), --parallelism N, --default-only; the rest go to the benchmark too.
# Not part of scripts/test.sh: speed is measured here, not in tests. Ctrl-C reaches the benchmark (same process
# group), which kills the CLI and stops its hosts; the EXIT trap then stops anything left and removes the temp dir.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

fleet=light cli=""
args=("$@")
for ((i = 0; i < ${#args[@]}; i++)); do
  case "${args[i]}" in
    --fleet) fleet="${args[i+1]:-}" ;;
    --cli) cli="${args[i+1]:-}" ;;
  esac
done
case "$fleet" in light|full) ;; *) echo "run.sh: --fleet must be light or full" >&2; exit 2 ;; esac

# Second stage, inside the private network namespace (the build ran outside: it may need the network).
if [ "${STAGECRAFT_BENCH_NETNS:-}" = 1 ]; then
  [ "$(readlink /proc/self/ns/net)" != "$(readlink /proc/1/ns/net)" ] || { echo "run.sh: not in a private network namespace" >&2; exit 1; }
  ip link set lo up
  if [ "$fleet" = light ]; then
    # Only 127.0.0.1 is local until a host comes up: connecting to a host not yet up fails at once (network unreachable).
    ip addr del 127.0.0.1/8 dev lo
    ip addr add 127.0.0.1/32 dev lo
  fi
  work="$STAGECRAFT_BENCH_WORK"
  cleanup() {
    trap - EXIT INT TERM
    # The benchmark stops its hosts itself; this catches any it could not (e.g. it was killed).
    for dir in "$work"/run/*/fleet/; do
      [ -d "$dir" ] && "$root/tools/testhost/fleet.sh" stop --state "$dir" >/dev/null 2>&1 || true
    done
    for dir in "$work"/run/*/hosts/*/; do
      [ -d "$dir" ] && "$root/tools/testhost/testhost.sh" stop --state "$dir" >/dev/null 2>&1 || true
    done
  }
  trap cleanup EXIT
  trap 'echo "run.sh: interrupted" >&2; exit 130' INT TERM
  assembly=()
  [ -z "$STAGECRAFT_BENCH_CLI" ] || assembly=(--cli "$STAGECRAFT_BENCH_CLI")
  echo "==> running in a private network namespace ($fleet fleet)" >&2
  dotnet "$root/benchmarks/Stagecraft.Benchmarks/bin/Release/net10.0/Stagecraft.Benchmarks.dll" \
    --repo "$root" --work "$work/run" "${assembly[@]+"${assembly[@]}"}" "$@"
  exit $?
fi

if [ "$(id -u)" -ne 0 ]; then
  echo "run.sh: needs root: the SSH test hosts run sshd in their own mount namespaces (try: sudo $0)" >&2
  exit 1
fi

missing=()
{ command -v sshd >/dev/null 2>&1 || [ -x /usr/sbin/sshd ]; } || missing+=(openssh-server)
command -v sudo >/dev/null 2>&1 || missing+=(sudo)
[ -x /usr/bin/time ] || missing+=(time)
command -v unshare >/dev/null 2>&1 || missing+=(util-linux)
command -v ip >/dev/null 2>&1 || missing+=(iproute2)
[ "$fleet" = full ] || command -v cc >/dev/null 2>&1 || missing+=(gcc libc6-dev)
if [ ${#missing[@]} -gt 0 ]; then
  echo "run.sh: installing ${missing[*]} (Debian packages)" >&2
  apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

work=$(mktemp -d /tmp/stagecraft-bench.XXXXXX)
cleanup() {
  trap - EXIT INT TERM
  # The benchmark stops its hosts itself; this catches any it could not (e.g. it was killed).
  for dir in "$work"/run/*/fleet/; do
    [ -d "$dir" ] && "$root/tools/testhost/fleet.sh" stop --state "$dir" >/dev/null 2>&1 || true
  done
  for dir in "$work"/run/*/hosts/*/; do
    [ -d "$dir" ] && "$root/tools/testhost/testhost.sh" stop --state "$dir" >/dev/null 2>&1 || true
  done
  rm -rf "$work"
}
trap cleanup EXIT
trap 'echo "run.sh: interrupted" >&2; exit 130' INT TERM

echo "==> building (Release)" >&2
projects=(benchmarks/Stagecraft.Benchmarks)
if [ -n "$cli" ]; then
  [ -f "$cli" ] || { echo "run.sh: --cli $cli: no such file (a stagecraft.dll, e.g. another worktree's src/Stagecraft.Cli/bin/Release/net10.0/stagecraft.dll, or a native stagecraft binary from scripts/release.sh)" >&2; exit 2; }
  cli="$(cd "$(dirname "$cli")" && pwd)/$(basename "$cli")"
else
  projects=(src/Stagecraft.Cli "${projects[@]}")
fi
for project in "${projects[@]}"; do
  if ! dotnet build "$root/$project" -c Release -v quiet -nologo >"$work/build.log" 2>&1; then
    cat "$work/build.log" >&2
    echo "run.sh: building $project failed" >&2
    exit 1
  fi
done

# The benchmark parses --cli too; run.sh passes the absolute path it checked.
rest=()
for ((i = 0; i < ${#args[@]}; i++)); do
  if [ "${args[i]}" = --cli ]; then i=$((i + 1)); else rest+=("${args[i]}"); fi
done
echo "==> running (sizes 1,20,200,500 take about 10 minutes with the light fleet)" >&2
STAGECRAFT_BENCH_NETNS=1 STAGECRAFT_BENCH_WORK="$work" STAGECRAFT_BENCH_CLI="$cli" \
  unshare -n -- "$root/benchmarks/run.sh" "${rest[@]+"${rest[@]}"}"

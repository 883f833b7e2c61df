#!/usr/bin/env bash
# infra up scaling benchmark: builds Release, then runs benchmarks/Stagecraft.Benchmarks, which starts the real CLI
# against the in-process DigitalOcean emulator and real local SSH test hosts (127.0.0.10–59:2222) for N = 1, 10, 50,
# sequential and default parallelism, and prints a Markdown table. Extra arguments go to the benchmark
# (e.g. --sizes 1,10, --profile fast, --install-delay 5 or --markdown FILE; see --help). The default latency profile is
# "cloud" (DigitalOcean-like: boot 25 s, sshd 5 s later, API 0.3 s, 15 s per docker/tailscale install on each host).
# Needs root: the test hosts use mount namespaces.
# Not part of scripts/test.sh: speed is measured here, not in tests. Ctrl-C reaches the benchmark (same process
# group), which kills the CLI and stops its hosts; the EXIT trap then stops anything left and removes the temp dir.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

if [ "$(id -u)" -ne 0 ]; then
  echo "run.sh: needs root: the SSH test hosts run sshd in their own mount namespaces (try: sudo $0)" >&2
  exit 1
fi

missing=()
{ command -v sshd >/dev/null 2>&1 || [ -x /usr/sbin/sshd ]; } || missing+=(openssh-server)
command -v sudo >/dev/null 2>&1 || missing+=(sudo)
[ -x /usr/bin/time ] || missing+=(time)
if [ ${#missing[@]} -gt 0 ]; then
  echo "run.sh: installing ${missing[*]} (Debian packages)" >&2
  apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

work=$(mktemp -d /tmp/stagecraft-bench.XXXXXX)
cleanup() {
  trap - EXIT INT TERM
  # The benchmark stops its hosts itself; this catches any it could not (e.g. it was killed).
  for dir in "$work"/run/*/hosts/*/; do
    [ -d "$dir" ] && "$root/tools/testhost/testhost.sh" stop --state "$dir" >/dev/null 2>&1 || true
  done
  rm -rf "$work"
}
trap cleanup EXIT
trap 'echo "run.sh: interrupted" >&2; exit 130' INT TERM

echo "==> building (Release)" >&2
for project in src/Stagecraft.Cli benchmarks/Stagecraft.Benchmarks; do
  if ! dotnet build "$root/$project" -c Release -v quiet -nologo >"$work/build.log" 2>&1; then
    cat "$work/build.log" >&2
    echo "run.sh: building $project failed" >&2
    exit 1
  fi
done

echo "==> running (about 5 minutes with the defaults)" >&2
dotnet "$root/benchmarks/Stagecraft.Benchmarks/bin/Release/net10.0/Stagecraft.Benchmarks.dll" \
  --repo "$root" --work "$work/run" "$@"

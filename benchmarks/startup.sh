#!/usr/bin/env bash
# Start-up time of stagecraft: runs `--version` and `infra up --help` 20 times each (after one untimed warm-up run)
# and prints the median and the maximum wall time in milliseconds, for
#   - the published binary: artifacts/release/<version>/stagecraft-<version>-linux-x64 (built with
#     scripts/release.sh <version> linux-x64 when missing), and
#   - the framework-dependent tool, as `dotnet tool install` runs it: the Release build's stagecraft apphost.
#
#   benchmarks/startup.sh                 # both
#   benchmarks/startup.sh --runs 50       # more runs
#   benchmarks/startup.sh --binary PATH   # only this executable
#
# Wall time per run is taken around fork+exec+exit with date +%s%N; the shell's own share (about 1 ms) is included.
# Not part of scripts/test.sh: timings depend on the machine, so no test asserts them.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
runs=20
only=""
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) runs=$2; shift 2 ;;
    --binary) only=$2; shift 2 ;;
    *) echo "usage: benchmarks/startup.sh [--runs N] [--binary PATH]" >&2; exit 2 ;;
  esac
done

# Prints "median max" in ms (one decimal) of running "$@" $runs times.
measure() {
  local times=() start end i
  "$@" >/dev/null 2>&1 || true
  for ((i = 0; i < runs; i++)); do
    start=$(date +%s%N)
    "$@" >/dev/null 2>&1 || true
    end=$(date +%s%N)
    times+=($(( (end - start) / 1000 )))
  done
  printf '%s\n' "${times[@]}" | sort -n | awk -v n="$runs" '
    { t[NR] = $1 }
    END {
      median = (n % 2) ? t[(n + 1) / 2] : (t[n / 2] + t[n / 2 + 1]) / 2
      printf "%.1f %.1f\n", median / 1000, t[n] / 1000
    }'
}

report() {
  local label=$1 exe=$2 version help
  version=$(measure "$exe" --version)
  help=$(measure "$exe" infra up --help)
  printf '| %s | %s ms | %s ms | %s ms | %s ms |\n' "$label" ${version% *} ${version#* } ${help% *} ${help#* }
}

echo "stagecraft start-up, $runs runs each after one warm-up, $(nproc) cores, $(uname -sm)"
echo
echo '| executable | `--version` median | `--version` max | `infra up --help` median | `infra up --help` max |'
echo '|---|---:|---:|---:|---:|'
if [ -n "$only" ]; then
  report "$only" "$only"
  exit 0
fi

version=$(sed -n 's:.*<Version>\(.*\)</Version>.*:\1:p' "$root/Directory.Build.props")
binary="$root/artifacts/release/$version/stagecraft-$version-linux-x64/stagecraft"
if [ ! -x "$binary" ]; then
  "$root/scripts/release.sh" "$version" linux-x64 >&2
  tar -C "$root/artifacts/release/$version" -xzf "$root/artifacts/release/$version/stagecraft-$version-linux-x64.tar.gz"
fi
report "published linux-x64 (Native AOT)" "$binary"

tool="$root/src/Stagecraft.Cli/bin/Release/net10.0/stagecraft"
if [ ! -x "$tool" ]; then
  dotnet build "$root/src/Stagecraft.Cli/Stagecraft.Cli.csproj" -c Release -nologo -v quiet -clp:ErrorsOnly >&2
fi
report "framework-dependent (dotnet tool)" "$tool"

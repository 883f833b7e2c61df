#!/usr/bin/env bash
# Restores, builds and runs every test project, then enforces line coverage of src/ (>= 90%).
# Real-SSH tests start OpenSSH test hosts in mount namespaces: run as root (CI does); openssh-server, sudo and
# ansible-core (ansible-inventory reads back the exported inventory) are installed here when missing, and zsh and
# fish (about 10 MB: the completion scripts are checked in each shell; a shell that is missing is a skipped test).
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
threshold=${COVERAGE_THRESHOLD:-90}
out="$root/artifacts"

if [ "$(id -u)" -eq 0 ]; then
  if { ! command -v sshd >/dev/null 2>&1 && [ ! -x /usr/sbin/sshd ]; } || ! command -v sudo >/dev/null 2>&1 ||
    ! command -v ssh >/dev/null 2>&1 || ! command -v ansible-inventory >/dev/null 2>&1 ||
    ! command -v zsh >/dev/null 2>&1 || ! command -v fish >/dev/null 2>&1; then
    echo "test.sh: installing openssh-server, openssh-client, sudo, ansible-core, zsh and fish (Debian packages)"
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends openssh-server openssh-client sudo ansible-core zsh fish >/dev/null
  fi
else
  echo "test.sh: warning: not root; the real-SSH tests need root for their mount namespaces and will fail" >&2
fi

rm -rf "$out/TestResults" "$out/coverage"
mkdir -p "$out"

dotnet tool restore >/dev/null
dotnet restore Stagecraft.slnx --nologo -v quiet
dotnet build Stagecraft.slnx --no-restore --nologo -v quiet -clp:ErrorsOnly

set +e
dotnet test Stagecraft.slnx --no-build --nologo \
  --settings coverage.runsettings \
  --results-directory "$out/TestResults" \
  --logger "trx" --logger "console;verbosity=minimal" 2>&1 | tee "$out/test-output.log"
status=${PIPESTATUS[0]}
set -e

# Count what ran from the TRX files: one per test project.
read -r projects passed failed < <(
  find "$out/TestResults" -name '*.trx' -print0 | xargs -0 -r cat |
    grep -oE '<Counters [^>]*' |
    sed -E 's/.* passed="([0-9]+)" failed="([0-9]+)".*/\1 \2/' |
    awk '{ p += $1; f += $2; n++ } END { printf "%d %d %d\n", n, p, f }')
echo "test projects run: $projects"

if [ "$status" -ne 0 ] || [ "$failed" -ne 0 ] || [ "$projects" -eq 0 ]; then
  echo "test.sh: tests failed (see $out/test-output.log)"
  echo "$passed passed, $(( failed > 0 ? failed : 1 )) failed"
  exit 1
fi

dotnet reportgenerator -reports:"$out/TestResults/**/coverage.cobertura.xml" -targetdir:"$out/coverage" \
  -reporttypes:"TextSummary;Cobertura" -verbosity:Warning >/dev/null
line=$(grep -E '^ *Line coverage:' "$out/coverage/Summary.txt" | head -1 | sed -E 's/[^0-9.]*([0-9.]+)%.*/\1/')
sed -n '1,20p' "$out/coverage/Summary.txt" | grep -E 'Line coverage|Covered lines|Coverable lines|Assemblies'
grep -E '^(Stagecraft|stagecraft)[A-Za-z.]* +[0-9.]+%$' "$out/coverage/Summary.txt" || true
if awk -v c="$line" -v t="$threshold" 'BEGIN { exit !(c + 0 < t + 0) }'; then
  echo "test.sh: line coverage of src/ is $line%, below the $threshold% gate"
  echo "$passed passed, 1 failed"
  exit 1
fi
echo "line coverage of src/: $line% (gate $threshold%)"
echo "$passed passed, $failed failed"

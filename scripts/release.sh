#!/usr/bin/env bash
# Builds the release archives of stagecraft VERSION: one self-contained executable per runtime, no .NET needed.
#
#   scripts/release.sh VERSION [RID ...]      # RIDs default to all five below
#   RELEASE_OUT=DIR scripts/release.sh ...    # where the archives go (default artifacts/release/VERSION)
#
# For each RID: artifacts/release/VERSION/stagecraft-VERSION-RID.tar.gz (.zip for win-x64) holding
# stagecraft-VERSION-RID/stagecraft (stagecraft.exe) and README.md, the dotnet tool package stagecraft.VERSION.nupkg,
# and SHA256SUMS over every archive and package there.
#
# How each executable is built:
# - the machine's own RID (linux-x64 here) is Native AOT: one native file, no JIT at start-up. ILCompiler cannot
#   cross-compile to another operating system, and linux-arm64 would need an arm64 sysroot and linker;
# - every other RID is a single-file, self-contained, trimmed ReadyToRun executable (crossgen2 runs here for any
#   target).
# Trim and AOT analysis warnings fail the build (TreatWarningsAsErrors); the ones that are safe are suppressed in
# the code with the reason. No pdbs, no .dbg files, no satellite resource assemblies (the CLI is English only).
# Runtime packs and the compilers come from NuGet as any package does.
set -euo pipefail

all_rids=(linux-x64 linux-arm64 osx-x64 osx-arm64 win-x64)

if [ $# -lt 1 ] || [[ "$1" == -* ]]; then
  echo "usage: scripts/release.sh VERSION [RID ...]   (RIDs: ${all_rids[*]})" >&2
  exit 2
fi
version=$1
shift
if ! [[ "$version" =~ ^[0-9]+\.[0-9]+\.[0-9]+(-[0-9A-Za-z.-]+)?$ ]]; then
  echo "release.sh: VERSION must look like 1.2.3 or 1.2.3-rc.1, not '$version'" >&2
  exit 2
fi
rids=("$@")
[ ${#rids[@]} -gt 0 ] || rids=("${all_rids[@]}")
for rid in "${rids[@]}"; do
  if ! printf '%s\n' "${all_rids[@]}" | grep -qx -- "$rid"; then
    echo "release.sh: unknown RID '$rid' (known: ${all_rids[*]})" >&2
    exit 2
  fi
done

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
out=${RELEASE_OUT:-$root/artifacts/release/$version}
mkdir -p "$out"
out=$(cd "$out" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

case "$(uname -s)-$(uname -m)" in
  Linux-x86_64) host_rid=linux-x64 ;;
  Linux-aarch64) host_rid=linux-arm64 ;;
  Darwin-x86_64) host_rid=osx-x64 ;;
  Darwin-arm64) host_rid=osx-arm64 ;;
  *) host_rid=none ;;
esac

# The public address of the repository for the package metadata, when the clone's origin has one (git@host:path
# becomes https://host/path); a local path or anything else is left out.
repository_url=$(git -C "$root" remote get-url origin 2>/dev/null || true)
case "$repository_url" in
  git@*:*) repository_url=${repository_url#git@}; repository_url="https://${repository_url/://}" ;;
esac
repository_url=${repository_url%.git}
[[ "$repository_url" =~ ^https://[^/]+/.+ ]] || repository_url=""

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 LC_ALL=C

for rid in "${rids[@]}"; do
  publish="$work/publish/$rid"
  common=(-c Release -r "$rid" -o "$publish" -nologo -v quiet -clp:ErrorsOnly
    "-p:Version=$version" -p:DebugType=none -p:DebugSymbols=false -p:SatelliteResourceLanguages=en)
  [ -z "$repository_url" ] || common+=("-p:StagecraftRepositoryUrl=$repository_url")
  if [ "$rid" = "$host_rid" ]; then
    kind="Native AOT"
    mode=(-p:PublishAot=true -p:StripSymbols=true)
  else
    kind="single-file ReadyToRun, trimmed"
    mode=(-p:SelfContained=true -p:PublishSingleFile=true -p:PublishTrimmed=true -p:PublishReadyToRun=true)
  fi
  echo "release.sh: $rid: $kind"
  dotnet publish "$root/src/Stagecraft.Cli/Stagecraft.Cli.csproj" "${common[@]}" "${mode[@]}"

  exe=stagecraft
  [[ "$rid" == win-* ]] && exe=stagecraft.exe
  # AOT leaves the stripped symbols beside the binary; nothing but the executable goes into the archive.
  rm -f "$publish"/*.dbg "$publish"/*.pdb "$publish"/*.dSYM
  extra=$(cd "$publish" && find . -mindepth 1 ! -name "$exe" | sort)
  if [ ! -f "$publish/$exe" ] || [ -n "$extra" ]; then
    echo "release.sh: $rid: expected only $exe in the publish folder, found: $(cd "$publish" && ls -A | tr '\n' ' ')" >&2
    exit 1
  fi

  name="stagecraft-$version-$rid"
  stage="$work/stage/$name"
  mkdir -p "$stage"
  cp "$publish/$exe" "$stage/"
  cp "$root/README.md" "$stage/"
  chmod 0755 "$stage/$exe"
  chmod 0644 "$stage/README.md"
  touch -d '2000-01-01T00:00:00Z' "$stage" "$stage"/*
  if [[ "$rid" == win-* ]]; then
    rm -f "$out/$name.zip"
    if command -v zip >/dev/null 2>&1; then
      (cd "$work/stage" && zip -q -X -r "$out/$name.zip" "$name")
    else
      (cd "$work/stage" && python3 -m zipfile -c "$out/$name.zip" "$name")
    fi
  else
    tar -C "$work/stage" --sort=name --owner=0 --group=0 --numeric-owner -cf - "$name" | gzip -9 -n > "$out/$name.tar.gz"
  fi
done

# The .NET tool package of the same version, for `dotnet tool install --add-source <this folder>`.
echo "release.sh: stagecraft.$version.nupkg (dotnet tool)"
pack=(-c Release -o "$out" -nologo -v quiet -clp:ErrorsOnly "-p:Version=$version")
[ -z "$repository_url" ] || pack+=("-p:StagecraftRepositoryUrl=$repository_url")
rm -f "$out/stagecraft.$version.nupkg"
dotnet pack "$root/src/Stagecraft.Cli/Stagecraft.Cli.csproj" "${pack[@]}"

(cd "$out" && find . -maxdepth 1 -type f \( -name 'stagecraft-*.tar.gz' -o -name 'stagecraft-*.zip' -o -name "stagecraft.$version.nupkg" \) -printf '%f\n' |
  sort | xargs sha256sum > SHA256SUMS)
echo "release.sh: $out"
(cd "$out" && for f in $(awk '{ print $2 }' SHA256SUMS); do
  printf '  %-40s %6.1f MiB\n' "$f" "$(awk -v b="$(stat -c %s "$f")" 'BEGIN { print b / 1048576 }')"
done)
echo "  SHA256SUMS"

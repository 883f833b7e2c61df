#!/usr/bin/env bash
# Stagecraft demo on the embedded default: a DigitalOcean API emulator and local SSH test hosts on loopback,
# then `stagecraft infra up` twice (the second run changes nothing) and the JSON report of the second run.
# Needs root (the test hosts use mount namespaces) and the .NET 10 SDK; installs openssh-server/sudo if missing.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
hosts=(app-1 app-2 app-3 db-1)
port=2222

if [ "$(id -u)" -ne 0 ]; then
  echo "demo.sh: needs root: the local SSH test hosts run sshd in their own mount namespaces (try: sudo $0)" >&2
  exit 1
fi

if ! command -v sshd >/dev/null 2>&1 && [ ! -x /usr/sbin/sshd ] || ! command -v sudo >/dev/null 2>&1; then
  echo "demo.sh: installing openssh-server and sudo (Debian packages)" >&2
  apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq openssh-server sudo >/dev/null
fi

work=$(mktemp -d /tmp/stagecraft-demo.XXXXXX)
emulator_pid=""
cleanup() {
  trap - EXIT INT TERM
  for dir in "$work"/hosts/*/; do
    [ -d "$dir" ] && "$root/tools/testhost/testhost.sh" stop --state "$dir" >/dev/null 2>&1 || true
  done
  if [ -n "$emulator_pid" ]; then kill "$emulator_pid" 2>/dev/null || true; wait "$emulator_pid" 2>/dev/null || true; fi
  # Hosts started by the emulator in the background may still be starting: stop them too.
  for dir in "$work"/hosts/*/; do
    [ -d "$dir" ] && "$root/tools/testhost/testhost.sh" stop --state "$dir" >/dev/null 2>&1 || true
  done
  rm -rf "$work"
}
trap cleanup EXIT
trap 'echo "demo.sh: interrupted" >&2; exit 130' INT TERM

echo "==> building" >&2
dotnet build "$root/src/Stagecraft.Cli" -c Release -v quiet -nologo >/dev/null
dotnet build "$root/tools/Stagecraft.DoEmulator" -c Release -v quiet -nologo >/dev/null
cli="$root/src/Stagecraft.Cli/bin/Release/net10.0/stagecraft.dll"
emulator="$root/tools/Stagecraft.DoEmulator/bin/Release/net10.0/Stagecraft.DoEmulator.dll"

mkdir -p "$work/hosts" "$work/home"
key=$("$root/tools/testhost/keygen.sh" "$work/client")

# When a droplet turns active its host "boots": sshd starts a moment later on the droplet's public IP.
cat > "$work/boot-host.sh" <<HOOK
#!/bin/sh
sleep 1
exec "$root/tools/testhost/testhost.sh" start --ip "\$DROPLET_IP" --port $port --state "$work/hosts/\$DROPLET_NAME" --authorized-key "$work/client/id_ed25519.pub" >/dev/null
HOOK
chmod +x "$work/boot-host.sh"

pool=$(seq -s, -f '127.0.0.%g' 11 30)
token="demo-$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')"
echo "==> starting the DigitalOcean API emulator" >&2
coproc EMU { exec dotnet "$emulator" --port 0 --token "$token" --ip-pool "$pool" --boot-delay 3s --ssh-key-name deploy-key --ssh-public-key "$work/client/id_ed25519.pub" --on-active-command "$work/boot-host.sh &" 2>"$work/emulator.log"; }
emulator_pid=$EMU_PID
read -r line <&"${EMU[0]}"
api_url=${line#listening on }

cat > "$work/stagecraft.yml" <<YAML
# A demo environment: four hosts in two roles on the local emulator.
project:
  name: demo
cloud:
  provider: digitalocean
  providers:
    digitalocean:
      token_env: DO_TOKEN
      ssh_key_name: deploy-key
      api_url: $api_url
      default_region: nyc1
      default_size: s-2vcpu-4gb
      create_timeout: 2m
      hosts:
        demo:
$(for h in "${hosts[@]}"; do echo "          $h: { role: ${h%-*} }"; done)
network:
  provider: tailscale
  providers:
    tailscale:
      auth_key_env: TS_AUTHKEY
      tailnet_domain: example.ts.net
      default_tags: ["tag:stagecraft"]
      role_tags: { app: ["tag:app"], db: ["tag:db"] }
infra:
  bootstrap:
    ssh:
      user: root
      port: $port
      private_key_path: $key
      known_hosts_file: $work/known_hosts
      ready_timeout: 1m
    docker:
      install_method: apt
YAML

export DO_TOKEN="$token"
export TS_AUTHKEY="demo-auth-key-$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')"
export HOME="$work/home"

echo "==> stagecraft infra up (first run: creates and bootstraps everything)" >&2
first=0
dotnet "$cli" infra up --config "$work/stagecraft.yml" --env demo || first=$?
echo "==> first run exited $first" >&2
echo "==> stagecraft infra up (second run: nothing is created; failed hosts are retried)" >&2
second=0
dotnet "$cli" infra up --config "$work/stagecraft.yml" --env demo --output json || second=$?
echo "==> second run exited $second" >&2
exit "$second"

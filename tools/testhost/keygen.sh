#!/usr/bin/env bash
# Makes a client ed25519 key pair for test hosts: DIR/id_ed25519 and DIR/id_ed25519.pub (no passphrase).
# Prints the private key path. Existing keys are kept.
set -euo pipefail
[ $# -eq 1 ] || { echo "usage: keygen.sh DIR" >&2; exit 2; }
command -v ssh-keygen >/dev/null || { echo "keygen: ssh-keygen not found: install the Debian package openssh-client" >&2; exit 1; }
mkdir -p "$1"
[ -f "$1/id_ed25519" ] || ssh-keygen -q -t ed25519 -N '' -C "stagecraft-test-client" -f "$1/id_ed25519"
chmod 0600 "$1/id_ed25519"
echo "$(cd "$1" && pwd)/id_ed25519"

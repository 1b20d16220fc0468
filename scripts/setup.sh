#!/usr/bin/env bash
# Idempotent set-up for a fresh Debian/Ubuntu machine (or any machine with Node ≥ 20):
# installs pnpm and Nix when missing, then the dependencies, then builds the packages.
set -euo pipefail
cd "$(dirname "$0")/.."

PNPM_VERSION=$(node -p 'require("./package.json").packageManager.split("@")[1]')

say() { printf '[setup] %s\n' "$*"; }

node_major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
if [ "$node_major" -lt 20 ]; then
  say "Node.js 20 or newer is required (found: $(node --version 2>/dev/null || echo none))."
  exit 1
fi

if ! command -v pnpm >/dev/null 2>&1 || [ "$(pnpm --version)" != "$PNPM_VERSION" ]; then
  say "installing pnpm $PNPM_VERSION"
  npm install --global --silent "pnpm@$PNPM_VERSION" >/dev/null
fi

if ! command -v nix-instantiate >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    say "installing Nix (Debian package nix-bin)"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nix-bin >/dev/null
  else
    say "Nix is missing. Install it as root with 'apt-get install nix-bin' (Debian/Ubuntu) or from https://nixos.org/download, then run this again."
    exit 1
  fi
fi

# Debian's Chromium draws INVENTORY.md's Mermaid diagrams in the tests; without it those tests are skipped.
if [ ! -x /usr/bin/chromium ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    say "installing Chromium (Debian package chromium, for the diagram tests)"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    say "Chromium is missing: the diagram tests will be skipped. Install it as root with 'apt-get install chromium'."
  fi
fi

say "installing dependencies"
pnpm install --frozen-lockfile --reporter=silent
say "building packages"
pnpm -s build
say "ready: $(node --version), pnpm $(pnpm --version), $(nix-instantiate --version)"

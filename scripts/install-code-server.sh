#!/usr/bin/env bash
# Installs code-server 4.100.3 (VS Code 1.100.3 server + web workbench) from npm only, for the
# integration and e2e tests and the demo. Idempotent: exits at once when TARGET already has it.
# usage: scripts/install-code-server.sh [TARGET]   (default .cache/vscode-server)
set -euo pipefail
CS_VERSION=4.100.3
T=${1:-.cache/vscode-server}
mkdir -p "$T"; T=$(cd "$T" && pwd)   # absolute: the steps below cd around
CS="$T/node_modules/code-server"

installed_version() {
  # XDG dirs inside TARGET: otherwise code-server writes ~/.config/code-server/config.yaml
  # (its first run logs that before the "4.100.3 <commit> with Code 1.100.3" line)
  [ -f "$CS/out/node/entry.js" ] || return 0
  XDG_CONFIG_HOME="$T/.xdg" XDG_DATA_HOME="$T/.xdg" node "$CS/out/node/entry.js" --version 2>/dev/null | awk '/ with Code /{print $1; exit}'
}
if [ "$(installed_version)" = "$CS_VERSION" ]; then
  echo "code-server $CS_VERSION already installed in $T"
  exit 0
fi

t0=$(date +%s)
step() { echo "[install-code-server $(( $(date +%s) - t0 ))s] $*"; }

step "apt deps (libkrb5-dev for kerberos, ripgrep for search)"
if ! command -v rg >/dev/null || ! dpkg -s libkrb5-dev >/dev/null 2>&1; then
  if [ "$(id -u)" != 0 ]; then echo "install-code-server: run as root, or: sudo apt-get install -y libkrb5-dev ripgrep" >&2; exit 1; fi
  DEBIAN_FRONTEND=noninteractive apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends libkrb5-dev ripgrep
fi

cd "$T"
[ -f package.json ] || echo '{"name":"vscode-server-host","version":"1.0.0","private":true}' > package.json
step "npm install code-server@$CS_VERSION"
# --ignore-scripts: its postinstall would download things; the native modules are rebuilt below
npm install --ignore-scripts --no-audit --no-fund "code-server@$CS_VERSION"

step "VS Code server dependencies"
cd "$CS/lib/vscode"
npm install --omit=dev --ignore-scripts --no-audit --no-fund
step "native rebuilds"
npm rebuild @parcel/watcher @vscode/spdlog native-watchdog @vscode/deviceid --foreground-scripts
# kerberos would try a GitHub prebuilt first (unreachable): build from source straight away
npm_config_build_from_source=true npm rebuild kerberos --foreground-scripts
npm_config_yes=true npm rebuild node-pty --foreground-scripts
mkdir -p node_modules/@vscode/ripgrep/bin && cp "$(command -v rg)" node_modules/@vscode/ripgrep/bin/rg
ln -sfn node_modules node_modules.asar
(cd bin/remote-cli && ln -sfn code-linux.sh code-server)
(cd bin/helpers && ln -sfn browser-linux.sh browser.sh)

step "built-in extensions' dependencies"
cd extensions
npm install --omit=dev --ignore-scripts --no-audit --no-fund
node ./postinstall.mjs

step "argon2 (needed by code-server's own entry, which the version check uses)"
cd "$T"
npm_config_yes=true npm_config_build_from_source=true npm rebuild argon2 --foreground-scripts

v=$(installed_version)
[ "$v" = "$CS_VERSION" ] || { echo "install-code-server: expected $CS_VERSION, entry.js reports '${v}'" >&2; exit 1; }
step "code-server $v installed in $T"

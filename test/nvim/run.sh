#!/usr/bin/env bash
# Neovim headless as a third-party LSP client of dist/server.js on a copy of examples/rare-earths.
# Exits non-zero when the contradiction diagnostic or the hover is missing.
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
if ! command -v nvim >/dev/null; then
  echo "test/nvim: nvim is not installed (apt-get install -y neovim)" >&2
  exit 1
fi
[ -f "$repo/dist/server.js" ] || (cd "$repo" && node scripts/bundle.mjs)
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cp -R "$repo/examples/rare-earths/." "$work/"
CLAIMLINT_SERVER="$repo/dist/server.js" CLAIMLINT_FOLDER="$work" \
  timeout 60 nvim --headless -u NONE -c "luafile $repo/test/nvim/test.lua"

#!/usr/bin/env bash
# Install the browser assets the map serves itself (Leaflet; see docs/map.md):
#
#   bash scripts/assets.sh
#
# npm installs the versions pinned in package-lock.json into node_modules/, and
# the files the browser loads are copied into landinv/ui/static/vendor/, which
# the app serves from its own origin (landinv/ui/assets.py). Both folders are
# git-ignored: nothing is copied into the repo by hand and nothing is fetched
# from a CDN at run time. Idempotent: when the vendor folder already matches
# the lock file it returns at once.
set -euo pipefail

# shellcheck source=scripts/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$LANDINV_ROOT"

VENDOR=landinv/ui/static/vendor
STAMP=$VENDOR/.lock-sha256
# package -> folder inside the package whose files the browser needs.
ASSETS=("leaflet:dist" "leaflet-draw:dist")

lock_hash() { sha256sum package-lock.json | cut -d' ' -f1; }

up_to_date() {
    [ -f "$STAMP" ] && [ "$(cat "$STAMP")" = "$(lock_hash)" ] || return 1
    local entry
    for entry in "${ASSETS[@]}"; do
        [ -d "$VENDOR/${entry%%:*}" ] || return 1
    done
}

[ -f package-lock.json ] || die "package-lock.json is missing: the asset versions are pinned there"
if up_to_date; then
    exit 0
fi

if ! command -v npm >/dev/null; then
    ensure_debs npm
fi
command -v npm >/dev/null || die "npm is not installed; install Node.js and npm, then run scripts/assets.sh"

log "installing map assets with npm (package-lock.json)"
# --ignore-scripts: the packages are plain files, no install hooks are needed.
quietly npm ci --no-audit --no-fund --ignore-scripts --loglevel=error \
    || die "npm ci failed; check that the npm registry is reachable, then run scripts/assets.sh again"

# Copy into a fresh folder and swap it in, so a failed copy never leaves a
# half-filled vendor folder that the stamp would call complete.
mkdir -p "$(dirname "$VENDOR")"
tmp=$(mktemp -d "$(dirname "$VENDOR")/.vendor.XXXXXX")
chmod 755 "$tmp"  # mktemp makes it private; the app server may run as another user
trap 'rm -rf "$tmp"' EXIT
for entry in "${ASSETS[@]}"; do
    package=${entry%%:*}
    folder=${entry#*:}
    [ -d "node_modules/$package/$folder" ] || die "node_modules/$package/$folder is missing after npm ci"
    cp -R "node_modules/$package/$folder" "$tmp/$package"
    [ -f "node_modules/$package/LICENSE" ] && cp "node_modules/$package/LICENSE" "$tmp/$package/"
done
lock_hash >"$tmp/.lock-sha256"
rm -rf "$VENDOR"
mv "$tmp" "$VENDOR"
trap - EXIT
log "map assets ready in $VENDOR"

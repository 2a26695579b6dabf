#!/usr/bin/env bash
# Install what is missing, start a throwaway PostgreSQL+PostGIS cluster on
# loopback, run the whole test suite against it, and remove the cluster.
#
#   bash scripts/test.sh [pytest arguments...]
#
# Exit code is pytest's; with CI=true "no tests collected" (5) counts as a
# failure. Set LANDINV_TEST_PG_URL to use an existing server instead of the
# throwaway cluster; set LANDINV_SKIP_INSTALL=1 to skip the install steps.
# See docs/testing.md.
set -euo pipefail

# shellcheck source=scripts/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$LANDINV_ROOT"

PG_DIR=
PG_BIN=

install_everything() {
    # python3-gdal: GDAL's GeoPackage validator (validate_gpkg.py) for the store tests.
    ensure_debs postgresql chromium fonts-noto-cjk python3-gdal
    local major
    major=$(pg_major)
    [ -n "$major" ] && ensure_debs "postgresql-$major-postgis-3"
    select_python
    ensure_python_packages requirements-dev.txt
    ensure_assets
}

# Run a PostgreSQL server program as an unprivileged user: initdb and postgres
# refuse to run as root.
as_pg_user() {
    if is_root; then
        runuser -u "$PG_USER" -- "$@"
    else
        "$@"
    fi
}

free_port() {
    "$PY" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

start_cluster() {
    if [ -n "${LANDINV_TEST_PG_URL:-}" ]; then
        log "using the PostgreSQL server in LANDINV_TEST_PG_URL"
        return 0
    fi
    local major
    major=$(pg_major)
    if [ -n "$major" ]; then
        PG_BIN=/usr/lib/postgresql/$major/bin
    elif command -v initdb >/dev/null; then
        PG_BIN=$(dirname "$(command -v initdb)")
    else
        log "PostgreSQL is not installed: the PostGIS tests will be skipped (or fail with CI=true)"
        return 0
    fi
    PG_USER=$(id -un)
    if is_root; then
        PG_USER=postgres
        id "$PG_USER" >/dev/null 2>&1 || PG_USER=nobody
    fi
    PG_DIR=$(mktemp -d /tmp/landinv-pg.XXXXXX)
    is_root && chown "$PG_USER" "$PG_DIR"
    # cd / so the server user need not read the caller's working directory.
    (cd / && quietly as_pg_user "$PG_BIN/initdb" -D "$PG_DIR/data" -U postgres -A trust \
        -E UTF8 --locale=C --no-sync) || die "initdb failed"
    # The data directory is thrown away after the run, so durability settings
    # that only cost time are off. Crash tests kill clients, never the server.
    local port tries=0
    while :; do
        port=$(free_port)
        if (cd / && as_pg_user "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" \
                -w -t 60 -o "-p $port -k $PG_DIR -c listen_addresses=127.0.0.1 \
                -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
                start >/dev/null 2>&1); then
            break
        fi
        tries=$((tries + 1))
        if [ "$tries" -ge 3 ]; then
            cat "$PG_DIR/server.log" >&2 || true
            die "the throwaway PostgreSQL server did not start"
        fi
    done
    local psql=("$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$port" -U postgres)
    quietly "${psql[@]}" -d postgres -c "CREATE DATABASE landinv_test" \
        || die "could not create the test database"
    quietly "${psql[@]}" -d landinv_test -c "CREATE EXTENSION postgis" \
        || die "PostGIS is not available to PostgreSQL $major (install postgresql-$major-postgis-3)"
    export LANDINV_TEST_PG_URL="postgresql://postgres@127.0.0.1:$port/landinv_test"
    log "throwaway PostGIS cluster on 127.0.0.1:$port ($PG_DIR)"
}

stop_cluster() {
    [ -n "$PG_DIR" ] || return 0
    (cd / && as_pg_user "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m immediate -w stop \
        >/dev/null 2>&1) || true
    rm -rf "$PG_DIR"
}

trap stop_cluster EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

if [ "${LANDINV_SKIP_INSTALL:-}" = 1 ]; then
    select_python
else
    install_everything
fi
start_cluster

rc=0
# Static checks first (import contracts, ruff); a violation fails the run but
# the tests still run, so one report shows everything. LANDINV_SKIP_LINT=1 skips.
if [ "${LANDINV_SKIP_LINT:-}" != 1 ]; then
    PY="$PY" bash scripts/lint.sh || { log "static checks failed (see above)"; rc=1; }
fi
"$PY" -m pytest "$@" || rc=$?
if [ "$rc" = 5 ] && [ "${CI:-}" = true ]; then
    log "pytest collected no tests: failing the CI run"
    rc=1
fi
exit "$rc"

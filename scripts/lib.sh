# Helpers shared by scripts/test.sh and scripts/run-app.sh. Sourced, not run.
#
# Every step is idempotent and quiet: it checks first and only installs what is
# missing, so a second run on the same machine costs a few seconds. Output of
# apt-get and pip is kept in a log and shown only when the step fails.

LANDINV_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
LANDINV_LOG_DIR=${TMPDIR:-/tmp}

log() { printf 'landinv: %s\n' "$*" >&2; }
die() { log "$*"; exit 1; }

is_root() { [ "$(id -u)" = 0 ]; }

# Run a command with its output captured; print the output only on failure.
quietly() {
    local out
    out=$(mktemp "$LANDINV_LOG_DIR/landinv-step.XXXXXX")
    local rc=0
    "$@" >"$out" 2>&1 || rc=$?
    [ "$rc" = 0 ] || cat "$out" >&2
    rm -f "$out"
    return "$rc"
}

# Print those of the given Debian packages that are not installed.
missing_debs() {
    command -v dpkg-query >/dev/null || return 0
    local p
    for p in "$@"; do
        dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -q '^install ok installed' \
            || echo "$p"
    done
}

# Install the missing ones of the given Debian packages (root with apt-get only;
# otherwise say what is missing and carry on). apt-get update runs only when an
# install fails, e.g. on a fresh machine whose package lists are empty.
ensure_debs() {
    local missing
    missing=$(missing_debs "$@")
    [ -z "$missing" ] && return 0
    if ! is_root || ! command -v apt-get >/dev/null; then
        log "missing system packages, please install them: $(echo $missing)"
        return 0
    fi
    export DEBIAN_FRONTEND=noninteractive
    log "installing system packages: $(echo $missing)"
    # shellcheck disable=SC2086  # one word per package
    if ! apt-get install -y -qq --no-install-recommends $missing >/dev/null 2>&1; then
        quietly apt-get update -qq || die "apt-get update failed"
        quietly apt-get install -y -qq --no-install-recommends $missing \
            || die "apt-get install failed: $(echo $missing)"
    fi
}

# Major version of the newest PostgreSQL server installed, if any (Debian layout).
pg_major() {
    ls -d /usr/lib/postgresql/*/bin/initdb 2>/dev/null | sed 's#.*/postgresql/\([0-9]*\)/.*#\1#' \
        | sort -n | tail -n1
}

# Choose the Python interpreter: $PYTHON, else the project's .venv, else python3.
# A Debian system Python refuses pip installs (PEP 668), so there a .venv is made.
select_python() {
    PY=${PYTHON:-}
    if [ -z "$PY" ] && [ -x "$LANDINV_ROOT/.venv/bin/python" ]; then
        PY=$LANDINV_ROOT/.venv/bin/python
    fi
    if [ -z "$PY" ]; then
        PY=$(command -v python3 || command -v python || true)
    fi
    if [ -z "$PY" ]; then
        ensure_debs python3 python3-venv python3-pip
        PY=$(command -v python3) || die "python3 not found; install Python 3.11 or newer"
    fi
    "$PY" -c 'import sys; sys.exit(sys.version_info < (3, 11))' \
        || die "$PY is older than Python 3.11; set PYTHON=/path/to/python3.11"
    if "$PY" - <<'EOF'
import os, sys, sysconfig
managed = os.path.exists(os.path.join(sysconfig.get_path("stdlib"), "EXTERNALLY-MANAGED"))
sys.exit(0 if managed and sys.prefix == sys.base_prefix else 1)
EOF
    then
        ensure_debs python3-venv
        log "system Python is externally managed: creating $LANDINV_ROOT/.venv"
        quietly "$PY" -m venv "$LANDINV_ROOT/.venv" || die "could not create .venv"
        PY=$LANDINV_ROOT/.venv/bin/python
    fi
    export PY
}

# True when every requirement in $1 (following -r includes) is installed at a
# matching version and `import landinv` resolves to this working tree.
requirements_met() {
    (cd / && "$PY" - "$LANDINV_ROOT" "$1" <<'EOF'
import sys
from importlib import metadata
from pathlib import Path

from packaging.requirements import Requirement

root, top = Path(sys.argv[1]), Path(sys.argv[2])


def lines(path):
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.split("#", 1)[0].strip()
        if line.startswith("-r"):
            yield from lines(path.parent / line[2:].strip())
        elif line:
            yield line


for line in lines(root / top):
    req = Requirement(line)
    try:
        if not req.specifier.contains(metadata.version(req.name), prereleases=True):
            sys.exit(1)
    except metadata.PackageNotFoundError:
        sys.exit(1)
import landinv  # noqa: E402

sys.exit(0 if Path(landinv.__file__).resolve().is_relative_to(root) else 1)
EOF
    ) >/dev/null 2>&1
}

# pip install the requirements file $1 and this project (editable), if needed.
ensure_python_packages() {
    local reqs=$1
    if requirements_met "$reqs"; then
        return 0
    fi
    log "installing Python packages from $reqs"
    PIP_ROOT_USER_ACTION=ignore PIP_DISABLE_PIP_VERSION_CHECK=1 \
        quietly "$PY" -m pip install -q -r "$LANDINV_ROOT/$reqs" -e "$LANDINV_ROOT" \
        || die "pip install failed"
}

# Build the web assets when the project has an assets step.
ensure_assets() {
    [ -f "$LANDINV_ROOT/scripts/assets.sh" ] || return 0
    bash "$LANDINV_ROOT/scripts/assets.sh" || die "scripts/assets.sh failed"
}

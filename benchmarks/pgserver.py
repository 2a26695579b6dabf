"""A PostgreSQL + PostGIS server for the PostGIS figures.

Uses ``$LANDINV_BENCH_PG_URL`` or ``$LANDINV_TEST_PG_URL`` when set (a fresh
database is made on that server and dropped afterwards); otherwise starts a
throwaway cluster on loopback the way ``scripts/test.sh`` does (initdb in a
temporary folder, durability off because the data is thrown away) and removes
it at the end. Yields ``None`` when neither is possible, and the caller writes
"not measured: no server".
"""

from __future__ import annotations

import contextlib
import glob
import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator

URL_ENVS = ("LANDINV_BENCH_PG_URL", "LANDINV_TEST_PG_URL")
BENCH_DB = "landinv_bench"


def _pg_bin() -> str | None:
    found = sorted(
        glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(p.split("/")[4])
    )
    if found:
        return os.path.dirname(found[-1])
    initdb = shutil.which("initdb")
    return os.path.dirname(initdb) if initdb else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _as_server_user(cmd: list[str], user: str | None) -> list[str]:
    # initdb and postgres refuse to run as root.
    return ["runuser", "-u", user, "--", *cmd] if user else cmd


def _server_user() -> str | None:
    if os.geteuid() != 0:
        return None
    for name in ("postgres", "nobody"):
        if subprocess.run(["id", name], capture_output=True).returncode == 0:
            return name
    return None


@contextlib.contextmanager
def _fresh_database(url: str) -> Iterator[str]:
    """A new database with PostGIS on the server at ``url``; dropped afterwards."""
    import psycopg
    from sqlalchemy.engine import make_url

    base = make_url(url).set(drivername="postgresql")
    admin_url = base.render_as_string(hide_password=False)
    with psycopg.connect(admin_url, autocommit=True, connect_timeout=5) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{BENCH_DB}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{BENCH_DB}"')
    bench_url = base.set(database=BENCH_DB).render_as_string(hide_password=False)
    with psycopg.connect(bench_url, autocommit=True) as conn:
        conn.execute("CREATE EXTENSION IF NOT EXISTS postgis")
    try:
        yield bench_url
    finally:
        with psycopg.connect(admin_url, autocommit=True, connect_timeout=5) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{BENCH_DB}" WITH (FORCE)')


@contextlib.contextmanager
def postgis_server(log=print) -> Iterator[str | None]:
    """Yield a ``postgresql://`` URL of an empty PostGIS database, or ``None``.

    ``None`` comes with a logged reason; the benchmark then reports the
    PostGIS figures as not measured.
    """
    with contextlib.ExitStack() as stack:
        url = None
        try:
            url = _set_up(stack, log)
        except Exception as exc:  # noqa: BLE001 - any start-up or connection problem: say which
            log(f"PostGIS: not available: {exc}")
        yield url


def _set_up(stack: contextlib.ExitStack, log) -> str | None:
    for env in URL_ENVS:
        if os.environ.get(env, "").strip():
            url = stack.enter_context(_fresh_database(os.environ[env].strip()))
            log(f"PostGIS: using the server in ${env}")
            return url
    bin_dir = _pg_bin()
    if bin_dir is None:
        log("PostGIS: PostgreSQL is not installed and no server URL is set")
        return None
    user = _server_user()
    tmp = tempfile.mkdtemp(prefix="landinv-bench-pg.")
    stack.callback(shutil.rmtree, tmp, ignore_errors=True)
    if user:
        shutil.chown(tmp, user)
    data = os.path.join(tmp, "data")
    port = _free_port()
    ctl = os.path.join(bin_dir, "pg_ctl")
    _run(
        _as_server_user(
            [
                os.path.join(bin_dir, "initdb"),
                "-D",
                data,
                "-U",
                "postgres",
                "-A",
                "trust",
                "-E",
                "UTF8",
                "--locale=C",
                "--no-sync",
            ],
            user,
        )
    )
    opts = (
        f"-p {port} -k {tmp} -c listen_addresses=127.0.0.1 -c fsync=off "
        "-c synchronous_commit=off -c full_page_writes=off"
    )
    _run(
        _as_server_user(
            [
                ctl,
                "-D",
                data,
                "-l",
                os.path.join(tmp, "server.log"),
                "-w",
                "-t",
                "60",
                "-o",
                opts,
                "start",
            ],
            user,
        )
    )
    stack.callback(
        subprocess.run,
        _as_server_user([ctl, "-D", data, "-m", "immediate", "-w", "stop"], user),
        cwd="/",
        capture_output=True,
    )
    url = stack.enter_context(_fresh_database(f"postgresql://postgres@127.0.0.1:{port}/postgres"))
    log(f"PostGIS: throwaway cluster on 127.0.0.1:{port}")
    return url


def _run(cmd: list[str]) -> None:
    done = subprocess.run(cmd, cwd="/", capture_output=True, text=True)
    if done.returncode:
        raise RuntimeError(f"{' '.join(cmd[-8:])} failed: {done.stderr.strip()[-300:]}")

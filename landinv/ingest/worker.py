"""Run an upload check in a separate process, with a time limit.

One hostile or merely huge upload must not hold the app for every other
planner: :func:`check_upload` runs :func:`~landinv.ingest.read_upload` in a
child process that opens its own connection to the store, and stops it when
the time limit (``[upload] check_timeout_s``, default 120 s) passes. The
caller always gets an :class:`~landinv.ingest.IngestResult`: the check's own,
or one whose report refuses the upload with ``check_timeout`` (or
``check_failed`` when the check itself crashed, so a planner never sees
"Internal error" for a file). Only caller mistakes (:class:`UsageError`, e.g.
an unknown zone code) are raised, as :func:`read_upload` does.

Start method: ``fork`` is cheapest and safe while the caller runs one thread
(the CLI). A multi-threaded server (Streamlit) must not fork (a lock held by
another thread stays locked in the child), so there the worker is a fresh
``python -m landinv.ingest.worker`` fed through a pipe. multiprocessing's
``spawn`` and ``forkserver`` are not used: they re-run the parent's
``__main__`` in the child, which under Streamlit is the page script.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import multiprocessing
import os
import pickle
import subprocess
import sys
import threading
import time
import traceback
from pathlib import Path

import geopandas as gpd
import pandas as pd
import shapely

import landinv
from landinv.domain import STORE_EPSG, Config, load_config
from landinv.errors import LandinvError
from landinv.i18n import tr
from landinv.ingest.limits import LIMITS, limits_from_config
from landinv.ingest.pipeline import IngestOptions, IngestResult, empty_frame, read_upload
from landinv.ingest.report import Report

#: Environment variable forcing a start method: 'fork' or 'subprocess'.
START_ENV = "LANDINV_WORKER_START"


def store_location(store) -> str | None:
    """The location string that opens ``store`` again in another process."""
    if store is None:
        return None
    if getattr(store, "backend", "") == "gpkg":
        return str(store.path)
    if getattr(store, "backend", "") == "postgis":
        from landinv.store.postgis import DEFAULT_SCHEMA

        url = store.url
        if store.schema != DEFAULT_SCHEMA:
            url = url.update_query_dict({"schema": store.schema})
        return url.render_as_string(hide_password=False)
    raise TypeError(f"cannot reopen a store of type {type(store).__name__} in a worker")


def check_upload(
    source,
    *,
    filename: str | None = None,
    options: IngestOptions | None = None,
    store=None,
    config: Config | None = None,
    timeout: float | None = None,
    with_rows: bool = True,
) -> IngestResult:
    """:func:`~landinv.ingest.read_upload` in a worker process with a time limit.

    Parameters
    ----------
    source, filename, options, config
        As for :func:`~landinv.ingest.read_upload`.
    store : Store, optional
        The inventory; the worker opens the same location itself (read only).
    timeout : float, optional
        Seconds before the check is stopped; default the limits'
        ``check_timeout_s`` (``options.limits``, else ``[upload]`` of the config).
    with_rows : bool
        False when only the report is wanted (a dry run): the accepted rows
        then stay in the worker and the result's frame is empty (sending
        100,000 shapes back costs about half a second).

    Returns
    -------
    IngestResult

    Raises
    ------
    UsageError
        For bad options, as :func:`read_upload` raises them.
    """
    cfg = config or load_config()
    opts = options or IngestOptions()
    limits = opts.limits if opts.limits != LIMITS else limits_from_config(cfg.upload)
    limit = float(timeout if timeout is not None else limits.check_timeout_s)
    args = (source, filename, opts, store_location(store), cfg, with_rows)
    method = os.environ.get(START_ENV) or (
        "fork" if threading.active_count() == 1 else "subprocess"
    )
    started = time.monotonic()
    message = (_run_forked if method == "fork" else _run_subprocess)(args, limit)
    if message is None:
        return _refused(
            source,
            filename,
            opts,
            "check_timeout",
            "ingest_read.check_timeout",
            limit=f"{limit:g}",
            elapsed=f"{time.monotonic() - started:.0f}",
        )
    status, payload, _detail = message
    if status == "ok":
        return _unpack(payload)
    if status == "error":
        raise payload
    return _refused(
        source, filename, opts, "check_failed", "ingest_read.check_failed", detail=payload
    )


def _run_forked(args: tuple, limit: float):
    """The check in a forked child; None when it ran out of time."""
    ctx = multiprocessing.get_context("fork")
    parent, child = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_child, args=(child, *args), name="landinv-upload-check", daemon=True)
    proc.start()
    child.close()
    try:
        message = parent.recv() if parent.poll(limit) else None
    except EOFError:  # the child died without a word (killed, out of memory)
        message = ("failed", "EOFError", "")
    finally:
        parent.close()
        if message is None:
            proc.kill()
        proc.join(5)
        if proc.is_alive():
            proc.kill()
            proc.join()
    return message


#: One idle worker that has already imported the ingest code (and waits on its
#: stdin), so an upload in the app does not wait for an interpreter to start.
_spare: subprocess.Popen | None = None
_spare_lock = threading.Lock()


def _start_worker() -> subprocess.Popen:
    env = dict(os.environ)
    root = str(Path(landinv.__file__).resolve().parents[1])
    env["PYTHONPATH"] = os.pathsep.join(p for p in (root, env.get("PYTHONPATH")) if p)
    return subprocess.Popen(
        [sys.executable, "-m", "landinv.ingest.worker"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        env=env,
    )


def _take_worker() -> subprocess.Popen:
    """The warm spare if it is still alive (else a new worker); start the next spare."""
    global _spare
    with _spare_lock:
        proc = _spare if _spare is not None and _spare.poll() is None else None
        _spare = _start_worker()
    return proc or _start_worker()


def _run_subprocess(args: tuple, limit: float):
    """The check in ``python -m landinv.ingest.worker``; None when it ran out of time."""
    proc = _take_worker()
    try:
        out, _ = proc.communicate(pickle.dumps(args), timeout=limit)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.communicate()
        return None
    try:
        return pickle.loads(out)  # our own child's answer
    except (pickle.UnpicklingError, EOFError, ValueError):
        return ("failed", f"exit status {proc.returncode}", "")


def _child(conn, *args) -> None:
    """Forked worker body: send back one message."""
    conn.send(_work(*args))
    conn.close()


def _serve() -> None:
    """Subprocess worker body: arguments on stdin, one pickled message on stdout."""
    out = sys.stdout.buffer
    sys.stdout = sys.stderr  # nothing but the answer may reach the pipe
    _warm_up()
    data = sys.stdin.buffer.read()
    if not data:  # a spare whose parent went away: nothing to do
        return
    args = pickle.loads(data)
    out.write(pickle.dumps(_work(*args)))
    out.flush()


#: A one-parcel GeoJSON read once by an idle worker: GDAL's drivers, PROJ's database
#: and the CRS tables are set up then (about 1 s), not while a planner waits.
_WARM_UP = (
    b'{"type":"FeatureCollection","features":[{"type":"Feature","properties":'
    b'{"id":"W-1"},"geometry":{"type":"Polygon","coordinates":[[[118.5,28.9],'
    b"[118.501,28.9],[118.501,28.901],[118.5,28.9]]]}}]}"
)


def _warm_up() -> None:
    import landinv.store  # noqa: F401 - imported while idle, not while the clock runs

    # Warming is an optimisation, never a failure.
    with contextlib.suppress(Exception):
        read_upload(_WARM_UP, filename="warm-up.geojson")


def _work(source, filename, options, location, config, with_rows=True) -> tuple:
    """Open the store, check the upload; ('ok', result) or ('error'|'failed', ...)."""
    try:
        store = None
        if location is not None:
            from landinv.store import open_store

            store = open_store(location)  # opening never seeds: the store exists
        try:
            result = read_upload(
                source, filename=filename, options=options, store=store, config=config
            )
        finally:
            if store is not None:
                store.close()
        if not with_rows:
            result = IngestResult(empty_frame(result.report.kind), result.report)
        return ("ok", _pack(result), "")
    except LandinvError as exc:
        return ("error", exc, "")
    except Exception as exc:  # noqa: BLE001 - any crash becomes a report entry
        if os.environ.get("LANDINV_DEBUG"):
            traceback.print_exc()
        return ("failed", type(exc).__name__, "")


def _pack(result: IngestResult) -> tuple:
    """The result as plain arrays: pickling 100,000 shapely objects one by one took
    2.4 s there and back, their WKB as one array 0.7 s."""
    gdf = result.gdf
    attrs = pd.DataFrame(gdf.drop(columns=gdf.geometry.name))
    return result.report, attrs, shapely.to_wkb(gdf.geometry.values), gdf.geometry.name


def _unpack(packed: tuple) -> IngestResult:
    report, attrs, wkb, name = packed
    geometry = gpd.GeoSeries(shapely.from_wkb(wkb), index=attrs.index, crs=STORE_EPSG, name=name)
    gdf = gpd.GeoDataFrame(attrs, geometry=geometry, crs=STORE_EPSG)
    return IngestResult(gdf, report)


def _refused(
    source, filename, options: IngestOptions, code: str, message: str, **params
) -> IngestResult:
    """A result whose report refuses the upload as a whole with ``message``."""
    effective = options.effective_date or dt.date.today()
    report = Report(
        kind=options.kind,
        effective_date=str(effective),
        file_name=filename or _display_name(source),
    )
    report.refuse(code, tr(message, "zh", **params), tr(message, "en", **params))
    return IngestResult(empty_frame(options.kind), report)


def _display_name(source) -> str:
    if isinstance(source, (str, os.PathLike)):
        return Path(source).name
    if isinstance(source, dict):
        return ", ".join(sorted(Path(n).name for n in source))
    return "upload"


__all__ = ["START_ENV", "check_upload", "store_location"]

if __name__ == "__main__":
    _serve()

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
(the CLI); a multi-threaded server (Streamlit) must not fork, so there the
child comes from a ``forkserver`` that has already imported the ingest code.
"""

from __future__ import annotations

import datetime as dt
import multiprocessing
import os
import threading
import time
import traceback
from pathlib import Path

from landinv.domain import Config, load_config
from landinv.errors import LandinvError
from landinv.i18n import tr
from landinv.ingest.limits import LIMITS, limits_from_config
from landinv.ingest.pipeline import IngestOptions, IngestResult, empty_frame, read_upload
from landinv.ingest.report import Report

#: Environment variable forcing a start method ('fork', 'forkserver', 'spawn').
START_ENV = "LANDINV_WORKER_START"
_PRELOAD = ["landinv.ingest.pipeline", "landinv.store"]


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


def check_upload(source, *, filename: str | None = None, options: IngestOptions | None = None,
                 store=None, config: Config | None = None,
                 timeout: float | None = None) -> IngestResult:
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
    limits = opts.limits if opts.limits is not LIMITS else limits_from_config(cfg.upload)
    limit = float(timeout if timeout is not None else limits.check_timeout_s)
    ctx = _context()
    parent, child = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_child, name="landinv-upload-check", daemon=True,
                       args=(child, source, filename, opts, store_location(store), cfg))
    started = time.monotonic()
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
    if message is None:
        return _refused(source, filename, opts, "check_timeout", "ingest_read.check_timeout",
                        limit=f"{limit:g}", elapsed=f"{time.monotonic() - started:.0f}")
    status, payload, detail = message
    if status == "ok":
        return payload
    if status == "error":
        raise payload
    return _refused(source, filename, opts, "check_failed", "ingest_read.check_failed",
                    detail=payload)


def _context():
    method = os.environ.get(START_ENV)
    if not method:
        method = "fork" if threading.active_count() == 1 else "forkserver"
    ctx = multiprocessing.get_context(method)
    if method == "forkserver":
        ctx.set_forkserver_preload(_PRELOAD)
    return ctx


def _child(conn, source, filename, options, location, config) -> None:
    """Worker body: open the store, check the upload, send back one message."""
    try:
        store = None
        if location is not None:
            from landinv.store import open_store
            store = open_store(location, seed=False)
        try:
            result = read_upload(source, filename=filename, options=options, store=store,
                                 config=config)
        finally:
            if store is not None:
                store.close()
        message = ("ok", result, "")
    except LandinvError as exc:
        message = ("error", exc, "")
    except Exception as exc:  # noqa: BLE001 - any crash becomes a report entry
        if os.environ.get("LANDINV_DEBUG"):
            traceback.print_exc()
        message = ("failed", type(exc).__name__, "")
    conn.send(message)
    conn.close()


def _refused(source, filename, options: IngestOptions, code: str, message: str,
             **params) -> IngestResult:
    """A result whose report refuses the upload as a whole with ``message``."""
    effective = options.effective_date or dt.date.today()
    report = Report(kind=options.kind, effective_date=str(effective),
                    file_name=filename or _display_name(source))
    report.refuse(code, tr(message, "zh", **params), tr(message, "en", **params))
    return IngestResult(empty_frame(options.kind), report)


def _display_name(source) -> str:
    if isinstance(source, (str, os.PathLike)):
        return Path(source).name
    if isinstance(source, dict):
        return ", ".join(sorted(Path(n).name for n in source))
    return "upload"


__all__ = ["check_upload", "store_location", "START_ENV"]

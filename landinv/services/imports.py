"""Uploads: read and check a file (never writes), then commit it in one transaction.

The metadata an import is recorded with (file name, checksum, source CRS,
encoding, the report) is derived here once, from the check's result, so the
CLI and the app record the same import for the same file.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from landinv.domain import Config, parse_date
from landinv.errors import UsageError
from landinv.ingest import IngestOptions, IngestResult, worker
from landinv.store import Store


def check_upload(
    store: Store,
    config: Config,
    source,
    *,
    filename: str | None = None,
    options: IngestOptions | None = None,
    with_rows: bool = True,
) -> IngestResult:
    """Read and check an upload against the stored inventory; store nothing.

    Parameters
    ----------
    store : Store
    config : Config
    source : path, bytes, or mapping of name to bytes
        A file on disk (CLI), an uploaded file's bytes (app), or the parts
        of a loose shapefile.
    filename : str, optional
        The original name, for bytes.
    options : IngestOptions, optional
    with_rows : bool
        False for a dry run: only the report comes back (the frame is empty).

    Returns
    -------
    IngestResult
        The clean frame and the report; ``ok`` says whether it may be committed.
        A check that runs out of time or crashes is a refused report
        (``check_timeout`` / ``check_failed``), not an exception.
    """
    if isinstance(source, (str, Path)) and not Path(source).exists():
        raise UsageError("err.file_not_found", path=source)
    # In a worker process with a time limit ([upload] check_timeout_s): one hostile or
    # huge upload cannot hold the app for other planners, and never ends in a traceback.
    return worker.check_upload(
        source,
        filename=filename,
        options=options,
        store=store,
        config=config,
        with_rows=with_rows,
    )


def import_record(result: IngestResult) -> dict:
    """The metadata an import is recorded with: the one derivation both doors use."""
    report = result.report
    return {
        "file_name": report.file_name,
        "sha256": result.sha256,
        "source_crs": report.source_crs or "",
        "encoding": report.encoding or "",
        "report": report.to_dict(),
    }


def commit_upload(
    store: Store,
    kind: str,
    result: IngestResult,
    *,
    effective_date: dt.date | None = None,
    user: str = "",
) -> str:
    """Store a checked upload in one transaction; return its import ID.

    Raises
    ------
    ConflictError
        The file was imported before, an ID is taken, or parcels overlap
        stored ones (checked again under the write lock); nothing is stored.
    """
    return store.commit_import(
        kind,
        result.gdf,
        effective_date=parse_date(effective_date),
        user=user,
        **import_record(result),
    )

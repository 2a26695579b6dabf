"""Reading planners' uploads: safe staging, encodings, CRSs, repair, checks, report.

Public API (used by ``landinv import`` and the Upload page)::

    from landinv.ingest import read_upload, IngestOptions, IngestResult, LIMITS

    result = read_upload(path_or_bytes, filename=..., options=IngestOptions(...),
                         store=store, config=cfg)
    if result.ok:
        store.commit_import(kind, result.gdf, file_name=..., sha256=result.sha256, ...)

``read_upload`` never writes the store. See docs/ingest.md for how encodings
and CRSs are decided and for the safety limits.
"""

from landinv.ingest.limits import LIMITS, Limits
from landinv.ingest.pipeline import IngestOptions, IngestResult, empty_frame, read_upload
from landinv.ingest.report import Issue, Report

__all__ = [
    "LIMITS",
    "IngestOptions",
    "IngestResult",
    "Issue",
    "Limits",
    "Report",
    "empty_frame",
    "read_upload",
]

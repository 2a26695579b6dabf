"""The GCJ-02 step of the pipeline: offer the conversion when suspected, apply it when chosen.

Kept apart from :mod:`landinv.ingest.gcj02` (the pure transform and the
evidence) so the pipeline only gains two calls.
"""

from __future__ import annotations

import numpy as np
import shapely

from landinv.i18n import tr
from landinv.ingest import gcj02
from landinv.ingest.report import Report


def offer(decision, geoms: np.ndarray, zones, report: Report, choices: dict) -> bool:
    """Ask the caller to choose when geographic coordinates look GCJ-02-shifted.

    Returns True when a choice was recorded (the upload waits for it). Only a
    CRS the pipeline decided itself is questioned, never one the caller gave.
    """
    crs = decision.crs
    if crs is None or not crs.is_geographic or decision.method == "override":
        return False
    evidence = gcj02.suspect(geoms, zones)
    if evidence is None:
        return False
    params = {
        "before": f"{evidence['before']:.0%}",
        "after": f"{evidence['after']:.0%}",
        "shift": f"{evidence['shift_m']:.0f}",
        "label": decision.label,
    }
    choices["crs"] = [
        {
            "value": gcj02.GCJ02,
            "zh": tr("ingest_read.gcj02_choice", "zh", **params),
            "en": tr("ingest_read.gcj02_choice", "en", **params),
        },
        {
            "value": decision.label,
            "zh": tr("ingest_read.gcj02_keep", "zh", **params),
            "en": tr("ingest_read.gcj02_keep", "en", **params),
        },
    ]
    report.refuse(
        "choose_crs",
        tr("ingest_read.gcj02_suspected", "zh", **params),
        tr("ingest_read.gcj02_suspected", "en", **params),
    )
    return True


def convert(geoms: np.ndarray, present: np.ndarray, report: Report) -> np.ndarray:
    """GCJ-02 longitude/latitude moved to WGS 84, with a note saying so."""
    out = geoms.copy()
    if present.any():
        out[present] = gcj02.to_wgs84(geoms[present])
        broken = present & ~shapely.is_valid(out)
        if broken.any():  # the offset is smooth, but a sliver could fold
            out[broken] = shapely.make_valid(out[broken])
    report.note(
        "gcj02_converted",
        tr("ingest_read.gcj02_converted", "zh"),
        tr("ingest_read.gcj02_converted", "en"),
    )
    return out

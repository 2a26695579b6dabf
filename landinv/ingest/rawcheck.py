"""Checks on the raw WKB of a layer, before GEOS sees a single geometry.

One spiky polygon can hold the server for minutes: validity checking grows
quadratically on a 160,000-vertex star (issue 14). Vertices are therefore
counted from the WKB bytes -- no geometry is built -- and features or uploads
over the limits are refused before any geometry work.

Counting is cheap: a coordinate takes at least 16 bytes, so ``(len - 5) // 16``
bounds a feature's vertex count from above; only features (or an upload) whose
bound exceeds a limit have their WKB headers walked for the exact count.
"""

from __future__ import annotations

import struct

import numpy as np

from landinv.i18n import tr
from landinv.ingest.limits import Limits
from landinv.ingest.report import Report

#: WKB type codes (ISO base codes) whose body is one point / one coordinate list.
_POINT, _LINES, _RINGS = {1}, {2, 8}, {3, 17}
#: Collections: MultiPoint ... GeometryCollection, CompoundCurve, CurvePolygon,
#: MultiCurve, MultiSurface, PolyhedralSurface, TIN.
_COLLECTIONS = {4, 5, 6, 7, 9, 10, 11, 12, 15, 16}
_MAX_DEPTH = 32


def vertex_bound(wkb: np.ndarray) -> np.ndarray:
    """Upper bound of each feature's vertex count from its WKB length (0 for None)."""
    lengths = np.fromiter(
        (len(w) if w is not None else 0 for w in wkb), dtype=np.int64, count=len(wkb)
    )
    return np.maximum(lengths - 5, 0) // 16


def count_vertices(data: bytes) -> int:
    """Exact number of coordinates in one WKB (ISO or EWKB, either byte order).

    A WKB whose headers cannot be walked (truncated, unknown type, absurd
    nesting) counts as its length bound, so a hostile file cannot slip under
    the limit by breaking its own structure.
    """
    try:
        count, _end = _walk(memoryview(data), 0, 0)
        return count
    except (struct.error, ValueError, IndexError):
        return max(len(data) - 5, 0) // 16


def _walk(buf: memoryview, pos: int, depth: int) -> tuple[int, int]:
    if depth > _MAX_DEPTH:
        raise ValueError("nesting too deep")
    order = "<" if buf[pos] == 1 else ">"
    (code,) = struct.unpack_from(order + "I", buf, pos + 1)
    pos += 5
    dims = 2 + bool(code & 0x80000000) + bool(code & 0x40000000)  # EWKB Z / M flags
    if code & 0x20000000:  # EWKB SRID
        pos += 4
    code &= 0x0FFFFFFF
    base, iso = code % 1000, code // 1000
    dims += (iso in (1, 3)) + (iso in (2, 3))
    width = 8 * dims
    if base in _POINT:
        return 1, _check(buf, pos + width)
    if base in _LINES:
        (n,) = struct.unpack_from(order + "I", buf, pos)
        return n, _check(buf, pos + 4 + n * width)
    if base in _RINGS:
        (rings,) = struct.unpack_from(order + "I", buf, pos)
        pos, total = pos + 4, 0
        for _ in range(rings):
            (n,) = struct.unpack_from(order + "I", buf, pos)
            total, pos = total + n, _check(buf, pos + 4 + n * width)
        return total, pos
    if base in _COLLECTIONS:
        (parts,) = struct.unpack_from(order + "I", buf, pos)
        pos, total = pos + 4, 0
        for _ in range(parts):
            n, pos = _walk(buf, pos, depth + 1)
            total += n
        return total, pos
    raise ValueError(f"unknown WKB type {code}")


def _check(buf: memoryview, end: int) -> int:
    if end > len(buf):
        raise ValueError("WKB shorter than its counts")
    return end


def check_vertices(wkb: np.ndarray, limits: Limits, report: Report, ref) -> np.ndarray | None:
    """Refuse features over the per-feature vertex limit, or the whole upload.

    Parameters
    ----------
    wkb : array of bytes or None
    limits : Limits
    report : Report
    ref : callable
        ``ref(i)`` gives the feature number and ID for a report entry.

    Returns
    -------
    ndarray of bool or None
        Features refused here (to be skipped by every later step), or None
        when the whole upload is over the per-upload limit (refused; stop).
    """
    bound = vertex_bound(wkb)
    per_feature = limits.max_vertices_per_feature
    counts = bound.copy()
    suspect = np.flatnonzero(bound > per_feature)
    if bound.sum() > limits.max_vertices_per_upload:
        suspect = np.flatnonzero(bound > 0)
    for i in suspect:
        counts[i] = count_vertices(wkb[i])
    total = int(counts.sum())
    if total > limits.max_vertices_per_upload:
        params = {"n": f"{total:,}", "limit": f"{limits.max_vertices_per_upload:,}"}
        report.refuse(
            "too_many_vertices_upload",
            tr("ingest_read.too_many_vertices_upload", "zh", **params),
            tr("ingest_read.too_many_vertices_upload", "en", **params),
        )
        return None
    refused = counts > per_feature
    for i in np.flatnonzero(refused):
        params = {"n": f"{int(counts[i]):,}", "limit": f"{per_feature:,}"}
        report.refuse(
            "too_many_vertices",
            tr("ingest_read.too_many_vertices", "zh", **params),
            tr("ingest_read.too_many_vertices", "en", **params),
            **ref(i),
        )
    return refused

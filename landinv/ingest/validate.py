"""Per-feature checks: geometry clean-up, zones, duplicates, overlaps, areas.

Each function records what it finds in a :class:`~landinv.ingest.report.Report`
and returns which features survive, so one bad polygon never stops the rest of
the file from being read and reported.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd
import shapely

from landinv import i18n
from landinv.domain import M2_PER_MU
from landinv.geometry import overlaps, polygon_parts
from landinv.ingest.parallel import split_map
from landinv.ingest.report import Report, pair, submsg

#: Share of the smaller polygon two parcels may share before it counts as an
#: overlap (0.1 %): shared edges and survey slivers do not, double counting does.
OVERLAP_TOLERANCE = 0.001
#: Declared and computed areas may differ by this share before it is flagged.
AREA_TOLERANCE = 0.01

_POLYGONAL = {"Polygon", "MultiPolygon"}


class FeatureRef:
    """How to name feature ``i`` in an issue: its 1-based number and its ID.

    ``ids`` may be a callable giving the list: the IDs are then looked up when
    the first issue is named (a shapefile's attributes may still be being
    read while its geometry is checked; most uploads name no feature at all).
    """

    def __init__(self, ids: list[str | None] | Callable[[], list] | None = None):
        self._ids = ids

    @property
    def ids(self) -> list[str | None] | None:
        if callable(self._ids):
            self._ids = self._ids()
        return self._ids

    def __call__(self, i: int) -> dict:
        ids = self.ids
        object_id = ids[i] if ids is not None and i < len(ids) else None
        return {"feature": int(i) + 1, "object_id": object_id}

    def label(self, i: int) -> str:
        """``#3 XD-003`` (number and ID) for naming another feature in a message."""
        where = self(i)
        return f"#{where['feature']}" + (f" {where['object_id']}" if where["object_id"] else "")


@dataclass
class Parsed:
    """An upload's geometries as parsed, before clean-up (see :func:`parse_geometries`)."""

    geoms: np.ndarray  # shapely geometries (None where null or unreadable), 2D
    present: np.ndarray  # bool: the record had geometry bytes (and was not skipped)
    unreadable: np.ndarray  # bool: GEOS refused the bytes as written (re-read with 'fix')
    skip: np.ndarray | None = None  # bool: already refused, never parsed nor reported again

    def usable(self) -> np.ndarray:
        """Mask of the geometries that exist and are not empty (for CRS decisions)."""
        return ~shapely.is_missing(self.geoms) & ~shapely.is_empty(self.geoms)

    def with_geoms(self, geoms: np.ndarray) -> Parsed:
        """The same record flags with other geometries (e.g. reprojected)."""
        return Parsed(geoms, self.present, self.unreadable, self.skip)


def parse_geometries(wkb: np.ndarray, report: Report, skip: np.ndarray | None = None) -> Parsed:
    """Parse WKB (closing unclosed rings) and drop Z and M, reported once.

    Features in ``skip`` (already refused, e.g. too many vertices) are not parsed.
    """
    n = len(wkb)
    present = np.array([w is not None for w in wkb], dtype=bool)
    if skip is not None:
        present &= ~skip
    geoms = np.empty(n, dtype=object)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        geoms[present] = shapely.from_wkb(wkb[present], on_invalid="ignore")
        unreadable = present & shapely.is_missing(geoms)
        if unreadable.any():
            # Unclosed rings are closed by 'fix'; rings too short stay short.
            geoms[unreadable] = shapely.from_wkb(wkb[unreadable], on_invalid="fix")
    extra = (shapely.has_z(geoms) | shapely.has_m(geoms)) & ~shapely.is_missing(geoms)
    if extra.any():
        geoms = shapely.force_2d(geoms)
        report.fix("z_dropped", n=int(extra.sum()))
    return Parsed(geoms, present, unreadable, skip)


def clean_geometries(
    wkb: np.ndarray, report: Report, ref: FeatureRef, skip: np.ndarray | None = None
) -> np.ndarray:
    """Parse WKB and turn every feature into a valid MultiPolygon or ``None``.

    :func:`parse_geometries` then :func:`clean_parsed`; features in ``skip``
    are neither parsed nor reported (they were refused already).
    """
    return clean_parsed(parse_geometries(wkb, report, skip), report, ref)


def clean_parsed(parsed: Parsed, report: Report, ref: FeatureRef) -> np.ndarray:
    """Turn every parsed feature into a valid MultiPolygon or ``None`` (see
    :func:`clean_and_measurable`)."""
    return clean_and_measurable(parsed, report, ref)[0]


def clean_and_measurable(
    parsed: Parsed, report: Report, ref: FeatureRef
) -> tuple[np.ndarray, np.ndarray]:
    """Turn every parsed feature into a valid MultiPolygon or ``None``.

    Also returns the shapes to measure areas on: a valid Polygon as it was
    read (before it is wrapped into its MultiPolygon), else the cleaned
    shape. A Polygon takes :func:`~landinv.geometry.area_m2`'s shoelace path
    on the coordinate array, a MultiPolygon the slower shapely path; the areas
    agree up to the last bits.

    Null, empty, non-polygonal and degenerate geometries are rejected per
    feature (``None``); invalid ones are repaired with ``make_valid`` (polygon
    parts kept) and reported as fixed. This is the one validity pass of an
    upload: the pipeline runs it on the reprojected shapes, so anything the
    reprojection bent is caught here too.
    """
    geoms, present, unreadable = parsed.geoms, parsed.present, parsed.unreadable
    out = np.empty(len(geoms), dtype=object)
    # Fast path: valid (Multi)Polygons need no per-feature work; a valid ring
    # always has at least 4 coordinates and a valid polygon positive area.
    types = shapely.get_type_id(geoms)
    candidates = present & ~unreadable & np.isin(types, (3, 6)) & ~shapely.is_empty(geoms)
    simple = candidates.copy()
    simple[candidates] = split_map(shapely.is_valid, geoms[candidates])
    single = np.flatnonzero(simple & (types == 3))
    if len(single):
        out[single] = shapely.multipolygons(geoms[single], indices=np.arange(len(single)))
    multi = simple & (types == 6)
    out[multi] = geoms[multi]
    todo = ~simple if parsed.skip is None else ~simple & ~parsed.skip
    for i in np.flatnonzero(todo):
        out[i] = _clean_one(geoms[i], present[i], bool(unreadable[i]), report, ref(i))
    measurable = out.copy()
    measurable[single] = geoms[single]
    return out, measurable


def _clean_one(geom, present: bool, reparsed: bool, report: Report, where: dict):
    if present and geom is None:
        report.refuse("unreadable_geometry", **where)
        return None
    if not present:
        report.refuse("null_geometry", **where)
        return None
    if not np.isfinite(shapely.get_coordinates(geom)).all():
        # NaN/Infinity (GeoJSON allows the tokens through GDAL): GEOS cannot repair them.
        report.refuse("ingest_read.nonfinite_coordinates", **where)
        return None
    if geom.is_empty:
        report.refuse("empty_geometry", **where)
        return None
    kind = geom.geom_type
    if kind not in _POLYGONAL and kind != "GeometryCollection":
        what = submsg(f"ingest.geom.{kind}") if i18n.has(f"ingest.geom.{kind}") else kind
        report.refuse("not_polygon", what=what, **where)
        return None
    if kind == "GeometryCollection":
        parts = polygon_parts(geom)
        if parts is None:
            report.refuse("not_polygon", msg="ingest.collection_no_polygon", **where)
            return None
        report.fix("non_polygon_parts_dropped", **where)
        geom = parts
    geom, dropped, kept = _drop_short_rings(geom)
    if dropped and not kept:
        report.refuse("ring_too_few_points", **where)
        return None
    if dropped:
        report.fix("short_ring_dropped", n=dropped, **where)
    if reparsed:
        report.fix("ring_closed", **where)
    if not geom.is_valid:
        reason = shapely.is_valid_reason(geom)
        repaired = polygon_parts(shapely.make_valid(geom))
        if repaired is None or repaired.area == 0:
            report.refuse("no_area", msg="ingest.invalid_no_area", reason=reason, **where)
            return None
        report.fix("geometry_repaired", reason=reason, **where)
        geom = repaired
    result = polygon_parts(geom)
    if result is None or result.area == 0:
        report.refuse("no_area", **where)
        return None
    return result


def _drop_short_rings(geom):
    """Remove rings with fewer than 4 coordinates; return (geom, n_dropped, n_polys_kept)."""
    polys = list(geom.geoms) if geom.geom_type == "MultiPolygon" else [geom]
    kept, dropped = [], 0
    for poly in polys:
        shell = poly.exterior
        holes = list(poly.interiors)
        if len(shell.coords) < 4:
            dropped += 1 + len(holes)
            continue
        good = [h for h in holes if len(h.coords) >= 4]
        dropped += len(holes) - len(good)
        kept.append(poly if len(good) == len(holes) else shapely.Polygon(shell, good))
    if not dropped:
        return geom, 0, len(kept)
    return (shapely.MultiPolygon(kept) if kept else None), dropped, len(kept)


# -- zones ---------------------------------------------------------------------


def locate_zones(geoms: np.ndarray, zones) -> np.ndarray:
    """Zone code holding the largest share of each geometry (None when outside all).

    ``geoms`` and ``zones`` are in EPSG:4490; null geometries give None.
    """
    out = np.full(len(geoms), None, dtype=object)
    if zones is None or not len(zones) or not len(geoms):
        return out
    zone_geoms = np.asarray(zones.geometry.values, dtype=object)
    codes = np.asarray(zones["code"].values, dtype=object)
    tree = shapely.STRtree(zone_geoms)
    present = ~shapely.is_missing(geoms)
    left, right = tree.query(geoms[present], predicate="intersects")
    if not len(left):
        return out
    idx = np.flatnonzero(present)[left]
    shared = shapely.area(shapely.intersection(geoms[idx], zone_geoms[right]))
    best: dict[int, tuple[float, str]] = {}
    for i, j, a in zip(idx, right, shared):
        if a > 0 and a > best.get(int(i), (0.0, ""))[0]:
            best[int(i)] = (float(a), codes[j])
    for i, (_, code) in best.items():
        out[i] = code
    return out


# -- duplicates and overlaps -----------------------------------------------------


def find_duplicate_ids(ids: list[str | None]) -> dict[str, list[int]]:
    """``{id: [positions]}`` of IDs used more than once (blank IDs ignored)."""
    given = pd.Series(ids, dtype=object)
    # Only the few repeated IDs are grouped in Python (the loop was 0.5 s at 100k).
    repeated = np.flatnonzero(given.duplicated(keep=False).to_numpy())
    seen: dict[str, list[int]] = {}
    for i in repeated.tolist():
        value = ids[i]
        if value:
            seen.setdefault(value, []).append(i)
    return {k: v for k, v in seen.items() if len(v) > 1}


def overlaps_within(geoms: np.ndarray) -> list[tuple[int, int, float]]:
    """Pairs ``(i, j, share)`` with i < j of features of one file that overlap."""
    return [
        (i, j, f) for i, j, f in overlaps(geoms, geoms, min_area_ratio=OVERLAP_TOLERANCE) if i < j
    ]


def overlaps_with(geoms: np.ndarray, existing: np.ndarray) -> list[tuple[int, int, float]]:
    """Pairs ``(i, j, share)``: new feature i overlaps stored feature j."""
    return overlaps(geoms, existing, min_area_ratio=OVERLAP_TOLERANCE)


def area_mismatch(declared: float | None, computed: float) -> float | None:
    """Relative difference when above :data:`AREA_TOLERANCE`, else None."""
    if declared is None or declared <= 0 or computed <= 0:
        return None
    diff = (declared - computed) / computed
    return diff if abs(diff) > AREA_TOLERANCE else None


def describe_area(m2: float) -> dict:
    """An area in m² and mu as a message parameter (``1,234.5 m² (1.85 mu)``)."""
    return submsg("ingest.area_value", m2=f"{m2:,.1f}", mu=f"{m2 / M2_PER_MU:,.2f}")


def assign_zones(
    zone_codes: list,
    geoms: np.ndarray,
    zones,
    cfg,
    allow_outside: bool,
    report: Report,
    ref: FeatureRef,
    *,
    caller_zone: bool = False,
) -> None:
    """Fill blank zones from the boundaries (in place); refuse features outside every zone.

    ``caller_zone``: the zones are the caller's value for the whole file (a
    shape lying in another zone is then worded as such).

    Without boundaries (no store) a blank zone cannot be derived and is refused.
    """
    n = len(geoms)
    # A zone value already refused as unknown is neither filled in nor refused twice.
    unknown = {i.feature - 1 for i in report.must_fix if i.code == "unknown_zone"}
    if zones is None or not len(zones):
        report.note("no_zone_boundaries")
        for i in range(n):
            if zone_codes[i] is None and geoms[i] is not None and i not in unknown:
                report.refuse("missing_zone", **ref(i))
        return
    located = locate_zones(geoms, zones)
    names = {z.code: (z.name_zh, z.name_en) for z in cfg.zones}
    from_boundary = 0
    for i in range(n):
        if geoms[i] is None:
            continue
        where = located[i]
        if where is None:
            _outside(allow_outside, report, ref(i))
            continue
        given = zone_codes[i]
        if i in unknown:
            continue
        if given is None:
            zone_codes[i] = where
            from_boundary += 1
        elif given != where:
            report.warn(
                "zone_mismatch",
                given=pair(*names.get(given, (given, given))),
                where=pair(*names.get(where, (where, where))),
                msg="ingest.zone_mismatch_caller" if caller_zone else "",
                **ref(i),
            )
    if from_boundary:
        report.note("zone_from_boundaries", n=from_boundary)


def _outside(allow: bool, report: Report, where: dict) -> None:
    if allow:
        report.warn("outside_zones", msg="ingest.outside_zones_accepted", **where)
        return
    report.refuse("outside_zones", **where)


def check_duplicates_and_overlaps(
    kind: str, ids: list, geoms: np.ndarray, report: Report, ref: FeatureRef, *, pairs=None
) -> None:
    """Refuse every feature whose ID repeats, and both features of an overlapping pair.

    ``pairs`` is ``overlaps_within(geoms[present])`` when already computed (in a
    worker thread, while the rows were built).
    """
    for value, positions in find_duplicate_ids(ids).items():
        listed = ", ".join(f"#{p + 1}" for p in positions)
        for p in positions:
            report.refuse(
                "duplicate_id_in_file", id=value, n=len(positions), listed=listed, **ref(p)
            )
    present = np.flatnonzero(~shapely.is_missing(geoms))
    what = submsg("ingest.what_parcel" if kind == "parcels" else "ingest.what_building")
    for a, b, share in overlaps_within(geoms[present]) if pairs is None else pairs:
        i, j = int(present[a]), int(present[b])
        for me, other in ((i, j), (j, i)):
            label = ref.label(other)
            report.refuse(
                "overlap_in_file", what=what, other=label, share=f"{share:.1%}", **ref(me)
            )

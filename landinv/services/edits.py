"""Correcting a stored parcel (attributes, outline) and reading its history with who/when/why.

Every edit is a new version from its date, logged in ``changes`` (action
``edit``) with the editor, the time and the reason; the old version stays. A
new outline is checked before it is stored: one valid polygon (or several),
inside the development zone's sub-areas (in the parcel's zone), overlapping no
other parcel in stock on that date; the store recomputes its area.
"""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import shapely

from landinv.domain import PARCELS, STORE_EPSG, Config, parse_date
from landinv.errors import UsageError
from landinv.geometry import overlaps, to_multipolygons
from landinv.i18n import tr
from landinv.ingest.validate import OVERLAP_TOLERANCE, locate_zones
from landinv.schema import header
from landinv.services.inventory import resolve_zone
from landinv.store import Store

#: Share of an outline that may lie outside every zone (survey slivers on the boundary).
OUTSIDE_TOLERANCE = 0.001


def parse_outline(text: str):
    """A geometry from GeoJSON (a geometry, a Feature or a FeatureCollection of one) or WKT.

    Coordinates are longitude/latitude in EPSG:4490 (what the map's drawing tool gives).

    Raises
    ------
    UsageError
        ``err.chg_outline_unreadable`` for anything else.
    """
    text = (text or "").strip()
    try:
        if text.startswith("{"):
            data = json.loads(text)
            if data.get("type") == "FeatureCollection":
                feats = data.get("features") or []
                if len(feats) != 1:
                    raise ValueError("one feature expected")
                data = feats[0]
            if data.get("type") == "Feature":
                data = data.get("geometry")
            return shapely.geometry.shape(data)
        return shapely.from_wkt(text)
    except Exception:  # noqa: BLE001 - any unreadable text gets the same message
        raise UsageError("err.chg_outline_unreadable") from None


def check_outline(store: Store, parcel_id: str, geometry, *, zone: str, date) -> object:
    """Check a new outline of ``parcel_id``; return it as a MultiPolygon (EPSG:4490).

    Raises
    ------
    UsageError
        Not a valid polygon (``err.chg_outline_invalid``), outside every zone
        or in another zone than ``zone`` (``err.chg_outline_outside``,
        ``err.chg_outline_zone``), overlapping stored parcels
        (``err.chg_outline_overlap``, naming them).
    """
    if (
        geometry is None
        or geometry.is_empty
        or geometry.geom_type not in ("Polygon", "MultiPolygon")
    ):
        raise UsageError(
            "err.chg_outline_invalid", parcel=parcel_id, reason=getattr(geometry, "geom_type", "-")
        )
    if not geometry.is_valid:
        raise UsageError(
            "err.chg_outline_invalid", parcel=parcel_id, reason=shapely.is_valid_reason(geometry)
        )
    lon_min, lat_min, lon_max, lat_max = geometry.bounds
    if not (-180 <= lon_min <= lon_max <= 180 and -90 <= lat_min <= lat_max <= 90):
        raise UsageError("err.chg_outline_invalid", parcel=parcel_id, reason="lon/lat")
    shape = to_multipolygons(np.array([geometry], dtype=object))[0]
    zones = store.zones()
    if len(zones):
        inside = shapely.union_all(np.asarray(zones.geometry.values, dtype=object))
        outside = shape.difference(inside).area / shape.area if shape.area else 1.0
        if outside > OUTSIDE_TOLERANCE:
            raise UsageError("err.chg_outline_outside", parcel=parcel_id, share=f"{outside:.0%}")
        where = locate_zones(np.array([shape], dtype=object), zones)[0]
        if where is not None and zone and where != zone:
            raise UsageError("err.chg_outline_zone", parcel=parcel_id, zone=zone, found=where)
    others = store.layer(PARCELS, parse_date(date))
    others = others[others["parcel_id"].astype("string") != str(parcel_id)]
    if len(others):
        if others.crs is not None and others.crs.to_epsg() != STORE_EPSG:
            others = others.to_crs(STORE_EPSG)
        hits = overlaps(
            np.array([shape], dtype=object),
            np.asarray(others.geometry.values, dtype=object),
            min_area_ratio=OVERLAP_TOLERANCE,
        )
        if hits:
            ids = sorted({str(others["parcel_id"].iloc[j]) for _, j, _ in hits})
            raise UsageError(
                "err.chg_outline_overlap", parcel=parcel_id, others=", ".join(ids[:10])
            )
    return shape


def edit_parcel(
    store: Store,
    config: Config,
    parcel_id: str,
    *,
    reason: str,
    date=None,
    user: str = "",
    fields: dict | None = None,
    outline=None,
) -> dict:
    """Correct a parcel's attributes and/or outline as a new version from ``date``.

    Parameters
    ----------
    fields : dict, optional
        New ``name``, ``land_use_code``, ``project`` or ``zone`` (code or name).
    outline : shapely geometry or str, optional
        The new outline (lon/lat, EPSG:4490), or its GeoJSON/WKT text.

    Returns
    -------
    dict
        ``changed`` (column names) and ``change_id``.
    """
    date = parse_date(date)
    fields = {k: v for k, v in (fields or {}).items() if v is not None}
    if "zone" in fields:
        fields["zone"] = resolve_zone(config, fields["zone"]) or None
        if fields["zone"] is None:
            raise UsageError("err.chg_edit_zone_blank", parcel=parcel_id)
    if "land_use_code" in fields:
        # Codes are text: '0601' must stay '0601'.
        fields["land_use_code"] = str(fields["land_use_code"]).strip()
    geometry = None
    if outline is not None:
        if isinstance(outline, str):
            outline = parse_outline(outline)
        zone = fields.get("zone") or _current_zone(store, parcel_id, date)
        geometry = check_outline(store, parcel_id, outline, zone=zone, date=date)
    return store.edit_parcel(
        str(parcel_id).strip(),
        date=date,
        user=user,
        reason=reason,
        fields=fields,
        geometry=geometry,
    )


def field_label(name: str, lang: str = "zh") -> str:
    """Header of a parcel column in ``lang``; ``geometry`` is the outline."""
    return tr("chg.outline", lang) if name == "geometry" else header(name, lang)


def _current_zone(store: Store, parcel_id: str, date) -> str:
    rows = store.layer(PARCELS, date, geometry=False)
    rows = rows[rows["parcel_id"].astype("string") == str(parcel_id)]
    if len(rows) == 0:
        raise UsageError("err.chg_no_parcel_on", parcel=parcel_id, date=str(date))
    return str(rows["zone"].iloc[-1] or "")


#: Columns compared between consecutive versions to say what an act changed.
_COMPARED = ("name", "zone", "category", "status", "project", "land_use_code", "area_m2")


def parcel_history(store: Store, parcel_id: str) -> pd.DataFrame:
    """Every stored version of a parcel, oldest first, each with the act that made it.

    A version is matched to the change-log row of its parcel and start date
    (in the order both were written); the first version to its import. A
    version closed on the day it started never took effect (a corrected
    supply, or a same-day edit) and is flagged ``in_effect = False``.

    Returns
    -------
    DataFrame
        The version's columns (no geometry) plus ``action`` (``import``,
        ``supply``, ``correct_supply``, ``take_back``, ``edit``,
        ``reclassify``...), ``user_name``, ``created_at``, ``reason``,
        ``changed`` (columns that differ from the previous version, comma
        separated) and ``in_effect``.
    """
    versions = store.layer(PARCELS, None)
    versions = versions[versions["parcel_id"].astype("string") == str(parcel_id)]
    versions = versions.sort_values("fid").reset_index(drop=True)
    log = store.changes()
    mine = log[
        (log["object_id"].astype("string") == str(parcel_id)) & (log["kind"] == PARCELS)
    ].sort_values("change_id")
    imports = store.imports().set_index("import_id") if len(store.imports()) else None
    queue: dict[str, list[dict]] = {}
    for rec in mine.to_dict("records"):
        queue.setdefault(str(rec["date"]), []).append(rec)
    rows = []
    previous = None
    for i, version in enumerate(versions.to_dict("records")):
        act = queue.get(str(version["valid_from"]), [])
        rec = act.pop(0) if (i > 0 and act) else None
        if rec is not None:
            action, who, when, why = (
                rec["action"],
                rec["user_name"],
                rec["created_at"],
                rec["note"],
            )
        else:
            action, who, when, why = "import", None, None, None
            if imports is not None and version["import_id"] in imports.index:
                imp = imports.loc[version["import_id"]]
                who, when, why = imp["user_name"], imp["created_at"], imp["file_name"]
        changed = []
        if previous is not None:
            changed = [c for c in _COMPARED if not _same(previous[c], version[c])]
            if not previous["geometry"].equals(version["geometry"]):
                changed.insert(0, "geometry")
        rows.append(
            {
                **{k: v for k, v in version.items() if k != "geometry"},
                "action": action,
                "user_name": who,
                "created_at": when,
                "reason": why,
                "changed": ", ".join(changed),
                "in_effect": not (
                    version["valid_to"] is not None and version["valid_to"] == version["valid_from"]
                ),
            }
        )
        previous = version
    return pd.DataFrame(rows)


def _same(a, b) -> bool:
    a, b = (None if _missing(v) else v for v in (a, b))
    if isinstance(a, float) or isinstance(b, float):
        try:
            return abs(float(a) - float(b)) < 1e-6
        except (TypeError, ValueError):
            return False
    return (a or None) == (b or None)


def _missing(value) -> bool:
    return value is None or (isinstance(value, float) and np.isnan(value))

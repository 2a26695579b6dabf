"""Parcels from a CAD drawing (DXF): closed polylines and hatches, IDs from the text inside.

GDAL's DXF driver hands over one ``entities`` layer mixing everything drawn:
closed polylines come as LineStrings whose ends meet, hatches as Polygons,
texts (TEXT/MTEXT) as Points with a ``Text`` field, block inserts already
exploded. Planning offices draw a parcel as a closed polyline on a boundary
layer, often hatched too, with its number written inside. So:

- a closed polyline (first point = last, at least 4 points) or a hatch is a
  parcel; a hatch that repeats a polyline's outline is the same parcel (kept once);
- open lines, points, and texts are not parcels (counted in a note);
- a parcel's ID is the one text inside it (field ``BH``, which the field mapper
  takes as the ID); none or several texts leave it blank, and that feature is
  refused by the usual ID check, never guessed;
- the CAD layer name and entity handle are kept as fields ``CAD_LAYER`` and
  ``CAD_HANDLE`` so a planner can find a refused shape in the drawing.

A DXF carries no coordinate system: it is decided from the coordinates, as for
a shapefile without a ``.prj`` (Gauss-Kruger with the zone number, or a choice).
"""

from __future__ import annotations

import warnings

import numpy as np
import pyogrio
import pyogrio.errors
import shapely

from landinv.i18n import tr
from landinv.ingest.shapefile_read import gdal_errors

#: Fields of the layer handed to the pipeline.
ID_FIELD, LAYER_FIELD, HANDLE_FIELD = "BH", "CAD_LAYER", "CAD_HANDLE"


def read_dxf(path, label: str):
    """Read a DXF's parcels as a :class:`~landinv.ingest.reading.RawLayer`.

    Raises
    ------
    IngestError
        When GDAL cannot read the drawing.
    """
    from landinv.ingest.reading import RawLayer

    with gdal_errors(label), warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        meta, _fids, wkb, columns = pyogrio.raw.read(path)
    fields = [str(f) for f in meta["fields"]]
    attrs = dict(zip(fields, columns))
    n = len(wkb) if wkb is not None else len(columns[0]) if columns else 0
    none = np.full(n, None, dtype=object)
    texts = attrs.get("Text", none)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        geoms = shapely.from_wkb(
            np.asarray(wkb if wkb is not None else none, dtype=object), on_invalid="ignore"
        )
    parcels, kinds = _parcels(geoms)
    keep = np.flatnonzero(parcels != None)  # noqa: E711 - elementwise on an object array
    keep = _drop_repeated_outlines(parcels, kinds, keep)
    shapes = parcels[keep]
    label_points = np.flatnonzero(
        (shapely.get_type_id(geoms) == 0) & np.array([_has_text(t) for t in texts], dtype=bool)
    )
    ids = _ids_from_texts(shapes, geoms[label_points], texts[label_points])
    layer_names = np.asarray(attrs.get("Layer", none), dtype=object)[keep]
    handles = np.asarray(attrs.get("EntityHandle", none), dtype=object)[keep]
    counts = {
        "polylines": int(np.sum(kinds[keep] == "polyline")),
        "hatches": int(np.sum(kinds[keep] == "hatch")),
        "repeats": int(np.sum(parcels != None)) - len(keep),  # noqa: E711
        "other": n - int(np.sum(parcels != None)),  # noqa: E711
        "with_id": sum(1 for i in ids if i is not None),
        "parcels": len(keep),
    }
    note = (
        "dxf_read",
        tr("ingest_read.dxf_read", "zh", **counts),
        tr("ingest_read.dxf_read", "en", **counts),
    )
    out_wkb = (
        np.asarray(shapely.to_wkb(shapes), dtype=object)
        if len(shapes)
        else np.empty(0, dtype=object)
    )
    return RawLayer(
        out_wkb,
        [ID_FIELD, LAYER_FIELD, HANDLE_FIELD],
        [np.asarray(ids, dtype=object), layer_names, handles],
        None,
        [note],
    )


def _has_text(value) -> bool:
    return isinstance(value, str) and bool(value.strip())


def _parcels(geoms: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Each entity as a polygon (or None), and what it was drawn as."""
    out = np.full(len(geoms), None, dtype=object)
    kinds = np.full(len(geoms), "", dtype=object)
    types = shapely.get_type_id(geoms)
    areal = np.flatnonzero(np.isin(types, (3, 6)))
    out[areal], kinds[areal] = geoms[areal], "hatch"
    lines = np.flatnonzero(types == 1)
    closed = lines[
        shapely.is_closed(geoms[lines]) & (shapely.get_num_coordinates(geoms[lines]) >= 4)
    ]
    if len(closed):
        sizes = shapely.get_num_coordinates(geoms[closed])
        rings = shapely.linearrings(
            shapely.get_coordinates(geoms[closed]), indices=np.repeat(np.arange(len(closed)), sizes)
        )
        out[closed] = shapely.polygons(rings)
        kinds[closed] = "polyline"
    return out, kinds


def _drop_repeated_outlines(parcels, kinds, keep: np.ndarray) -> np.ndarray:
    """Keep one of a polyline and a hatch drawn on the same outline."""
    if len(keep) < 2:
        return keep
    shapes = shapely.normalize(parcels[keep].astype(object))
    left, right = shapely.STRtree(shapes).query(shapes)  # boxes only: no topology on raw CAD
    pair = left < right
    left, right = left[pair], right[pair]
    # equals_exact compares vertices without GEOS topology, so invalid shapes cannot raise.
    scale = float(np.abs(shapely.bounds(shapes)).max()) or 1.0
    same = shapely.equals_exact(shapes[left], shapes[right], tolerance=scale * 1e-12)
    left, right = left[same], right[same]
    drop = set()
    for a, b in zip(left.tolist(), right.tolist()):
        if a < b and a not in drop:
            # Prefer the polyline (the drawn boundary) over the hatch filling it.
            drop.add(a if kinds[keep[a]] == "hatch" and kinds[keep[b]] != "hatch" else b)
    return np.array([k for i, k in enumerate(keep) if i not in drop], dtype=int)


def _ids_from_texts(shapes: np.ndarray, points: np.ndarray, texts: np.ndarray) -> list:
    """The single text inside each shape, else None."""
    ids = [None] * len(shapes)
    if not len(shapes) or not len(points):
        return ids
    tree = shapely.STRtree(points)
    shape_idx, point_idx = tree.query(shapes, predicate="contains")
    found: dict[int, list[str]] = {}
    for s, p in zip(shape_idx.tolist(), point_idx.tolist()):
        found.setdefault(s, []).append(str(texts[p]).strip())
    for s, values in found.items():
        if len(set(values)) == 1:
            ids[s] = values[0]
    return ids

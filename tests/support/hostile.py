"""Hostile texts for the markdown-injection tests (issue 14, item 1); holds no tests.

Each would, if rendered as markdown, fetch a URL, make a live link, turn
italic, decode an entity, typeset LaTeX or inject HTML. :func:`seed_hostile`
stores them as parcel IDs, names and projects (an upload named like one of
them, then a supply with a hostile project) through the services the app
uses, so every page has hostile data to show.
"""

from __future__ import annotations

import io
import json
import zipfile

import shapely
from shapely.geometry import box, mapping

#: The beacon the hostile markdown would make a browser fetch (nothing listens there).
BEACON = "127.0.0.1:9"
HOSTILE = (
    f"![t](http://{BEACON}/track.png)",
    f"x](http://{BEACON}/phish) click [here",
    "{{7*7}}",
    "&lt;b&gt;",
    "$x^2$",
    "<img src=x onerror=alert(1)>",
)
#: Hostile parcel names (none contains an ID above, so a search for an ID finds one parcel).
NAMES = (
    "**bold name**",
    f"[name](http://{BEACON}/n)",
    "_it_ name",
    "`code` name",
    ":material/home: name",
    "<b>name</b>",
)
#: The hostile parcel whose project is set by a supply.
SUPPLIED = HOSTILE[2]


def hostile_geojson(square) -> bytes:
    """One parcel per hostile text inside ``square``: ID, name and project all hostile."""
    x0, y0, x1, _y1 = square.bounds
    width = (x1 - x0) / len(HOSTILE)
    features = []
    for i, text in enumerate(HOSTILE):
        shape = box(
            x0 + i * width + width * 0.05, y0, x0 + (i + 1) * width - width * 0.05, square.bounds[3]
        )
        features.append(
            {
                "type": "Feature",
                "geometry": mapping(shape),
                "properties": {
                    "parcel_id": text,
                    "name": NAMES[i],
                    "zone": "xindu",
                    "category": "ready",
                    "project": text,
                },
            }
        )
    return json.dumps({"type": "FeatureCollection", "features": features}).encode("utf-8")


def hostile_zip(square) -> bytes:
    """A zip with two GeoJSON members under hostile folder and file names (the
    report lists them and asks which to read)."""
    buffer = io.BytesIO()
    data = hostile_geojson(square)
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(f"{HOSTILE[2]}/{HOSTILE[5]}.geojson", data)
        archive.writestr(f"{HOSTILE[4]}.geojson", data)
    return buffer.getvalue()


def seed_hostile(store_path, date) -> shapely.Geometry:
    """Import the hostile parcels into the store at ``store_path`` (effective
    ``date``) and supply one of them to a hostile project; returns the square
    they fill."""
    from landinv.domain import load_config
    from landinv.services import changes, imports
    from landinv.store import open_store
    from tests.support.app import free_square

    store = open_store(str(store_path))
    try:
        config = load_config()
        square = free_square(store, "xindu", 0.003)
        result = imports.check_upload(
            store, config, hostile_geojson(square), filename=f"{HOSTILE[0]}.geojson"
        )
        assert result.ok, [i.text("en") for i in result.report.must_fix]
        imports.commit_upload(store, "parcels", result, effective_date=date, user=HOSTILE[1])
        changes.supply_parcel(store, SUPPLIED, project=HOSTILE[0], date=date, user=HOSTILE[3])
        return square
    finally:
        store.close()

"""Helpers shared by the app tests (AppTest and browser); holds no tests itself.

* :func:`build_sample_store` makes a GeoPackage store from the shipped sample
  data once per session; :func:`copy_store` gives each writing test its own copy.
* :func:`free_square` finds room for a new parcel inside a zone, between the
  stored parcels, so an upload built by a test passes the overlap check
  whatever the sample data looks like.
* :func:`zipped_parcels` writes a real zipped shapefile with GDAL (pyogrio):
  Chinese field names and values in GBK, no .cpg, a .prj, like a surveyor's file.
* :func:`render_page` / :func:`run_page` run one page through Streamlit's
  AppTest as app.py renders it; :func:`commit_test_import` stores a one-parcel
  import the way the Upload page does, for tests that need one to undo.
"""

from __future__ import annotations

import datetime as dt
import io
import shutil
import zipfile
from pathlib import Path

import geopandas as gpd
import pyogrio
import shapely
from shapely.geometry import box

from landinv.sample import DATA_DIR
from landinv.sample.seed import open_seeded
from landinv.store import open_store


def sample_data_dir(tmp_root: Path) -> Path:
    """The shipped sample layers, or freshly generated ones when data/ is empty."""
    if any(DATA_DIR.glob("parcels/*.geojson")) or any(DATA_DIR.glob("parcels/*.gpkg")):
        return DATA_DIR
    from landinv.sample import generate

    out = tmp_root / "sample-data"
    generate(out)
    return out


def build_sample_store(folder: Path) -> Path:
    """A GeoPackage store seeded from the sample data; returns its path."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "sample.gpkg"
    store = open_seeded(str(path), data_dir=sample_data_dir(folder))
    store.close()
    return path


def copy_store(source: Path, folder: Path) -> Path:
    """A private copy of a GeoPackage store (tests that write get their own)."""
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / "store.gpkg"
    shutil.copyfile(source, target)
    return target


def free_square(store, zone: str, side_deg: float = 0.0006):
    """A square (lon/lat, EPSG:4490) inside ``zone`` that touches no stored parcel.

    Centred on the widest gap between parcels (the centre of the largest
    circle that fits), shrunk until it fits.
    """
    zones = store.zones()
    boundary = zones.loc[zones["code"] == zone].geometry.iloc[0]
    taken = shapely.union_all(store.layer("parcels", None).geometry.values)
    free = boundary.difference(taken.buffer(1e-5))
    circle = shapely.maximum_inscribed_circle(free, 1e-6)
    centre, radius = shapely.get_point(circle, 0), circle.length
    half = min(side_deg / 2, radius * 0.65)
    return box(centre.x - half, centre.y - half, centre.x + half, centre.y + half)


def zipped_parcels(rows: list[dict], *, folder: Path, name: str = "新增地块") -> bytes:
    """A zipped shapefile of parcels written by GDAL, attributes in GBK, no .cpg.

    ``rows`` hold ``geometry`` (EPSG:4490) and the attributes 地块编号, 地块名称,
    片区, 类型 (any of them may be left out).
    """
    folder.mkdir(parents=True, exist_ok=True)
    gdf = gpd.GeoDataFrame(rows, geometry="geometry", crs=4490)
    path = folder / f"{name}.shp"
    pyogrio.write_dataframe(gdf, path, encoding="GBK")
    path.with_suffix(".cpg").unlink(missing_ok=True)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for part in sorted(folder.glob(f"{name}.*")):
            archive.write(part, f"{name}/{part.name}")
    return buffer.getvalue()


def new_parcel_zip(
    store_path: Path, folder: Path, *, zone: str = "xindu", parcel_id: str = "CS-TEST-0001"
) -> tuple[bytes, float]:
    """A one-parcel zipped shapefile of ready land that fits between the stored
    parcels of ``zone``; returns ``(bytes, area in mu)``."""
    from landinv.geometry import area_m2

    store = open_store(str(store_path))
    try:
        square = free_square(store, zone)
        zone_zh = store.zones().set_index("code").loc[zone, "name_zh"]
    finally:
        store.close()
    rows = [
        {
            "地块编号": parcel_id,
            "地块名称": "测试新增熟地",
            "片区": zone_zh,
            "类型": "工业熟地",
            "geometry": square,
        }
    ]
    data = zipped_parcels(rows, folder=folder)
    return data, float(area_m2([square])[0]) / (10000.0 / 15.0)


#: Seconds an AppTest run may take (a slow, shared machine).
TIMEOUT = 120


def render_page(name: str) -> None:
    """Script AppTest runs: one page, rendered as app.py renders it."""
    import importlib

    from landinv.ui.context import get_context

    importlib.import_module(f"landinv.ui.{name}").render(get_context())


def run_page(
    name: str, *, as_of: dt.date | None = None, lang: str | None = None, secrets: dict | None = None
):
    """Run page ``name`` once in a new AppTest (on ``$LANDINV_STORE``); fail on an exception."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_function(render_page, args=(name,), default_timeout=TIMEOUT)
    for key, value in (secrets or {}).items():
        at.secrets[key] = value
    if as_of is not None:
        at.session_state["as_of"] = as_of
    if lang is not None:
        at.session_state["lang"] = lang
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def commit_test_import(store_path: Path, tmp_path: Path) -> str:
    """Import one new ready parcel (CS-TEST-UNDO) into the store; returns the import ID."""
    from landinv.domain import load_config
    from landinv.ingest import IngestOptions, read_upload

    data, _mu = new_parcel_zip(store_path, tmp_path / "zip", parcel_id="CS-TEST-UNDO")
    store = open_store(str(store_path))
    try:
        result = read_upload(
            data, filename="undo.zip", options=IngestOptions(), store=store, config=load_config()
        )
        assert result.ok, result.report.to_text("en")
        return store.commit_import(
            "parcels",
            result.gdf,
            file_name="undo.zip",
            sha256=result.sha256,
            effective_date=dt.date.today(),
        )
    finally:
        store.close()


def today() -> dt.date:
    return dt.date.today()


def shown(markdown: str) -> str:
    """The text a planner sees for markdown the app wrote with escaped data
    (``md_escape``): backslash escapes and zero-width spaces removed."""
    import re

    return re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", markdown).replace("\u200b", "")

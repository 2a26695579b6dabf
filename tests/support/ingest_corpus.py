"""A corpus of real upload files, built with GDAL (pyogrio) in temporary folders.

Each :class:`Case` builds one file the way a surveyor's software, a CAD export
or a web map would, and names the outcome landinv must reach. Where GDAL
refuses to write a defect (a two-point ring) the shapefile bytes are written by
hand following the ESRI specification; where Python's zipfile refuses (GBK
member names, symlinks, lying sizes) the zip bytes are patched.

Outcomes: ``accepted``; ``refused:<code>[,<code>]`` (the must-fix codes);
``choose:<key>`` (the caller must pick a layer, encoding or CRS).
"""

from __future__ import annotations

import io
import os
import struct
import warnings
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pyogrio
import shapely

# -- geography of the test inventory ------------------------------------------------

#: Test zone boundaries near Changshan (approximate, not the shipped sample).
ZONE_BOXES = {
    "xindu": (118.49, 28.89, 118.53, 28.93),
    "huibu": (118.40, 28.94, 118.45, 28.99),
    "jinchuan": (118.55, 28.95, 118.60, 29.00),
}
ZONE_NAMES = {
    "xindu": ("新都片区", "Xindu"),
    "huibu": ("辉埠片区", "Huibu"),
    "jinchuan": ("金川片区", "Jinchuan"),
}
#: Side of a test parcel in degrees (about 97 m by 111 m, a little over 16 mu).
SIDE = 0.001


def zones_gdf() -> gpd.GeoDataFrame:
    """The three test zones as a store's ``zones`` layer."""
    codes = list(ZONE_BOXES)
    return gpd.GeoDataFrame(
        {
            "code": codes,
            "name_zh": [ZONE_NAMES[c][0] for c in codes],
            "name_en": [ZONE_NAMES[c][1] for c in codes],
        },
        geometry=[shapely.MultiPolygon([shapely.box(*ZONE_BOXES[c])]) for c in codes],
        crs=4490,
    )


def square(x: float, y: float, side: float = SIDE) -> shapely.Polygon:
    return shapely.box(x, y, x + side, y + side)


def stored_parcels() -> gpd.GeoDataFrame:
    """Parcels already in the test inventory (two ready, one revitalised)."""
    return gpd.GeoDataFrame(
        {
            "parcel_id": ["XD-S01", "XD-S02", "HB-S01"],
            "name": ["存量一", "存量二", "辉埠存量"],
            "zone": ["xindu", "xindu", "huibu"],
            "category": ["ready", "ready", "revitalised"],
            "status": ["available"] * 3,
            "valid_from": ["2025-01-01"] * 3,
            "import_id": ["sample"] * 3,
        },
        geometry=[
            shapely.MultiPolygon([square(118.500, 28.900)]),
            shapely.MultiPolygon([square(118.502, 28.900)]),
            shapely.MultiPolygon([square(118.420, 28.960)]),
        ],
        crs=4490,
    )


def stored_buildings() -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame(
        {
            "building_id": ["CF-S01"],
            "parcel_id": ["XD-S01"],
            "name": ["一号标准厂房"],
            "zone": ["xindu"],
            "is_standard_factory": [True],
            "floors": [3],
            "floor_area_m2": [6000.0],
            "valid_from": ["2025-01-01"],
            "import_id": ["sample"],
        },
        geometry=[shapely.MultiPolygon([square(118.5002, 28.9002, 0.0004)])],
        crs=4490,
    )


def seed_store(store) -> None:
    """Fill an empty store with the test zones, parcels and buildings."""
    store.load_snapshot(
        {"zones": zones_gdf(), "parcels": stored_parcels(), "buildings": stored_buildings()}
    )


# -- upload frames ------------------------------------------------------------------


def new_parcels(
    n: int = 3,
    x0: float = 118.510,
    y0: float = 28.910,
    prefix: str = "XD-N",
    categories=("工业熟地", "盘活低效用地", "新开发土地"),
) -> gpd.GeoDataFrame:
    """Parcels a surveyor would deliver: Chinese field names and values, in xindu."""
    geoms = [square(x0 + 2 * SIDE * i, y0) for i in range(n)]
    return gpd.GeoDataFrame(
        {
            "地块编号": [f"{prefix}{i + 1:02d}" for i in range(n)],
            "地块名称": [f"新都工业园{i + 1}号地块" for i in range(n)],
            "片区": ["新都片区"] * n,
            "类型": [categories[i % len(categories)] for i in range(n)],
        },
        geometry=geoms,
        crs=4490,
    )


def new_buildings() -> gpd.GeoDataFrame:
    """Standard factory buildings: floors given, floor area given for some."""
    return gpd.GeoDataFrame(
        {
            "厂房编号": ["CF-N01", "CF-N02", "CF-N03"],
            "厂房名称": ["二号厂房", "三号厂房", "仓库"],
            "层数": [4, 2, 1],
            "建筑面积": [5000.0, None, 800.0],
            "是否标准厂房": ["是", "是", "否"],
        },
        geometry=[
            square(118.5102, 28.9102, 0.0004),
            square(118.5122, 28.9102, 0.0004),
            square(118.5142, 28.9102, 0.0004),
        ],
        crs=4490,
    )


# -- writers ------------------------------------------------------------------------


def write_shapefile(
    gdf: gpd.GeoDataFrame,
    folder: Path,
    name: str = "parcels",
    *,
    encoding: str = "UTF-8",
    cpg: bool = True,
    prj: bool = True,
) -> Path:
    """Write ``gdf`` as a shapefile with GDAL; drop the .cpg/.prj when asked."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.shp"
    with warnings.catch_warnings():
        # GDAL announces (in undecodable bytes) that it cut long field names: expected.
        warnings.simplefilter("ignore", RuntimeWarning)
        pyogrio.write_dataframe(gdf, path, encoding=encoding)
    if not cpg:
        path.with_suffix(".cpg").unlink(missing_ok=True)
    if not prj:
        path.with_suffix(".prj").unlink(missing_ok=True)
    return path


def shapefile_parts(shp: Path) -> list[Path]:
    return sorted(p for p in shp.parent.iterdir() if p.stem == shp.stem)


def zip_files(target: Path, files: dict[str, Path | bytes]) -> Path:
    """Zip ``{member name: file or bytes}`` into ``target``."""
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, value in files.items():
            if isinstance(value, Path):
                zf.write(value, name)
            else:
                zf.writestr(name, value)
    return target


def set_dbf_ldid(dbf: Path, ldid: int) -> None:
    """Set the DBF language driver ID (byte 29), as ArcGIS does for GBK (0x4D)."""
    data = bytearray(dbf.read_bytes())
    data[29] = ldid
    dbf.write_bytes(bytes(data))


def write_raw_polygons(
    shp: Path, records: list[list[list[tuple[float, float]]] | None], shape_type: int = 5
) -> None:
    """Write .shp and .shx by hand (ESRI spec) so rings GEOS refuses can exist.

    ``records`` holds, per feature, a list of rings (lists of points) or None
    for a null shape. The .dbf must come from elsewhere (e.g. GDAL).
    """
    bodies = []
    for number, rings in enumerate(records, 1):
        if rings is None:
            content = struct.pack("<i", 0)
        else:
            points = [p for ring in rings for p in ring]
            xs, ys = [p[0] for p in points], [p[1] for p in points]
            content = struct.pack(
                "<i4d2i", shape_type, min(xs), min(ys), max(xs), max(ys), len(rings), len(points)
            )
            start = 0
            for ring in rings:
                content += struct.pack("<i", start)
                start += len(ring)
            content += b"".join(struct.pack("<2d", *p) for p in points)
        bodies.append(struct.pack(">2i", number, len(content) // 2) + content)
    everything = [p for rings in records if rings for ring in rings for p in ring]
    bbox = (
        min(p[0] for p in everything),
        min(p[1] for p in everything),
        max(p[0] for p in everything),
        max(p[1] for p in everything),
    )

    def header(total_bytes: int) -> bytes:
        return struct.pack(">7i", 9994, 0, 0, 0, 0, 0, total_bytes // 2) + struct.pack(
            "<2i4d4d", 1000, shape_type, *bbox, 0, 0, 0, 0
        )

    body = b"".join(bodies)
    shp.write_bytes(header(100 + len(body)) + body)
    index, offset = b"", 100
    for rec in bodies:
        index += struct.pack(">2i", offset // 2, (len(rec) - 8) // 2)
        offset += len(rec)
    shp.with_suffix(".shx").write_bytes(header(100 + len(index)) + index)


def patch_zip_names(data: bytes, names: dict[str, bytes]) -> bytes:
    """Replace ASCII placeholder member names with raw bytes (e.g. GBK), no UTF-8 flag.

    Placeholders must have the same byte length as their replacement; names
    are not covered by the CRC, so the zip stays valid.
    """
    for placeholder, raw in names.items():
        assert len(placeholder.encode()) == len(raw)
        data = data.replace(placeholder.encode(), raw)
    return data


def zip_with_declared_size(member: str, payload: bytes, declared: int) -> bytes:
    """A zip whose central directory claims ``declared`` bytes for the member.

    The data is stored uncompressed and tiny: anything that tried to expand
    the member would fail on size/CRC, so a refusal that names the size proves
    the check came from the directory, before any expansion.
    """
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_STORED) as zf:
        zf.writestr(member, payload)
    data = bytearray(buf.getvalue())
    cd = data.rfind(b"PK\x01\x02")
    struct.pack_into("<I", data, cd + 24, declared)  # uncompressed size field
    return bytes(data)


# -- the cases ----------------------------------------------------------------------


@dataclass
class Case:
    """One corpus file and the outcome landinv must reach.

    ``build(folder)`` returns the source to pass to ``read_upload`` (a path,
    or ``(bytes, filename)``). ``fixed`` lists codes that must appear among
    the automatic fixes; ``accepted`` the number of importable features when
    part of the file is refused.
    """

    name: str
    build: Callable[[Path], object]
    outcome: str
    options: dict = field(default_factory=dict)
    fixed: tuple[str, ...] = ()
    accepted: int | None = None
    describe: str = ""


def _gbk_no_cpg(folder: Path) -> Path:
    return write_shapefile(new_parcels(), folder, encoding="GBK", cpg=False)


def _utf8_no_cpg(folder: Path) -> Path:
    return write_shapefile(new_parcels(), folder, encoding="UTF-8", cpg=False)


def _gbk_ldid(folder: Path) -> Path:
    shp = write_shapefile(new_parcels(), folder, encoding="GBK", cpg=False)
    set_dbf_ldid(shp.with_suffix(".dbf"), 0x4D)
    return shp


def _cpg_lies(folder: Path) -> Path:
    shp = write_shapefile(new_parcels(), folder, encoding="GBK")
    shp.with_suffix(".cpg").write_text("UTF-8")
    return shp


def _big5(folder: Path) -> Path:
    gdf = new_parcels(categories=("工業熟地",))
    gdf["地块名称"] = ["臺灣園區壹號", "舊廠區貳號", "產業園參號"]
    gdf["类型"] = ["ready"] * 3
    gdf["片区"] = ["xindu"] * 3  # 区 has no Big5 code
    gdf = gdf.rename(columns={"地块编号": "DKBH", "地块名称": "DKMC", "片区": "PQ", "类型": "DL"})
    return write_shapefile(gdf, folder, encoding="cp950", cpg=False)


def _gk_zone_no_prj(folder: Path) -> Path:
    return write_shapefile(new_parcels().to_crs(4528), folder, prj=False)


def _gk_plain_no_prj(folder: Path) -> Path:
    return write_shapefile(new_parcels().to_crs(4549), folder, prj=False)


NONSTANDARD_CGCS2000_WKT = (
    'PROJCS["Gauss_Kruger_zone40",GEOGCS["GCS_2000",DATUM["D_2000",'
    'SPHEROID["CGCS_2000",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],'
    'UNIT["Degree",0.0174532925199433]],PROJECTION["Transverse_Mercator"],'
    'PARAMETER["False_Easting",40500000.0],PARAMETER["False_Northing",0.0],'
    'PARAMETER["Central_Meridian",120.0],PARAMETER["Scale_Factor",1.0],'
    'PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]'
)


def _nonstandard_prj(folder: Path) -> Path:
    shp = write_shapefile(new_parcels().to_crs(4528), folder)
    shp.with_suffix(".prj").write_text(NONSTANDARD_CGCS2000_WKT)
    return shp


def _xian80(folder: Path) -> Path:
    # Xian 1980 / 3-degree GK CM 120E; PROJ's ballpark conversion keeps lon/lat.
    return write_shapefile(new_parcels().to_crs(2385), folder)


def _zip_subfolder(folder: Path) -> Path:
    shp = write_shapefile(new_parcels(), folder / "src", encoding="GBK")
    members = {f"成果/地块/{p.name}": p for p in shapefile_parts(shp)}
    members["成果/说明.txt"] = "测绘成果说明".encode()
    return zip_files(folder / "upload.zip", members)


def _zip_two_shapefiles(folder: Path) -> Path:
    a = write_shapefile(new_parcels(), folder / "a", "parcels_2025")
    b = write_shapefile(new_parcels(prefix="XD-M", y0=28.915), folder / "b", "parcels_2026")
    members = {p.name: p for p in shapefile_parts(a) + shapefile_parts(b)}
    return zip_files(folder / "two.zip", members)


def _zip_gbk_names(folder: Path) -> tuple[bytes, str]:
    shp = write_shapefile(new_parcels(), folder / "src", encoding="GBK")
    raw = "地块".encode("gbk")  # 4 bytes
    members = {f"QZ7X{p.suffix}": p for p in shapefile_parts(shp)}
    data = zip_files(folder / "names.zip", members).read_bytes()
    return patch_zip_names(data, {"QZ7X": raw}), "地块数据.zip"


def _missing_shx(folder: Path) -> Path:
    shp = write_shapefile(new_parcels(), folder)
    shp.with_suffix(".shx").unlink()
    return shp


def _bowtie(folder: Path) -> Path:
    gdf = new_parcels(2)
    x, y = 118.520, 28.920
    bow = shapely.Polygon([(x, y), (x + SIDE, y + SIDE), (x + SIDE, y), (x, y + SIDE), (x, y)])
    gdf.loc[1, "geometry"] = bow
    return write_shapefile(gdf, folder)


def _two_point_ring(folder: Path) -> Path:
    shp = write_shapefile(new_parcels(3), folder)
    x, y = 118.510, 28.910
    ring = [(x, y), (x + SIDE, y), (x + SIDE, y + SIDE), (x, y + SIDE), (x, y)]
    far = [(p[0] + 4 * SIDE, p[1]) for p in ring]
    write_raw_polygons(shp, [[ring], [[(x + 2 * SIDE, y), (x + 3 * SIDE, y)]], [far]])
    return shp


def _null_and_empty(folder: Path) -> Path:
    gdf = new_parcels(3)
    gdf.loc[1, "geometry"] = None
    return write_shapefile(gdf, folder)


def _polygon_z(folder: Path) -> Path:
    gdf = new_parcels(2)
    gdf["geometry"] = shapely.force_3d(gdf.geometry.values, 35.0)
    return write_shapefile(gdf, folder)


def _line_layer(folder: Path) -> Path:
    gdf = new_parcels(2)
    gdf["geometry"] = gdf.geometry.boundary
    return write_shapefile(gdf, folder, "roads")


def _multipatch(folder: Path) -> Path:
    shp = write_shapefile(new_parcels(1), folder, "model")
    for path in (shp, shp.with_suffix(".shx")):
        data = bytearray(path.read_bytes())
        struct.pack_into("<i", data, 32, 31)  # shape type 31: MultiPatch
        path.write_bytes(bytes(data))
    return shp


def _zip_bomb(folder: Path) -> Path:
    # 20 MB of zeros deflate to ~20 KB: a 1000:1 ratio, far beyond any real data.
    target = folder / "bomb.zip"
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("parcels.shp", bytes(20 * 1024 * 1024))
    return target


def _zip_declared_huge(folder: Path) -> tuple[bytes, str]:
    return zip_with_declared_size("parcels.dbf", b"x" * 100, 3_000_000_000), "huge.zip"


def _zip_traversal(folder: Path) -> Path:
    shp = write_shapefile(new_parcels(), folder / "src")
    members = {p.name: p for p in shapefile_parts(shp)}
    members["../../outside.shp"] = b"not really"
    return zip_files(folder / "traversal.zip", members)


def _zip_absolute(folder: Path) -> tuple[bytes, str]:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr(zipfile.ZipInfo("/tmp/evil.shp"), b"x")
    return buf.getvalue(), "absolute.zip"


def _zip_symlink(folder: Path) -> tuple[bytes, str]:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        info = zipfile.ZipInfo("parcels.dbf")
        info.external_attr = 0o120777 << 16  # a symbolic link
        zf.writestr(info, "/etc/passwd")
    return buf.getvalue(), "link.zip"


def _gpkg_two_layers(folder: Path) -> Path:
    path = folder / "survey.gpkg"
    pyogrio.write_dataframe(new_parcels(), path, layer="parcels")
    roads = new_parcels(2)
    roads["geometry"] = roads.geometry.boundary
    pyogrio.write_dataframe(roads, path, layer="roads")
    return path


def _geojson(folder: Path) -> Path:
    path = folder / "parcels.geojson"
    pyogrio.write_dataframe(new_parcels().to_crs(4326), path, driver="GeoJSON")
    return path


def _geojson_gbk(folder: Path) -> tuple[bytes, str]:
    path = _geojson(folder)
    return path.read_text(encoding="utf-8").encode("gbk"), "parcels.geojson"


def _kml(folder: Path) -> Path:
    path = folder / "parcels.kml"
    pyogrio.write_dataframe(new_parcels().to_crs(4326), path, driver="KML")
    return path


def _outside(folder: Path) -> Path:
    gdf = new_parcels(3)
    gdf.loc[2, "geometry"] = square(119.50, 29.50)
    gdf.loc[2, "片区"] = None
    return write_shapefile(gdf, folder)


def _duplicate_ids(folder: Path) -> Path:
    gdf = new_parcels(3)
    gdf.loc[2, "地块编号"] = gdf.loc[0, "地块编号"]
    return write_shapefile(gdf, folder)


def _overlap_store(folder: Path) -> Path:
    gdf = new_parcels(2)
    gdf.loc[0, "geometry"] = square(118.5005, 28.9000)  # half over stored XD-S01
    return write_shapefile(gdf, folder)


def _overlap_in_file(folder: Path) -> Path:
    gdf = new_parcels(2)
    gdf.loc[1, "geometry"] = square(118.5105, 28.910)
    return write_shapefile(gdf, folder)


def _id_in_store(folder: Path) -> Path:
    gdf = new_parcels(2)
    gdf.loc[0, "地块编号"] = "XD-S02"
    return write_shapefile(gdf, folder)


def _unknown_category(folder: Path) -> Path:
    gdf = new_parcels(3)
    gdf.loc[1, "类型"] = "商业用地"
    return write_shapefile(gdf, folder)


def _no_category(folder: Path) -> Path:
    return write_shapefile(new_parcels().drop(columns=["类型"]), folder)


def _buildings_gpkg(folder: Path) -> Path:
    path = folder / "factories.gpkg"
    pyogrio.write_dataframe(new_buildings(), path, layer="厂房")
    return path


def _not_data(folder: Path) -> tuple[bytes, str]:
    return "地块清单，无图形".encode(), "清单.txt"


def _corrupt_zip(folder: Path) -> tuple[bytes, str]:
    return b"PK\x03\x04" + os.urandom(200), "broken.zip"


CASES: list[Case] = [
    Case(
        "gbk_shapefile_without_cpg",
        _gbk_no_cpg,
        "accepted",
        describe="GBK attributes, no .cpg, LDID 0: detected as GB18030 from the bytes",
    ),
    Case(
        "utf8_shapefile_without_cpg",
        _utf8_no_cpg,
        "accepted",
        fixed=("text_truncated",),
        describe="UTF-8 attributes, no .cpg; GDAL cut 地块编号 to 10 bytes mid-character",
    ),
    Case(
        "gbk_shapefile_with_ldid",
        _gbk_ldid,
        "accepted",
        describe="no .cpg but the DBF header's code page mark says 936",
    ),
    Case(
        "cpg_says_utf8_but_gbk",
        _cpg_lies,
        "accepted",
        describe="the .cpg is wrong; the bytes win, with a note",
    ),
    Case(
        "big5_ambiguous",
        _big5,
        "choose:encoding",
        describe="Big5 text reads as rare GB18030 characters: ask rather than guess",
    ),
    Case(
        "gauss_kruger_zone_prefix_no_prj",
        _gk_zone_no_prj,
        "accepted",
        describe="eastings like 40 3xx xxx: CGCS2000 3-degree zone 40 (EPSG:4528)",
    ),
    Case(
        "gauss_kruger_no_prefix_no_prj",
        _gk_plain_no_prj,
        "accepted",
        describe="eastings like 3xx xxx: only CM 120E puts them in the zones; taken, "
        "the other candidates offered as alternatives",
    ),
    Case(
        "nonstandard_cgcs2000_prj",
        _nonstandard_prj,
        "accepted",
        describe="a .prj calling CGCS2000 'D_2000' / 'CGCS_2000'",
    ),
    Case(
        "xian1980_prj",
        _xian80,
        "accepted",
        describe="Xian 1980 GK: reprojected with an accuracy warning",
    ),
    Case(
        "zip_shapefile_in_subfolder",
        _zip_subfolder,
        "accepted",
        describe="成果/地块/parcels.* inside the zip, plus a readme",
    ),
    Case(
        "zip_two_shapefiles",
        _zip_two_shapefiles,
        "choose:layer",
        describe="two shapefiles: never silently the first",
    ),
    Case(
        "zip_gbk_member_names",
        _zip_gbk_names,
        "accepted",
        describe="member names in GBK without the UTF-8 flag",
    ),
    Case("missing_shx", _missing_shx, "accepted", fixed=("shx_restored",)),
    Case("bowtie_polygon", _bowtie, "accepted", fixed=("geometry_repaired",)),
    Case("two_point_ring", _two_point_ring, "refused:ring_too_few_points", accepted=2),
    Case("null_geometry", _null_and_empty, "refused:null_geometry", accepted=2),
    Case("polygon_z", _polygon_z, "accepted", fixed=("z_dropped",)),
    Case("line_layer", _line_layer, "refused:layer_not_polygon"),
    Case("multipatch", _multipatch, "refused:layer_not_polygon"),
    Case("zip_bomb_ratio", _zip_bomb, "refused:unreadable_upload"),
    Case("zip_bomb_declared_size", _zip_declared_huge, "refused:unreadable_upload"),
    Case("zip_path_traversal", _zip_traversal, "refused:unreadable_upload"),
    Case("zip_absolute_path", _zip_absolute, "refused:unreadable_upload"),
    Case("zip_symlink", _zip_symlink, "refused:unreadable_upload"),
    Case("zip_corrupt", _corrupt_zip, "refused:unreadable_upload"),
    Case("not_a_data_file", _not_data, "refused:unreadable_upload"),
    Case("geopackage_two_layers", _gpkg_two_layers, "choose:layer"),
    Case("geopackage_layer_chosen", _gpkg_two_layers, "accepted", options={"layer": "parcels"}),
    Case("geojson", _geojson, "accepted"),
    Case("geojson_in_gbk", _geojson_gbk, "accepted", fixed=("geojson_transcoded",)),
    Case("kml", _kml, "accepted"),
    Case("feature_outside_zones", _outside, "refused:outside_zones", accepted=2),
    Case("feature_outside_allowed", _outside, "accepted", options={"allow_outside": True}),
    Case("duplicate_ids_in_file", _duplicate_ids, "refused:duplicate_id_in_file", accepted=1),
    Case("overlaps_stored_parcel", _overlap_store, "refused:overlap_with_store", accepted=1),
    Case("overlap_within_file", _overlap_in_file, "refused:overlap_in_file", accepted=0),
    Case("id_already_in_store", _id_in_store, "refused:duplicate_id_in_store", accepted=1),
    Case("unknown_category", _unknown_category, "refused:unknown_category", accepted=2),
    Case("no_category_field", _no_category, "refused:missing_category", accepted=0),
    Case("no_category_field_default", _no_category, "accepted", options={"category": "ready"}),
    Case(
        "buildings_geopackage",
        _buildings_gpkg,
        "accepted",
        options={"kind": "buildings"},
        fixed=("floor_area_derived",),
    ),
]

CASES_BY_NAME = {c.name: c for c in CASES}


def build_source(case: Case, folder: Path):
    """``(source, filename)`` for ``read_upload`` from a case's builder."""
    folder.mkdir(parents=True, exist_ok=True)
    built = case.build(folder)
    if isinstance(built, tuple):
        return built
    return built, None


def outcome(result) -> str:
    """The named outcome of a ``read_upload`` result (see the module docstring)."""
    if result.choices:
        return "choose:" + ",".join(sorted(result.choices))
    if result.ok:
        return "accepted"
    return "refused:" + ",".join(sorted({i.code for i in result.report.must_fix}))


def read_back_frame(gdf: gpd.GeoDataFrame) -> pd.DataFrame:
    """Attributes of a result frame without geometry, for comparisons."""
    return pd.DataFrame(gdf.drop(columns="geometry"))

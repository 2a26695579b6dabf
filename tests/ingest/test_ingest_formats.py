"""KMZ, zipped FileGDB, DXF from CAD and GCJ-02 web-map offsets (issue 12, item 6).

Every file is written by GDAL (LIBKML, OpenFileGDB, DXF drivers) in a temporary
folder; DXF TEXT entities (parcel numbers) are added to GDAL's drawing as text,
since GDAL writes texts only from OGR style strings, which pyogrio cannot pass.
"""

from __future__ import annotations

import os
import warnings
import zipfile

import geopandas as gpd
import numpy as np
import pyogrio
import pyproj
import pytest
import shapely

from landinv.geometry import area_m2
from landinv.ingest import IngestOptions, read_upload
from landinv.ingest.gcj02 import gcj02_to_wgs84, wgs84_to_gcj02
from landinv.store.gpkg import GpkgStore
from tests.support.ingest_corpus import new_parcels, seed_store, zip_files


@pytest.fixture(scope="module")
def inventory(tmp_path_factory):
    store = GpkgStore(tmp_path_factory.mktemp("inv") / "inventory.gpkg")
    seed_store(store)
    yield store
    store.close()


def _areas(gdf) -> np.ndarray:
    return np.asarray(area_m2(gdf.to_crs(4490).geometry.values), dtype=float)


# -- KMZ ----------------------------------------------------------------------------


def test_kmz_from_libkml_is_read(inventory, tmp_path):
    parcels = new_parcels(3, y0=28.912)
    path = tmp_path / "地块.kmz"
    pyogrio.write_dataframe(parcels.to_crs(4326), path, driver="LIBKML")
    assert "doc.kml" in zipfile.ZipFile(path).namelist()
    result = read_upload(path, store=inventory)
    assert result.ok, result.report.to_text("en")
    assert result.report.format == "kml" and result.report.file_name == "地块.kmz"
    assert result.gdf["parcel_id"].tolist() == parcels["地块编号"].tolist()
    np.testing.assert_allclose(result.gdf["area_m2"], _areas(parcels), rtol=1e-7)


# -- FileGDB ------------------------------------------------------------------------


def _filegdb(folder, layers: dict) -> str:
    folder.mkdir(parents=True, exist_ok=True)
    gdb = folder / "成果.gdb"
    for name, gdf in layers.items():
        pyogrio.write_dataframe(gdf, gdb, layer=name, driver="OpenFileGDB")
    return gdb


def test_zipped_filegdb_folder_is_read(inventory, tmp_path):
    parcels = new_parcels(3, y0=28.914).to_crs(4528)  # CGCS2000 Gauss-Kruger zone 40
    gdb = _filegdb(tmp_path / "src", {"parcels": parcels})
    files = {f"交付!/成果.gdb/{name}": gdb / name for name in os.listdir(gdb)}
    result = read_upload(zip_files(tmp_path / "gdb.zip", files), store=inventory)
    assert result.ok, result.report.to_text("en")
    assert result.report.format == "filegdb" and result.report.layer == "交付!/成果.gdb"
    assert result.report.source_crs == "EPSG:4528"
    # A FileGDB snaps coordinates to its XY grid: the truth is what it holds.
    stored = pyogrio.read_dataframe(gdb, layer="parcels")
    np.testing.assert_allclose(result.gdf["area_m2"], _areas(stored), rtol=1e-9)
    np.testing.assert_allclose(result.gdf["area_m2"], _areas(parcels), rtol=1e-5)


def test_filegdb_with_two_feature_classes_asks_which(inventory, tmp_path):
    gdb = _filegdb(
        tmp_path / "src", {"parcels": new_parcels(2, y0=28.916), "roads": new_parcels(1, y0=28.918)}
    )
    files = {f"成果.gdb/{name}": gdb / name for name in os.listdir(gdb)}
    source = zip_files(tmp_path / "two.zip", files)
    result = read_upload(source, store=inventory)
    assert sorted(c["value"] for c in result.choices["layer"]) == [
        "成果.gdb:parcels",
        "成果.gdb:roads",
    ]
    chosen = read_upload(source, store=inventory, options=IngestOptions(layer="成果.gdb:parcels"))
    assert chosen.ok and len(chosen.gdf) == 2


# -- DXF ----------------------------------------------------------------------------


def _dxf(path, crs_epsg: int, labels=("XD-C01", "XD-C02", "XD-C03"), x=118.515, y=28.915):
    """Three parcels drawn in CAD: two closed polylines (one also hatched), one lone
    hatch, a road line, and the parcel numbers as TEXT inside each parcel."""
    to_cad = pyproj.Transformer.from_crs(4490, crs_epsg, always_xy=True)
    x0, y0 = to_cad.transform(x, y)
    boxes = [shapely.box(x0 + 150 * i, y0, x0 + 150 * i + 100, y0 + 100) for i in range(3)]
    geoms = [
        shapely.LineString(boxes[0].exterior.coords),
        shapely.LineString(boxes[1].exterior.coords),
        boxes[1],
        boxes[2],
        shapely.LineString([(x0, y0 - 50), (x0 + 500, y0 - 50)]),
    ]
    layers = ["boundary", "boundary", "hatch", "hatch", "road"]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # "no CRS": a CAD drawing has none
        pyogrio.write_dataframe(
            gpd.GeoDataFrame({"Layer": layers}, geometry=geoms), path, driver="DXF"
        )
    text = path.read_text()
    ents = "".join(
        f"  0\nTEXT\n  5\n{0x900 + i:X}\n100\nAcDbEntity\n  8\nlabels\n100\nAcDbText\n"
        f" 10\n{b.centroid.x}\n 20\n{b.centroid.y}\n 30\n0.0\n 40\n2.5\n  1\n{t}\n"
        "100\nAcDbText\n"
        for i, (t, b) in enumerate(zip(labels, boxes))
        if t
    )
    end = text.index("  0\nENDSEC", text.index("ENTITIES"))
    path.write_text(text[:end] + ents + text[end:])
    back = pyproj.Transformer.from_crs(crs_epsg, 4490, always_xy=True)
    return [
        shapely.transform(b, lambda xy: np.column_stack(back.transform(xy[:, 0], xy[:, 1])))
        for b in boxes
    ]


def test_dxf_closed_polylines_and_hatches_become_parcels(inventory, tmp_path):
    truth = _dxf(tmp_path / "规划.dxf", 4528)  # eastings carry zone number 40
    result = read_upload(
        tmp_path / "规划.dxf", store=inventory, options=IngestOptions(category="ready")
    )
    assert result.ok, result.report.to_text("en")
    assert result.report.source_crs == "EPSG:4528"
    assert result.gdf["parcel_id"].tolist() == ["XD-C01", "XD-C02", "XD-C03"]
    np.testing.assert_allclose(result.gdf["area_m2"], area_m2(np.array(truth)), rtol=1e-9)
    note = next(i for i in result.report.fixed if i.code == "dxf_read")
    assert "2 closed polylines and 1 hatches" in note.en and "1 hatches repeating" in note.en


def test_dxf_without_zone_number_takes_the_only_fitting_crs(inventory, tmp_path):
    # Issue 13 item 6: only CM 120E puts the drawing inside the zones, so it is taken
    # (with the other candidates offered), as for a shapefile without .prj.
    _dxf(tmp_path / "plain.dxf", 4549)  # CM 120E without the zone number
    result = read_upload(
        tmp_path / "plain.dxf", store=inventory, options=IngestOptions(category="ready")
    )
    assert result.ok and not result.choices, result.report.to_text("en")
    assert result.report.source_crs == "EPSG:4549" and result.report.alternatives["crs"]
    chosen = read_upload(
        tmp_path / "plain.dxf", store=inventory, options=IngestOptions(category="ready", crs=4549)
    )
    assert chosen.ok, chosen.report.to_text("en")


def test_dxf_parcel_without_a_number_is_refused_not_guessed(inventory, tmp_path):
    _dxf(tmp_path / "nolabel.dxf", 4528, labels=("XD-D01", None, "XD-D03"), y=28.905)
    result = read_upload(
        tmp_path / "nolabel.dxf", store=inventory, options=IngestOptions(category="ready")
    )
    assert not result.ok and result.report.n_accepted == 2
    assert {i.feature for i in result.report.must_fix} == {2}


# -- GCJ-02 -------------------------------------------------------------------------


def test_gcj02_round_trip_and_size_of_the_offset():
    lon, lat = np.array([118.5, 118.6, 116.391305]), np.array([28.9, 29.0, 39.907188])
    glon, glat = wgs84_to_gcj02(lon, lat)
    shift = np.hypot((glon - lon) * 111_320 * np.cos(np.radians(lat)), (glat - lat) * 110_540)
    assert ((shift > 100) & (shift < 1000)).all()  # "hundreds of metres"
    wlon, wlat = gcj02_to_wgs84(glon, glat)
    assert np.abs(wlon - lon).max() < 1e-9 and np.abs(wlat - lat).max() < 1e-9
    assert wgs84_to_gcj02(-74.0, 40.7) == (-74.0, 40.7)  # outside China: untouched


def _gcj_copy(tmp_path):
    # Parcels near the east edge of the test zone xindu; the offset (~480 m east,
    # ~330 m south) moves them partly out of it.
    parcels = new_parcels(3, x0=118.5235, y0=28.912, prefix="GC-")
    shifted = parcels.copy()
    shifted["geometry"] = shapely.transform(
        parcels.geometry.values, lambda xy: np.column_stack(wgs84_to_gcj02(xy[:, 0], xy[:, 1]))
    )
    path = tmp_path / "web.geojson"
    pyogrio.write_dataframe(shifted.to_crs(4326), path, driver="GeoJSON")
    return parcels, path


def test_gcj02_offset_is_detected_and_converted_only_when_chosen(inventory, tmp_path):
    parcels, path = _gcj_copy(tmp_path)
    asked = read_upload(path, store=inventory)
    assert [c["value"] for c in asked.choices["crs"]] == ["GCJ02", "EPSG:4326"]
    assert [i.code for i in asked.report.must_fix] == ["choose_crs"]
    assert asked.gdf.empty  # nothing converted silently
    converted = read_upload(path, store=inventory, options=IngestOptions(crs="GCJ02"))
    assert converted.ok, converted.report.to_text("en")
    assert "gcj02_converted" in {i.code for i in converted.report.notes}
    distance = shapely.hausdorff_distance(converted.gdf.geometry.values, parcels.geometry.values)
    assert distance.max() < 1e-7  # degrees: about a centimetre
    as_is = read_upload(path, store=inventory, options=IngestOptions(crs=4326))
    assert "crs" not in as_is.choices  # the caller said so: no second-guessing


def test_plain_longitude_latitude_is_not_taken_for_gcj02(inventory, tmp_path):
    path = tmp_path / "ok.geojson"
    pyogrio.write_dataframe(
        new_parcels(3, x0=118.5235, y0=28.912).to_crs(4326), path, driver="GeoJSON"
    )
    result = read_upload(path, store=inventory)
    assert result.ok and not result.choices, result.report.to_text("en")


def test_parcels_crossing_a_zone_edge_are_not_taken_for_gcj02(inventory, tmp_path):
    # The first parcel straddles xindu's west edge (118.49E); removing a GCJ-02 offset
    # would move it inside, but no parcel lies wholly outside: no evidence of a web map.
    path = tmp_path / "edge.geojson"
    pyogrio.write_dataframe(
        new_parcels(3, x0=118.4895, y0=28.905, prefix="E-").to_crs(4326), path, driver="GeoJSON"
    )
    result = read_upload(path, store=inventory)
    assert "crs" not in result.choices, result.report.to_text("en")

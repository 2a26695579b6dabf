"""Geometry: polygons only, repairs reported per feature, the rest of the file still read."""

from __future__ import annotations

import json

import numpy as np
import pytest
import shapely

from landinv.geometry import area_m2, geod_area_m2
from landinv.ingest import IngestOptions, read_upload
from tests.support.ingest_corpus import (
    CASES_BY_NAME,
    SIDE,
    build_source,
    new_parcels,
    square,
    write_raw_polygons,
    write_shapefile,
)


def _read(source, **options):
    options.setdefault("zone", "xindu")
    return read_upload(source, options=IngestOptions(**options))


def _issues(result, code):
    return [i for i in result.report.fixed + result.report.must_fix if i.code == code]


def test_bowtie_is_repaired_and_reported_for_its_feature(tmp_path):
    source, _ = build_source(CASES_BY_NAME["bowtie_polygon"], tmp_path)
    result = _read(source)
    assert result.ok
    [issue] = _issues(result, "geometry_repaired")
    assert issue.feature == 2 and issue.object_id == "XD-N02"
    assert "Self-intersection" in issue.en
    repaired = result.gdf.geometry.iloc[1]
    assert repaired.is_valid and len(repaired.geoms) == 2
    # Two triangles of a quarter square each: half the square's area.
    full = area_m2([square(118.520, 28.920)])[0]
    assert result.gdf["area_m2"].iloc[1] == pytest.approx(full / 2, rel=1e-6)


def test_two_point_ring_rejects_only_its_feature(tmp_path):
    source, _ = build_source(CASES_BY_NAME["two_point_ring"], tmp_path)
    result = _read(source)
    [issue] = result.report.must_fix
    assert issue.code == "ring_too_few_points" and issue.feature == 2
    assert result.report.n_read == 3 and result.gdf["parcel_id"].tolist() == ["XD-N01", "XD-N03"]


def test_unclosed_ring_is_closed(tmp_path):
    shp = write_shapefile(new_parcels(1), tmp_path)
    x, y = 118.510, 28.910
    write_raw_polygons(shp, [[[(x, y), (x + SIDE, y), (x + SIDE, y + SIDE), (x, y + SIDE)]]])
    result = _read(shp)
    assert result.ok
    assert [i.feature for i in _issues(result, "ring_closed")] == [1]
    assert result.gdf["area_m2"].iloc[0] == pytest.approx(area_m2([square(x, y)])[0])


def test_hole_with_too_few_points_is_dropped(tmp_path):
    shp = write_shapefile(new_parcels(1), tmp_path)
    x, y = 118.510, 28.910
    shell = [(x, y), (x, y + SIDE), (x + SIDE, y + SIDE), (x + SIDE, y), (x, y)]
    hole = [(x + 0.0002, y + 0.0002), (x + 0.0004, y + 0.0004)]
    write_raw_polygons(shp, [[shell, hole]])
    result = _read(shp)
    assert result.ok
    assert _issues(result, "short_ring_dropped")


def test_null_geometry_is_reported_and_the_rest_read(tmp_path):
    source, _ = build_source(CASES_BY_NAME["null_geometry"], tmp_path)
    result = _read(source)
    assert [(i.code, i.feature) for i in result.report.must_fix] == [("null_geometry", 2)]
    assert len(result.gdf) == 2


def _geojson(tmp_path, geometries: list[dict]) -> str:
    features = [
        {"type": "Feature", "properties": {"地块编号": f"G{i}", "类型": "工业熟地"}, "geometry": g}
        for i, g in enumerate(geometries, 1)
    ]
    path = tmp_path / "mixed.geojson"
    path.write_text(
        json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False),
        encoding="utf-8",
    )
    return path


def test_mixed_geojson_points_lines_collections(tmp_path):
    poly = shapely.geometry.mapping(square(118.510, 28.910))
    collection = {
        "type": "GeometryCollection",
        "geometries": [
            shapely.geometry.mapping(square(118.514, 28.910)),
            {"type": "Point", "coordinates": [118.5, 28.9]},
        ],
    }
    path = _geojson(
        tmp_path,
        [
            poly,
            {"type": "Point", "coordinates": [118.51, 28.91]},
            {"type": "LineString", "coordinates": [[118.51, 28.91], [118.52, 28.92]]},
            collection,
            {"type": "Polygon", "coordinates": []},
        ],
    )
    result = _read(path)
    refused = {(i.code, i.feature) for i in result.report.must_fix}
    assert refused == {("not_polygon", 2), ("not_polygon", 3), ("empty_geometry", 5)}
    assert [i.feature for i in _issues(result, "non_polygon_parts_dropped")] == [4]
    assert result.gdf["parcel_id"].tolist() == ["G1", "G4"]
    point_message = next(i for i in result.report.must_fix if i.feature == 2)
    assert "a point" in point_message.en and "点" in point_message.zh


@pytest.mark.parametrize(
    "case,word_en,word_zh", [("line_layer", "lines", "线"), ("multipatch", "multipatch", "多面体")]
)
def test_non_polygon_layers_refused_as_a_whole(tmp_path, case, word_en, word_zh):
    source, _ = build_source(CASES_BY_NAME[case], tmp_path)
    result = _read(source)
    [issue] = result.report.must_fix
    assert issue.code == "layer_not_polygon" and issue.feature is None
    assert word_en in issue.en and word_zh in issue.zh
    assert len(result.gdf) == 0


def test_point_layer_refused(tmp_path):
    gdf = new_parcels(2)
    gdf["geometry"] = shapely.point_on_surface(gdf.geometry.values)
    result = _read(write_shapefile(gdf, tmp_path))
    assert "points" in result.report.must_fix[0].en


def test_z_values_dropped(tmp_path):
    source, _ = build_source(CASES_BY_NAME["polygon_z"], tmp_path)
    result = _read(source)
    assert result.ok and not result.gdf.geometry.has_z.any()
    assert _issues(result, "z_dropped")


def test_areas_are_ellipsoidal(tmp_path):
    shp = write_shapefile(new_parcels().to_crs(4549), tmp_path)
    result = _read(shp)
    geoms = np.asarray(result.gdf.geometry.values)
    assert result.gdf["area_m2"].tolist() == pytest.approx(list(geod_area_m2(geoms)), rel=1e-6)
    assert all(g.geom_type == "MultiPolygon" for g in geoms)

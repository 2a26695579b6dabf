"""Vertex limits, the worker's time limit and config errors (issue 14, items 3 and 6)."""

from __future__ import annotations

import dataclasses
import time

import numpy as np
import pandas as pd
import pytest
import shapely

from landinv import cli
from landinv.domain import config_from_dict, load_config
from landinv.errors import ConfigError, UsageError
from landinv.ingest import LIMITS, IngestOptions, read_upload
from landinv.ingest.limits import limits_from_config
from landinv.ingest.rawcheck import count_vertices, vertex_bound
from landinv.ingest.worker import START_ENV, check_upload
from tests.support.hostile_corpus import star_polygon
from tests.support.ingest_corpus import new_parcels, write_shapefile

GEOMETRIES = [
    "POINT (1 2)",
    "POINT Z (1 2 3)",
    "LINESTRING (0 0, 1 1, 2 0)",
    "POLYGON ((0 0, 4 0, 4 4, 0 4, 0 0), (1 1, 2 1, 2 2, 1 1))",
    "POLYGON Z ((0 0 1, 4 0 1, 4 4 1, 0 0 1))",
    "MULTIPOLYGON (((0 0, 1 0, 1 1, 0 0)), ((5 5, 6 5, 6 6, 5 6, 5 5)))",
    "GEOMETRYCOLLECTION (POINT (1 1), LINESTRING (0 0, 1 1), POLYGON ((0 0, 1 0, 1 1, 0 0)))",
    "MULTIPOINT (0 0, 1 1)",
    "POLYGON EMPTY",
]


@pytest.mark.parametrize("wkt", GEOMETRIES)
@pytest.mark.parametrize("flavor", ["iso-le", "iso-be", "ewkb-srid"])
def test_vertex_count_from_wkb_matches_geos(wkt, flavor):
    geom = shapely.from_wkt(wkt)
    if flavor == "iso-le":
        data = shapely.to_wkb(geom, flavor="iso", byte_order=1)
    elif flavor == "iso-be":
        data = shapely.to_wkb(geom, flavor="iso", byte_order=0)
    else:
        data = shapely.to_wkb(shapely.set_srid(geom, 4490), flavor="extended", include_srid=True)
    assert count_vertices(data) == shapely.get_num_coordinates(geom)
    assert vertex_bound(np.array([data], dtype=object))[0] >= count_vertices(data)


def test_a_broken_wkb_counts_as_its_length_bound():
    data = shapely.to_wkb(star_polygon(5_000))
    cut = data[: len(data) // 2]  # counts promise more coordinates than the bytes hold
    assert count_vertices(cut) == (len(cut) - 5) // 16


def _star_file(tmp_path, n=160_000):
    import geopandas as gpd

    gdf = gpd.GeoDataFrame(
        {"DKBH": ["S-1"], "LX": ["工业熟地"], "PQ": ["新都"]}, geometry=[star_polygon(n)], crs=4490
    )
    return write_shapefile(gdf, tmp_path, "star")


def test_spiky_star_is_refused_within_seconds(tmp_path):
    shp = _star_file(tmp_path)
    started = time.monotonic()
    result = read_upload(shp)
    elapsed = time.monotonic() - started
    assert [i.code for i in result.report.must_fix] == ["too_many_vertices"]
    assert "160,001" in result.report.to_text("en") and "10,000" in result.report.to_text("en")
    assert elapsed < 5, elapsed  # was 1 min 43 s before the limit (issue 14)


def test_vertex_limits_come_from_landinv_toml(tmp_path):
    shp = write_shapefile(new_parcels(3), tmp_path)  # squares: 5 vertices each
    strict = config_from_dict({"upload": {"max_vertices_per_feature": 4}})
    assert limits_from_config(strict.upload).max_vertices_per_feature == 4
    refused = read_upload(shp, config=strict)
    assert [i.code for i in refused.report.must_fix] == ["too_many_vertices"] * 3
    assert read_upload(shp, config=load_config()).report.accepted
    total = config_from_dict({"upload": {"max_vertices_per_upload": 14}})
    whole = read_upload(shp, config=total)
    assert [i.code for i in whole.report.must_fix] == ["too_many_vertices_upload"]


def test_the_worker_stops_a_check_at_its_time_limit(tmp_path):
    shp = _star_file(tmp_path)
    limits = dataclasses.replace(LIMITS, max_vertices_per_feature=10**6, check_timeout_s=2)
    started = time.monotonic()
    result = check_upload(shp, options=IngestOptions(limits=limits))
    elapsed = time.monotonic() - started
    assert [i.code for i in result.report.must_fix] == ["check_timeout"]
    assert "2 seconds" in result.report.to_text("en") and result.gdf.empty
    assert elapsed < 6, elapsed


@pytest.mark.parametrize("start", ["fork", pytest.param("subprocess", marks=pytest.mark.slow)])
def test_the_worker_returns_the_same_result_as_an_in_process_read(tmp_path, monkeypatch, start):
    monkeypatch.setenv(START_ENV, start)
    shp = write_shapefile(new_parcels(3), tmp_path)
    # The worker first: forking is safe only before the in-process read starts its threads.
    worker = check_upload(shp)
    direct = read_upload(shp)
    assert worker.report.to_dict() == direct.report.to_dict()
    assert worker.gdf.to_wkb().equals(direct.gdf.to_wkb())
    pd.testing.assert_frame_equal(
        worker.gdf.drop(columns="geometry"), direct.gdf.drop(columns="geometry")
    )
    assert list(worker.gdf.columns) == list(direct.gdf.columns)
    assert worker.gdf.crs == direct.gdf.crs and worker.gdf.geometry.name == "geometry"


def test_a_dry_run_leaves_the_rows_in_the_worker(tmp_path):
    # `landinv import --dry-run` prints the report only: the same report, no rows sent back.
    shp = write_shapefile(new_parcels(3), tmp_path)
    full = check_upload(shp)
    report_only = check_upload(shp, with_rows=False)
    assert report_only.report.to_dict() == full.report.to_dict()
    assert report_only.ok and report_only.report.n_accepted == 3 == len(full.gdf)
    assert report_only.gdf.empty and list(report_only.gdf.columns) == list(full.gdf.columns)


@pytest.mark.slow  # two interpreter starts; the AppTest uploads take this path in the fast tier
def test_the_worker_as_a_subprocess(tmp_path, monkeypatch):
    # The app (Streamlit, many threads) must not fork; its worker is a new interpreter.
    monkeypatch.setenv(START_ENV, "subprocess")
    shp = write_shapefile(new_parcels(2), tmp_path)
    result = check_upload(shp, timeout=60)
    assert result.ok, result.report.to_text("en")


def test_caller_mistakes_still_raise_from_the_worker(tmp_path):
    shp = write_shapefile(new_parcels(1), tmp_path)
    with pytest.raises(UsageError) as info:
        check_upload(shp, options=IngestOptions(zone="moon"))
    assert "moon" in info.value.en and "moon" in info.value.zh


@pytest.mark.parametrize(
    "data,key",
    [
        ({"upload": {"max_zip_members": "a"}}, "[upload] max_zip_members"),
        ({"upload": {"check_timeout_s": -1}}, "[upload] check_timeout_s"),
        ({"categories": [{"code": "ready", "name_en": "Ready"}]}, "categories[1].name_zh"),
        ({"subareas": [{"code": "n", "name_zh": "北", "name_en": 3}]}, "subareas[1].name_en"),
        ({"floors": {"ready_land_mu": "many"}}, "[floors] ready_land_mu"),
        ({"subareas": {"code": "n"}}, "[[subareas]]"),
    ],
)
def test_bad_config_values_name_the_key(data, key):
    with pytest.raises(ConfigError) as info:
        config_from_dict(data, source="landinv.toml")
    assert key in info.value.en and key in info.value.zh
    assert "landinv.toml" in info.value.en


def test_the_cli_names_the_bad_key_instead_of_an_internal_error(tmp_path, capsys):
    config = tmp_path / "landinv.toml"
    config.write_text('[upload]\nmax_zip_members = "a"\n', encoding="utf-8")
    code = cli.main(["check", "--config", str(config), "--store", str(tmp_path / "s.gpkg")])
    err = capsys.readouterr().err
    assert code == 2 and "max_zip_members" in err and "Internal error" not in err


def test_the_config_keys_and_the_limits_agree():
    from landinv.domain import UPLOAD_KEYS
    from landinv.ingest.limits import CONFIG_KEYS

    assert set(UPLOAD_KEYS) == set(CONFIG_KEYS)

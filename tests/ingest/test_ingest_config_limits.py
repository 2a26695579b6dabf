"""Upload limits set in landinv.toml reach the ingest pipeline."""

import geopandas as gpd
import pytest
import shapely

from landinv.domain import config_from_dict, load_config
from landinv.errors import UsageError
from landinv.ingest import IngestOptions, read_upload
from landinv.ingest.limits import LIMITS, limits_from_config


def _geojson(tmp_path):
    gdf = gpd.GeoDataFrame(
        {"地块编号": ["A-1"], "类型": ["工业熟地"], "片区": ["新都"]},
        geometry=[shapely.box(118.52, 28.91, 118.521, 28.911)],
        crs=4490,
    )
    path = tmp_path / "one.geojson"
    gdf.to_file(path, engine="pyogrio")
    return path


def test_limits_from_config_converts_megabytes_and_keeps_other_defaults():
    limits = limits_from_config({"max_upload_mb": 2, "max_compression_ratio": 20})
    assert limits.max_upload_bytes == 2 * 1024 * 1024
    assert limits.max_compression_ratio == 20
    assert limits.max_zip_members == LIMITS.max_zip_members
    assert limits_from_config({}) is LIMITS


def test_a_tiny_configured_cap_refuses_an_upload_the_default_accepts(tmp_path):
    path = _geojson(tmp_path)
    size_mb = path.stat().st_size / 1024 / 1024
    strict = config_from_dict({"upload": {"max_upload_mb": size_mb / 2}})
    refused = read_upload(path, options=IngestOptions(kind="parcels"), config=strict)
    assert not refused.report.accepted and refused.report.must_fix
    assert "more than the limit" in refused.report.to_text("en")
    default = read_upload(path, options=IngestOptions(kind="parcels"), config=load_config())
    assert "more than the limit" not in default.report.to_text("en")


def test_unknown_upload_keys_are_refused_with_the_known_ones_listed():
    with pytest.raises(UsageError, match="max_upload_mb"):
        config_from_dict({"upload": {"max_upload_gb": 1}})

"""The caller's choices (issue 12 items 2-4, issue 13 item 6), built with GDAL in tmp_path.

Named outcomes: a TYPE field of codes loses to ``category=`` (accepted, with a note);
``--field``/``--ignore-field`` map and skip fields; ``--number-ids`` numbers a file
without IDs (recorded in the import); identical problems are one grouped line; a
Gauss-Kruger file whose central meridian alone fits the zones is taken, close ones asked.
"""

from __future__ import annotations

import json
import shutil

import geopandas as gpd
import pytest

from landinv import cli
from landinv.errors import UsageError
from landinv.ingest import IngestOptions, read_upload
from landinv.ingest.fields import field_options
from landinv.store import open_store
from tests.support.ingest_corpus import SIDE, new_parcels, seed_store, square, write_shapefile


@pytest.fixture(scope="module")
def seeded(tmp_path_factory):
    path = tmp_path_factory.mktemp("caller") / "seed.gpkg"
    with open_store(path) as store:
        seed_store(store)
    return path


@pytest.fixture
def store_path(seeded, tmp_path):
    path = tmp_path / "inv.gpkg"
    shutil.copy(seeded, path)
    return path


def outcome(result) -> str:
    if result.choices:
        return "choose:" + ",".join(sorted(result.choices))
    if result.ok:
        return "accepted"
    return "refused:" + ",".join(sorted({i.code for i in result.report.must_fix}))


def _typed_codes(n: int = 3) -> gpd.GeoDataFrame:
    """What a GIS export often holds: an ID, and a TYPE field of numeric codes."""
    gdf = new_parcels(n).drop(columns=["类型", "片区"])
    gdf["TYPE"] = ["0"] * n
    return gdf


# -- item 2: the caller's whole-file values win -------------------------------------


def test_type_codes_are_refused_without_a_category(tmp_path, store_path):
    with open_store(store_path) as store:
        result = read_upload(write_shapefile(_typed_codes(), tmp_path), store=store)
    assert outcome(result) == "refused:unknown_category"
    assert "'0'" in result.report.must_fix[0].en and "--category" in result.report.must_fix[0].en


def test_category_for_the_whole_file_wins_over_a_type_field(tmp_path, store_path):
    with open_store(store_path) as store:
        result = read_upload(
            write_shapefile(_typed_codes(), tmp_path),
            store=store,
            options=IngestOptions(category="工业熟地"),
        )
    assert outcome(result) == "accepted"
    assert result.gdf["category"].tolist() == ["ready"] * 3
    note = next(n for n in result.report.notes if n.code == "caller_value_wins")
    assert "'TYPE'" in note.en and "(ready)" in note.en and "TYPE" in note.zh
    # The zone came from the boundaries: the caller gave none.
    assert result.gdf["zone"].tolist() == ["xindu"] * 3


def test_zone_for_the_whole_file_wins_and_a_shape_elsewhere_is_flagged(tmp_path, store_path):
    gdf = new_parcels(2)
    gdf["片区"] = ["辉埠", "金川"]  # the field says otherwise; the shapes lie in xindu
    with open_store(store_path) as store:
        result = read_upload(
            write_shapefile(gdf, tmp_path), store=store, options=IngestOptions(zone="xindu")
        )
        assert outcome(result) == "accepted" and result.gdf["zone"].tolist() == ["xindu"] * 2
        assert not result.report.warnings
        wrong = read_upload(
            write_shapefile(new_parcels(1), tmp_path / "w"),
            store=store,
            options=IngestOptions(zone="huibu"),
        )
    assert outcome(wrong) == "accepted" and wrong.gdf["zone"].tolist() == ["huibu"]
    warning = wrong.report.warnings[0]
    assert warning.code == "zone_mismatch" and "whole file was given the zone Huibu" in warning.en


def test_mapping_a_field_to_the_category_and_giving_one_is_a_usage_error(tmp_path):
    shp = write_shapefile(_typed_codes(), tmp_path)
    with pytest.raises(UsageError) as err:
        read_upload(shp, options=IngestOptions(category="ready", field_map={"TYPE": "category"}))
    assert err.value.code == "err.ingest_category_and_field" and "TYPE" in err.value.en


# -- item 3: field mapping and numbering ----------------------------------------------


def test_field_options_parse_and_validate():
    assert field_options("parcels", ["parcel_id=OBJECTID", "name = MC"], ["TYPE"]) == (
        {"OBJECTID": "parcel_id", "MC": "name"},
        ("TYPE",),
    )
    assert field_options("parcels", [("parcel_id", "DKBH"), ("name", "")]) == (
        {"DKBH": "parcel_id"},
        (),
    )
    cases = {
        ("DKBH=parcel_id",): "err.ingest_field_swapped",
        ("parcel_id",): "err.ingest_field_syntax",
        ("owner=DKBH",): "err.ingest_field_target",
        ("parcel_id=A", "parcel_id=B"): "err.ingest_field_twice",
        ("parcel_id=A", "name=A"): "err.ingest_field_source_twice",
        ("parcel_id=",): "err.ingest_field_empty",
    }
    for given, code in cases.items():
        with pytest.raises(UsageError) as err:
            field_options("parcels", given)
        assert err.value.code == code, given
    with pytest.raises(UsageError) as err:
        field_options("parcels", ["parcel_id=A"], ["A"])
    assert err.value.code == "err.ingest_field_ignored_and_mapped"
    with pytest.raises(UsageError) as err:
        field_options("buildings", ["category=TYPE"])
    assert "building_id" in err.value.en


def _no_ids(n: int = 3) -> gpd.GeoDataFrame:
    """Only an OBJECTID-like counter and an ``Id`` of 0 everywhere (ArcGIS default)."""
    gdf = new_parcels(n).drop(columns=["地块编号"])
    gdf["Id"] = [0] * n
    gdf["MC"] = [f"地块{i}" for i in range(n)]
    return gdf


def test_file_without_ids_is_refused_and_says_how_to_number(tmp_path):
    result = read_upload(write_shapefile(_no_ids(), tmp_path), options=IngestOptions())
    assert outcome(result) == "refused:no_id_field"
    assert "--number-ids" in result.report.must_fix[0].en


def test_number_ids_in_file_order(tmp_path):
    result = read_upload(
        write_shapefile(_no_ids(3), tmp_path), options=IngestOptions(number_ids="XD26")
    )
    assert outcome(result) == "accepted"
    assert result.gdf["parcel_id"].tolist() == ["XD26-0001", "XD26-0002", "XD26-0003"]
    assert result.report.numbered_ids == {
        "prefix": "XD26",
        "first": "XD26-0001",
        "last": "XD26-0003",
        "count": 3,
        "replaced_field": None,
    }
    assert any(n.code == "ids_numbered" and "XD26-0003" in n.en for n in result.report.notes)
    with pytest.raises(UsageError):
        read_upload(
            write_shapefile(_no_ids(1), tmp_path / "b"),
            options=IngestOptions(number_ids="bad prefix!"),
        )


def test_cli_field_mapping_ignore_and_numbering_recorded_in_the_import(
    capsys, tmp_path, store_path
):
    gdf = _no_ids(3)
    gdf["类型"] = ["0", "0", "0"]  # ignored below, so the TYPE-like field is not guessed
    gdf["CAT"] = ["工业熟地"] * 3
    shp = write_shapefile(gdf, tmp_path)
    code = cli.main(
        [
            "import",
            str(shp),
            "--store",
            str(store_path),
            "--json",
            "--field",
            "category=CAT",
            "--field",
            "name=MC",
            "--ignore-field",
            "类型",
            "--number-ids",
            "XD26",
        ]
    )
    report = json.loads(capsys.readouterr().out)
    assert code == 0 and report["import_id"], report["must_fix"]
    assert report["numbered_ids"]["last"] == "XD26-0003"
    fields = next(n for n in report["notes"] if n["code"] == "fields")["en"]
    assert "CAT → Category (category)" in fields and "MC → Name (name)" in fields
    assert "类型" not in fields
    zh = next(n for n in report["notes"] if n["code"] == "fields")["zh"]
    assert "CAT → 类型 (category)" in zh and "MC → 地块名称 (name)" in zh
    with open_store(store_path) as store:
        stored = store.layer("parcels", None, geometry=False)
        log = store.imports()
    mine = stored[stored["import_id"] == report["import_id"]].sort_values("parcel_id")
    assert mine["parcel_id"].tolist() == ["XD26-0001", "XD26-0002", "XD26-0003"]
    assert mine["name"].tolist() == ["地块0", "地块1", "地块2"]
    assert set(mine["category"]) == {"ready"}
    logged = json.loads(log.loc[log["import_id"] == report["import_id"], "report_json"].iloc[0])
    assert logged["numbered_ids"]["prefix"] == "XD26"


def test_cli_bad_field_mapping_exits_2_with_both_languages(capsys, tmp_path, store_path):
    shp = write_shapefile(new_parcels(1), tmp_path)
    code = cli.main(["import", str(shp), "--store", str(store_path), "--field", "DKBH=parcel_id"])
    out, err = capsys.readouterr()
    assert code == 2 and "parcel_id=DKBH" in err and "Traceback" not in out + err


def test_cli_category_wins_over_a_type_field(capsys, tmp_path, store_path):
    shp = write_shapefile(_typed_codes(), tmp_path)
    code = cli.main(
        [
            "import",
            str(shp),
            "--store",
            str(store_path),
            "--dry-run",
            "--json",
            "--category",
            "ready",
        ]
    )
    report = json.loads(capsys.readouterr().out)
    assert code == 0 and report["accepted"]
    assert any(n["code"] == "caller_value_wins" for n in report["notes"])


# -- item 4: grouped report ---------------------------------------------------------------


def test_a_thousand_features_with_one_repeated_problem_show_every_kind(tmp_path):
    n = 1000
    cols = 40
    geoms = [
        square(118.491 + (i % cols) * SIDE, 28.891 + (i // cols) * SIDE * 1.2, SIDE * 0.9)
        for i in range(n)
    ]
    gdf = gpd.GeoDataFrame(
        {"地块编号": [f"P{i + 1:04d}" for i in range(n)], "面积": [None] * n},
        geometry=geoms,
        crs=4490,
    )
    gdf.loc[6, "面积"] = 1.0  # one declared-area mismatch
    gdf.loc[9, "地块编号"] = "P0009"  # one repeated ID (features 9 and 10)
    result = read_upload(write_shapefile(gdf, tmp_path), options=IngestOptions(zone="xindu"))
    assert outcome(result) == "refused:duplicate_id_in_file,missing_category"
    text = result.report.to_text("en")
    assert "[#1–#1000: 1000 features] No category." in text
    assert "(e.g. P0001, P0002, P0003)" in text
    assert "[#9–#10: 2 features] ID P0009 appears 2 times" in text
    assert "[#7 P0007] Declared area" in text
    assert text.count("No category") == 1 and "more" not in text
    assert "必须修改 (1002 条，2 类)" in result.report.to_text("zh")
    assert len(result.report.to_dict()["must_fix"]) == 1002  # the JSON keeps every feature


def test_differently_worded_problems_group_under_a_title(tmp_path):
    gdf = new_parcels(5)
    gdf["类型"] = ["x1", "x2", "x3", "x4", "x5"]
    result = read_upload(write_shapefile(gdf, tmp_path), options=IngestOptions(zone="xindu"))
    text = result.report.to_text("en")
    assert "[#1–#5: 5 features] Unknown category (e.g. XD-N01, XD-N02, XD-N03)" in text
    assert "Unknown category 'x1'" in text and "2 more variants" in text


# -- issue 13 item 6: a clear CRS winner is taken ---------------------------------------


def test_clear_central_meridian_is_taken_and_can_be_overridden(tmp_path, store_path):
    shp = write_shapefile(new_parcels().to_crs(4549), tmp_path, prj=False)
    with open_store(store_path) as store:
        taken = read_upload(shp, store=store)
        overridden = read_upload(shp, store=store, options=IngestOptions(crs=4548))
    assert outcome(taken) == "accepted" and taken.report.source_crs == "EPSG:4549"
    assert "--crs" in taken.report.to_text("en") and taken.report.alternatives["crs"]
    assert outcome(overridden) == "refused:outside_zones"


def test_close_candidates_are_still_asked(tmp_path, store_path):
    # Half the parcels inside the zones under CM 120E, half far outside under every CM.
    inside = new_parcels(2)
    outside = new_parcels(2, x0=118.2, y0=28.5, prefix="OUT-")
    both = gpd.GeoDataFrame(pd_concat([inside, outside]), crs=4490).to_crs(4549)
    shp = write_shapefile(both, tmp_path, prj=False)
    with open_store(store_path) as store:
        result = read_upload(shp, store=store)
    assert outcome(result) == "choose:crs"
    assert result.choices["crs"][0]["inside_share"] == 0.5


def pd_concat(frames):
    import pandas as pd

    return pd.concat(frames, ignore_index=True)

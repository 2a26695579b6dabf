"""Coordinate reference systems: declared, non-standard, inferred, ranked, reprojected."""

from __future__ import annotations

import numpy as np
import pyproj
import pytest
import shapely

from landinv.errors import UsageError
from landinv.ingest import IngestOptions, read_upload
from landinv.ingest.crs import datum_family, decide_crs, gauss_kruger_table
from tests.support.ingest_corpus import (
    CASES_BY_NAME,
    NONSTANDARD_CGCS2000_WKT,
    build_source,
    new_parcels,
    write_shapefile,
    zones_gdf,
)

ESRI_CGCS2000 = (
    'GEOGCS["GCS_China_Geodetic_Coordinate_System_2000",DATUM["D_China_2000",'
    'SPHEROID["CGCS2000",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],'
    'UNIT["Degree",0.0174532925199433]]'
)
D2000_GRS80 = (
    'GEOGCS["CGCS_2000",DATUM["D_2000",SPHEROID["GRS_1980",6378137.0,'
    '298.257222101]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]'
)
UNKNOWN_DATUM = (
    'GEOGCS["Local",DATUM["D_Local_Survey",SPHEROID["GRS_1980",6378137.0,'
    '298.257222101]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]'
)
LOCAL_CM = NONSTANDARD_CGCS2000_WKT.replace("40500000.0", "500000.0").replace(
    '"Central_Meridian",120.0', '"Central_Meridian",118.5'
)


def _points(crs: int) -> np.ndarray:
    gdf = new_parcels().to_crs(crs)
    return shapely.point_on_surface(np.asarray(gdf.geometry.values))


def _bounds(crs: int):
    return tuple(new_parcels().to_crs(crs).total_bounds)


@pytest.mark.parametrize(
    "wkt,family",
    [
        (ESRI_CGCS2000, "cgcs2000"),
        (D2000_GRS80, "cgcs2000"),
        (NONSTANDARD_CGCS2000_WKT, "cgcs2000"),
        ("EPSG:2385", "xian1980"),
        ("EPSG:2437", "beijing1954"),
        ("EPSG:4326", "wgs84"),
        ("EPSG:4258", None),
        ("EPSG:4555", None),
        (UNKNOWN_DATUM, None),
    ],
)
def test_datum_families(wkt, family):
    assert datum_family(pyproj.CRS.from_user_input(wkt)) == family


def test_low_confidence_match_to_an_unrelated_datum_is_never_taken():
    # PROJ's best guesses for a GRS80 datum named D_2000 are ETRS89/NAD83 at 60 %.
    crs = pyproj.CRS.from_wkt(D2000_GRS80)
    assert crs.to_epsg() is None and crs.to_epsg(min_confidence=20) not in (None, 4490)
    decision = decide_crs(D2000_GRS80, (118.5, 28.9, 118.6, 29.0), np.array([]), None)
    assert decision.label == "EPSG:4490" and decision.method == "declared"


def test_unrecognised_datum_falls_back_to_the_coordinates():
    decision = decide_crs(UNKNOWN_DATUM, (118.5, 28.9, 118.6, 29.0), np.array([]), None)
    assert decision.label == "EPSG:4490" and decision.method == "inferred"
    assert "cannot be recognised reliably" in decision.en


def test_nonstandard_projected_wkt_maps_to_epsg_4528(tmp_path):
    source, _ = build_source(CASES_BY_NAME["nonstandard_cgcs2000_prj"], tmp_path)
    result = read_upload(source, options=IngestOptions(zone="xindu"))
    assert result.report.source_crs == "EPSG:4528"
    _assert_same_place(result)


def test_local_central_meridian_gets_an_explicit_crs(tmp_path):
    local = pyproj.CRS.from_wkt(LOCAL_CM)
    shp = write_shapefile(new_parcels().to_crs(local), tmp_path)
    shp.with_suffix(".prj").write_text(LOCAL_CM)
    result = read_upload(shp, options=IngestOptions(zone="xindu"))
    assert result.ok
    assert "CM 118.5E" in result.report.source_crs
    _assert_same_place(result)


@pytest.mark.parametrize("epsg", [4527, 4528, 4498])
def test_zone_number_in_the_easting_gives_the_exact_crs(epsg):
    decision = decide_crs(None, _bounds(epsg), _points(epsg), None)
    assert decision.label == f"EPSG:{epsg}" and decision.method == "inferred"


def test_gauss_kruger_table():
    table = gauss_kruger_table("cgcs2000")
    assert table[(117.0, 39_500_000.0)] == 4527
    assert table[(120.0, 40_500_000.0)] == 4528
    assert table[(117.0, 500_000.0)] == 4548  # the 3-degree CRS wins over 6-degree
    assert table[(120.0, 500_000.0)] == 4549


@pytest.mark.parametrize("epsg,cm", [(4549, 120.0), (4548, 117.0)])
def test_plain_gauss_kruger_clear_winner_is_taken(epsg, cm):
    # The same parcels written with either central meridian: the right one puts every
    # parcel inside the zones, the others none (~280 km away): taken without asking.
    decision = decide_crs(None, _bounds(epsg), _points(epsg), zones_gdf())
    assert decision.label == f"EPSG:{epsg}" and decision.method == "inferred"
    assert decision.crs.to_epsg() == epsg and not decision.choices
    assert f"CM {cm:g}E" in decision.en and "100%" in decision.en
    others = decision.alternatives
    assert others and all(c["inside_share"] == 0 and c["distance_km"] > 200 for c in others)


def test_plain_gauss_kruger_without_zones_lists_every_central_meridian():
    decision = decide_crs(None, _bounds(4549), _points(4549), None)
    assert len(decision.choices) >= 20
    assert all(c["inside_share"] is None for c in decision.choices)


def test_chosen_crs_is_then_used(tmp_path):
    source, _ = build_source(CASES_BY_NAME["gauss_kruger_no_prefix_no_prj"], tmp_path)
    result = read_upload(source, options=IngestOptions(zone="xindu", crs=4549))
    assert result.ok and result.report.source_crs == "EPSG:4549"
    _assert_same_place(result)


def test_degrees_without_prj_are_cgcs2000(tmp_path):
    shp = write_shapefile(new_parcels(), tmp_path, prj=False)
    result = read_upload(shp, options=IngestOptions(zone="xindu"))
    assert result.ok and result.report.source_crs == "EPSG:4490"
    assert "GCJ-02" in next(n.en for n in result.report.notes if n.code == "crs")


def test_geographic_declaration_on_metre_coordinates_is_not_believed(tmp_path):
    shp = write_shapefile(new_parcels().to_crs(4528), tmp_path)
    shp.with_suffix(".prj").write_text(pyproj.CRS(4490).to_wkt("WKT1_ESRI"))
    result = read_upload(shp, options=IngestOptions(zone="xindu"))
    assert result.report.source_crs == "EPSG:4528"
    _assert_same_place(result)


def test_unknown_coordinates_ask_for_a_crs():
    decision = decide_crs(None, (2_500_000, 1_000, 2_600_000, 2_000), np.array([]), None)
    assert decision.crs is None and decision.method == "unknown"
    assert "EPSG" in decision.en


@pytest.mark.parametrize("case_epsg,family", [(2385, "Xian 1980"), (2437, "Beijing 1954")])
def test_old_datums_are_reprojected_with_an_accuracy_warning(tmp_path, case_epsg, family):
    shp = write_shapefile(new_parcels().to_crs(case_epsg), tmp_path)
    result = read_upload(shp, options=IngestOptions(zone="xindu"))
    assert result.ok and result.report.source_crs == f"EPSG:{case_epsg}"
    warning = next(w for w in result.report.warnings if w.code == "datum_accuracy")
    assert family in warning.en and "metres" in warning.en
    assert result.gdf.crs.to_epsg() == 4490


def test_override_and_bad_override(tmp_path):
    shp = write_shapefile(new_parcels(), tmp_path)
    assert read_upload(shp, options=IngestOptions(zone="xindu", crs="EPSG:4490")).ok
    with pytest.raises(UsageError):
        read_upload(shp, options=IngestOptions(crs="not a crs"))


def _assert_same_place(result):
    """Stored geometries are where the parcels were drawn (to 1e-7 degrees, ~1 cm)."""
    expected = new_parcels().set_index("地块编号").geometry
    for pid, geom in zip(result.gdf["parcel_id"], result.gdf.geometry):
        assert shapely.hausdorff_distance(geom, expected[pid]) < 1e-7


def test_zone_codes_by_formula_agree_with_the_epsg_table():
    from landinv.ingest.crs import CGCS2000_3DEG_PLAIN, cgcs2000_zone_code

    table = gauss_kruger_table("cgcs2000")
    for zone in [*range(13, 24), *range(25, 46)]:
        lon_0 = zone * 3.0 if zone >= 25 else zone * 6.0 - 3.0
        assert cgcs2000_zone_code(zone, lon_0) == table[(lon_0, zone * 1_000_000 + 500_000.0)]
    plain = sorted(
        {code for (lon_0, x_0), code in table.items() if x_0 == 500_000.0 and lon_0 % 3 == 0}
    )
    assert plain == list(CGCS2000_3DEG_PLAIN)


def test_gauss_kruger_codes_by_formula_agree_with_the_table_for_every_entry():
    from landinv.ingest.crs import gauss_kruger_code

    for family in ("cgcs2000", "xian1980", "beijing1954"):
        for (lon_0, x_0), code in gauss_kruger_table(family).items():
            assert gauss_kruger_code(family, lon_0, x_0) == code, (family, lon_0, x_0)

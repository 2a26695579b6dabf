"""Every corpus file reaches its named outcome; refused files leave the store as it was."""

from __future__ import annotations

import hashlib

import pytest

from landinv.ingest import IngestOptions, read_upload
from landinv.ingest.shapefile_read import start_geometry
from landinv.store.gpkg import GpkgStore
from tests.support.ingest_corpus import CASES, build_source, outcome, seed_store


@pytest.fixture(scope="module")
def seeded_store(tmp_path_factory):
    """One GeoPackage inventory with test zones, parcels and buildings (read only here)."""
    path = tmp_path_factory.mktemp("inventory") / "inventory.gpkg"
    store = GpkgStore(path)
    seed_store(store)
    yield store
    store.close()


def _fingerprint(store) -> str:
    return hashlib.sha256(store.path.read_bytes()).hexdigest()


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_corpus_case_reaches_its_outcome(case, seeded_store, tmp_path):
    source, filename = build_source(case, tmp_path / "in")
    before = _fingerprint(seeded_store)
    result = read_upload(
        source, filename=filename, options=IngestOptions(**case.options), store=seeded_store
    )
    assert outcome(result) == case.outcome, result.report.to_text("en")
    fixed = {i.code for i in result.report.fixed}
    assert set(case.fixed) <= fixed, result.report.to_text("en")
    if case.accepted is not None:
        assert result.report.n_accepted == case.accepted
        assert len(result.gdf) == case.accepted
    if case.outcome == "accepted":
        assert len(result.gdf) == result.report.n_read
        assert result.gdf.crs.to_epsg() == 4490
        assert set(result.gdf.geom_type) == {"MultiPolygon"}
    # read_upload never writes: the GeoPackage is byte-for-byte what it was.
    assert _fingerprint(seeded_store) == before


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_the_concurrent_shapefile_read_gives_the_same_result(
    case, seeded_store, tmp_path, monkeypatch, capfd
):
    # Shapefiles of 20,000 records or more are read in three concurrent parts
    # (landinv/ingest/shapefile_read.py); the corpus is small, so the threshold is
    # lowered to 0 here: every case must come out exactly as from the one-call read.
    from landinv.ingest import reading

    source, filename = build_source(case, tmp_path / "in")
    options = IngestOptions(**case.options)

    def run():
        return read_upload(source, filename=filename, options=options, store=seeded_store)

    whole = run()
    started = []
    monkeypatch.setattr(reading, "SPLIT_MIN_RECORDS", 0)
    monkeypatch.setattr(
        reading, "start_geometry", lambda *a: started.append(a) or start_geometry(*a)
    )
    split = run()
    restored = any(i.code == "shx_restored" for i in whole.report.fixed)
    if whole.report.format == "shapefile" and whole.report.encoding and not restored:
        assert started, "the concurrent read was not used"
    assert split.report.to_dict() == whole.report.to_dict()
    # GDAL's messages go through pyogrio in the reading threads too (they are per
    # thread): nothing reaches the console ("Warning 1: Non closed ring detected").
    assert "Warning" not in capfd.readouterr().err
    assert split.gdf.to_wkb().equals(whole.gdf.to_wkb())
    assert split.gdf.drop(columns="geometry").equals(whole.gdf.drop(columns="geometry"))

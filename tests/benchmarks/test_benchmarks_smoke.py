"""The benchmarks run and produce their figures, at a tiny size (200 parcels).

Correctness only: no assertion here is about speed (speed goals belong in
``python benchmarks/run.py`` and benchmarks/RESULTS.md). What is asserted is
that the synthetic data is what docs/benchmarks.md promises, that every
workload measures both sides of its comparison, and that the accuracy figures
(areas, map outlines, floors) are right. Browser workloads skip without
Chromium (fail with CI=true); the PostGIS summary needs the test server.
"""

from __future__ import annotations

import math
import sys
import zipfile
from pathlib import Path

import numpy as np
import pyogrio
import pytest
import shapely

ROOT = Path(__file__).resolve().parents[2]
# benchmarks/ is a folder of the repo, not part of the installed package.
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks import (  # noqa: E402
    app_rerun,
    area_accuracy,
    datasets,
    first_paint,
    ingest_speed,
    map_payload,
    summary_scale,
    synth,
)
from benchmarks import run as bench_run  # noqa: E402

pytestmark = pytest.mark.slow

N = 200


@pytest.fixture(scope="module")
def ctx(tmp_path_factory):
    return datasets.Context(
        sizes=datasets.PRESETS["smoke"],
        out=tmp_path_factory.mktemp("bench-out"),
        log=lambda m: None,
    )


def _measured(row) -> bool:
    return row.ours is not None and math.isfinite(row.ours) and row.ours >= 0


def _compared(row) -> bool:
    return _measured(row) and row.naive is not None and row.naive > 0 and row.ratio is not None


# -- synthetic data ---------------------------------------------------------------


def test_parcels_have_8_to_30_vertices_and_never_overlap():
    parcels = synth.make_parcels(2000, seed=5)
    geoms = np.asarray(parcels.geometry.values, dtype=object)
    vertices = shapely.get_num_coordinates(geoms) - 1  # the closing vertex repeats
    assert vertices.min() >= synth.MIN_VERTICES and vertices.max() <= synth.MAX_VERTICES
    assert shapely.is_valid(geoms).all()
    tree = shapely.STRtree(geoms)
    left, right = tree.query(geoms, predicate="intersects")
    assert (left == right).all(), "parcels of one layer must not touch or overlap"
    assert parcels.crs.to_epsg() == 4490
    assert parcels["parcel_id"].is_unique


def test_parcels_mix_rotated_rectilinear_blocks_and_irregular_outlines():
    outlines = synth.make_outlines(400, seed=2)

    def right_angled(poly) -> bool:
        xy = np.asarray(poly.exterior.coords)[:-1]
        a = np.roll(xy, -1, axis=0) - xy
        b = np.roll(a, -1, axis=0)
        cos = (a * b).sum(1) / np.hypot(*a.T) / np.hypot(*b.T)
        return bool(np.all(np.abs(cos) < 1e-9))

    def first_edge_angle(poly) -> int:
        (x0, y0), (x1, y1) = np.asarray(poly.exterior.coords)[:2]
        return round(np.degrees(np.arctan2(y1 - y0, x1 - x0))) % 90

    blocks = [right_angled(p) for p in outlines]
    assert 0.3 < np.mean(blocks) < 0.7
    rotations = {first_edge_angle(p) for p, b in zip(outlines, blocks) if b}
    assert len(rotations) > 20, "rectilinear blocks come at many rotations"


def test_generation_is_deterministic_and_layers_interleave():
    a = synth.make_parcels(300, seed=9, cells="even")
    b = synth.make_parcels(300, seed=9, cells="even")
    assert a.geometry.to_wkb().tolist() == b.geometry.to_wkb().tolist()
    assert a.drop(columns="geometry").equals(b.drop(columns="geometry"))
    odd = synth.make_parcels(300, seed=10, cells="odd")
    tree = shapely.STRtree(np.asarray(a.geometry.values))
    assert len(tree.query(np.asarray(odd.geometry.values), predicate="intersects")[0]) == 0
    moved = synth.make_parcels(300, seed=10, cells="odd", overlap_share=0.1)
    hits = tree.query(np.asarray(moved.geometry.values), predicate="overlaps")[0]
    assert 10 < len(set(hits)) < 60


def test_chunks_of_one_grid_do_not_overlap():
    first = synth.make_parcels(100, seed=1, start=0, total=200)
    second = synth.make_parcels(100, seed=2, start=100, total=200)
    assert set(first["parcel_id"]).isdisjoint(second["parcel_id"])
    tree = shapely.STRtree(np.asarray(first.geometry.values))
    assert len(tree.query(np.asarray(second.geometry.values), predicate="intersects")[0]) == 0


def test_buildings_lie_inside_their_parcels():
    parcels = synth.make_parcels(400, seed=4)
    buildings = synth.make_buildings(parcels, seed=4)
    assert len(buildings) > 20
    hosts = parcels.set_index("parcel_id").loc[buildings["parcel_id"]].geometry.values
    assert shapely.contains(np.asarray(hosts), np.asarray(buildings.geometry.values)).all()
    assert buildings["is_standard_factory"].any() and not buildings["is_standard_factory"].all()


def test_zipped_shapefile_is_gbk_gauss_kruger_without_cpg(tmp_path):
    parcels = synth.make_parcels(50, seed=3)
    path = synth.write_zipped_shapefile(synth.to_survey_fields(parcels), tmp_path / "survey.zip")
    with zipfile.ZipFile(path) as zf:
        names = sorted(zf.namelist())
        dbf = zf.read("survey.dbf")
    assert names == ["survey.dbf", "survey.prj", "survey.shp", "survey.shx"]
    assert dbf[29] == 0, "no code page in the DBF header"
    assert "地块编号".encode("gbk") in dbf and "工业熟地".encode("gbk") in dbf
    read = pyogrio.read_dataframe(path, encoding="GBK")
    assert read.crs.to_epsg() == synth.GK_EPSG
    assert read["地块编号"].tolist() == parcels["parcel_id"].tolist()
    assert set(read["片区"]) <= {"新都片区", "辉埠片区", "金川片区"}
    (tmp_path / "again").mkdir()
    again = synth.write_zipped_shapefile(
        synth.to_survey_fields(parcels), tmp_path / "again" / "survey.zip"
    )
    assert again.read_bytes() == path.read_bytes(), "same input, byte-identical file"


# -- workloads ----------------------------------------------------------------------


def test_ingest_workload_measures_both_and_catches_the_overlaps(ctx):
    rows = ingest_speed.run(ctx)
    clean, memory, overlapped = rows[0], rows[1], rows[-1]
    assert _compared(clean) and _compared(overlapped)
    assert f"accepted {N:,}" in clean.note
    assert memory.ours > 0 and memory.naive > 0
    assert "refused as expected" in overlapped.note and "overlap" in overlapped.note
    process = next(r for r in rows if r.metric.startswith("whole process"))
    assert _compared(process) and "import --dry-run" in process.metric


def test_area_workload_is_accurate(ctx):
    timing, accuracy = area_accuracy.run(ctx)
    assert _compared(timing)
    assert accuracy.ours <= area_accuracy.MAX_REL_ERROR and accuracy.met


def test_map_workload_keeps_outlines_within_a_metre(ctx):
    size, build, outline = map_payload.run(ctx)
    assert _compared(size) and _compared(build)
    assert size.ours < size.naive
    assert "fields present" in size.note
    assert outline.ours <= map_payload.MAX_OUTLINE_M


def test_naive_page_loads_nothing_from_the_internet():
    html = (
        '<script src="https://cdn.jsdelivr.net/npm/leaflet@1.9.3/dist/leaflet.js"></script>\n'
        '<script src="https://code.jquery.com/jquery-3.7.1.min.js"></script>\n'
        '<link rel="stylesheet" href="https://cdn.jsdelivr.net/npm/leaflet@1.9.3/dist/'
        'leaflet.css"/>\n<link rel="stylesheet" href="https://x.example/b.css"/>\n'
    )
    local = first_paint.localise_naive(html)
    assert "https://" not in local
    assert 'src="vendor/leaflet/leaflet.js"' in local
    assert 'href="vendor/leaflet/leaflet.css"' in local


def test_paint_workload_times_both_pages(ctx):
    from tests.support.browser import need_browser

    need_browser()
    (row,) = first_paint.run(ctx)
    assert _compared(row)
    for name in (f"ours-{N}.png", f"naive-{N}.png"):
        assert (ctx.out / "paint" / name).stat().st_size > 1000


def test_app_workload_reruns_and_measures_the_server(ctx):
    from tests.support.browser import need_browser

    need_browser()
    rows = app_rerun.run(ctx)
    reruns, memory = rows[:2], rows[2]
    assert all(_compared(r) for r in reruns)
    assert _measured(memory) and memory.ours > 0, memory.note


def test_summary_workload_agrees_with_the_naive_sum(ctx):
    ctx_gpkg = datasets.Context(sizes=ctx.sizes, out=ctx.out, log=ctx.log)
    rows = summary_scale.run(ctx_gpkg)
    timing = rows[0]
    assert _compared(timing)
    assert "same floors as naive" in timing.note
    assert rows[-1].ours is None and "not measured" in rows[-1].note  # no PostGIS given


@pytest.mark.postgis
def test_summary_workload_on_postgis(ctx, pg_url):
    ctx_pg = datasets.Context(sizes=ctx.sizes, out=ctx.out, log=ctx.log, pg_url=pg_url)
    rows = [r for r in summary_scale.run(ctx_pg) if r.metric.startswith("PostGIS")]
    timing = rows[0]
    assert _compared(timing)
    assert "same floors as naive" in timing.note


def test_run_prints_the_table_and_writes_results(ctx, tmp_path, capsys):
    results = tmp_path / "RESULTS.md"
    code = bench_run.main(
        ["--preset", "smoke", "--only", "area", "--out", str(ctx.out), "--results", str(results)]
    )
    assert code == 0
    printed = capsys.readouterr().out
    assert "ours" in printed and "naive" in printed and "ratio" in printed
    text = results.read_text(encoding="utf-8")
    for needle in ("## Machine", "cores", "RAM", "Python", "shapely", "| 2 area |"):
        assert needle in text

"""The monthly Word report: the dashboard's figures for the month, a chart and the map."""

import datetime as dt
import io
import shutil

import pytest
from docx import Document
from PIL import Image

from landinv import cli
from landinv.analysis import inventory_report, stock_events
from landinv.domain import Config, load_config
from landinv.sample.seed import open_seeded
from landinv.services import planning as svc
from landinv.services.monthly_report import write_monthly_report
from landinv.store import open_store

MONTH = dt.date(2025, 5, 1)
MONTH_END = dt.date(2025, 5, 31)
FROM = dt.date(2025, 6, 1)


@pytest.fixture(scope="module")
def seeded(tmp_path_factory):
    path = tmp_path_factory.mktemp("report") / "seed.gpkg"
    open_seeded(path).close()
    return path


@pytest.fixture
def store(seeded, tmp_path):
    path = tmp_path / "inv.gpkg"
    shutil.copy(seeded, path)
    with open_store(path) as s:
        yield s


def _cells(table):
    return [[c.text for c in row.cells] for row in table.rows]


@pytest.mark.slow  # an end-to-end flow of several seconds: full suite only
def test_report_figures_match_the_analysis_functions(store, tmp_path):
    cfg = Config()
    out = write_monthly_report(store, cfg, MONTH, tmp_path / "月报.docx", forecast_from=FROM)
    doc = Document(str(out))  # opens with python-docx
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "2025" in doc.paragraphs[0].text and "月报" in doc.paragraphs[0].text
    report = inventory_report(store, MONTH_END, cfg, lang="zh")

    floors = _cells(doc.tables[0])[1:]
    assert len(floors) == 2
    for row, check in zip(floors, report.checks):
        assert row[1] == f"{check.value:,.2f}"
        assert row[2] == f"{check.floor:,.2f}"
        assert row[3] == f"{check.margin:,.2f}"
    # the sample's ready land is below its floor at the end of May 2025
    assert not report.check("ready_land").holds and floors[0][4] == "未达标"

    table = _cells(doc.tables[1])[1:]
    assert [r[3] for r in table] == [f"{v:,.2f}" for v in report.table["area_mu"]]
    assert [r[2] for r in table] == [str(int(v)) for v in report.table["count"]]

    events = stock_events(
        store.layer("parcels", None, geometry=False),
        store.layer("buildings", None, geometry=False),
        cfg,
        MONTH,
        MONTH_END,
    )
    shown = _cells(doc.tables[2])[1:]
    assert len(shown) == len(events) > 0
    assert [r[2] for r in shown] == list(events["object_id"])

    fc = svc.scenario_forecast(store, cfg, as_of=FROM, months=12)
    forecast_rows = next(t for t in doc.tables if _cells(t)[0][0] == "月份")
    rows = _cells(forecast_rows)[1:]
    assert [r[0] for r in rows] == list(fc.months["month"])
    assert [r[1] for r in rows] == [f"{v:,.2f}" for v in fc.months["ready_land_mu"]]

    # targets: 2025 targets, year to date at the month end, as on the dashboard
    targets = next(t for t in doc.tables if _cells(t)[0][1] == "目标(亩)")
    got = {r[0]: r[2] for r in _cells(targets)[1:]}
    for row in report.annual.itertuples():
        assert got[f"{cfg.name_zh} · {row.category_zh}"] == f"{row.area_mu:,.2f}"

    pictures = list(doc.inline_shapes)
    assert len(pictures) >= 2  # the chart and the map
    blobs = [r.target_part.blob for r in doc.part.rels.values() if "image" in r.reltype]
    sizes = [Image.open(io.BytesIO(b)).size for b in blobs]
    assert all(w > 600 and h > 400 for w, h in sizes)
    assert "示例数据" in text  # the illustrative sample is labelled


@pytest.mark.slow  # an end-to-end flow of several seconds: full suite only
def test_english_report_and_cli(store, tmp_path, capsys):
    out = tmp_path / "report.docx"
    code = cli.main(
        [
            "report",
            "--month",
            "2025-05",
            "--format",
            "docx",
            "--out",
            str(out),
            "--lang",
            "en",
            "--store",
            store.location,
        ]
    )
    assert code == 0, capsys.readouterr().err
    doc = Document(str(out))
    assert doc.paragraphs[0].text.startswith("Changshan Economic Development Zone")
    assert _cells(doc.tables[0])[0][0] == "Floor"
    assert len(doc.inline_shapes) >= 2
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "plan (default scenario)" in text  # the scenario named, not its bare code
    code = cli.main(["report", "--month", "2025-13", "--out", str(out), "--store", store.location])
    err = capsys.readouterr().err
    assert code == 2 and "YYYY-MM" in err and "年-月" in err


def test_area_target_progress_counts_land_inside_the_platform(store):
    cfg = load_config("landinv.toml")
    svc.set_area_from_zones(store, cfg, "eco_platform", ["huibu"], date=dt.date(2025, 1, 1))
    progress = svc.progress(store, cfg, as_of=dt.date(2026, 3, 1), year=2026)
    row = progress[progress["area"] == "eco_platform"].iloc[0]
    assert row["target_mu"] == 1800 and not row["area_missing"]
    # a parcel outside the platform becoming ready does not count; one inside does
    parcels = store.layer("parcels", dt.date(2026, 3, 1))
    inside = parcels[
        (parcels["zone"] == "huibu")
        & (parcels["category"] != "ready")
        & (parcels["status"] == "available")
    ].iloc[0]
    outside = parcels[
        (parcels["zone"] == "xindu")
        & (parcels["category"] != "ready")
        & (parcels["status"] == "available")
    ].iloc[0]
    for pid in (inside["parcel_id"], outside["parcel_id"]):
        svc.add_planned(
            store,
            cfg,
            {"kind": "ready", "object_id": pid, "date": dt.date(2026, 6, 1)},
            today=dt.date(2026, 3, 1),
        )
    after = svc.progress(store, cfg, as_of=dt.date(2026, 3, 1), year=2026)
    row2 = after[after["area"] == "eco_platform"].iloc[0]
    assert row2["planned_mu"] - row["planned_mu"] == pytest.approx(
        inside["area_m2"] / (10000 / 15), rel=1e-9
    )

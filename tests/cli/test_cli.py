"""The `landinv` command on the sample store: every command, exit codes, bad arguments."""

import datetime as dt
import json
import subprocess
import sys

import openpyxl
import pyogrio
import pytest

from landinv import analysis as reports
from landinv import cli
from landinv.domain import M2_PER_MU, Config
from landinv.sample.seed import open_seeded
from landinv.store import open_store


def run(capsys, *argv):
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def _dip_date(store_path):
    """A date inside a ready-land breach, found from the store's own history."""
    with open_store(store_path) as store:
        parcels = store.layer("parcels", None, geometry=False)
        buildings = store.layer("buildings", None, geometry=False)
    series = reports.stock_series(
        parcels, buildings, Config(), dt.date(2025, 1, 1), dt.date(2025, 12, 31)
    )
    below = series[series["ready_land_mu"] < 2000]
    assert len(below), "the sample history must dip below the ready-land floor"
    return below["date"].iloc[len(below) // 2]


def test_check_json_today_holds(capsys, store_path):
    code, out, _ = run(capsys, "check", "--json", "--store", store_path)
    payload = json.loads(out)
    assert code == 0 and payload["ok"] is True
    assert payload["ready_land_mu"] >= payload["ready_land_floor_mu"] == 2000
    assert payload["factory_floor_area_m2"] >= payload["factory_floor_m2"] == 100_000
    assert payload["as_of"] == dt.date.today().isoformat()


def test_check_in_the_dip_reports_breach_and_exits_1(capsys, store_path):
    day = _dip_date(store_path)
    code, out, _ = run(capsys, "check", "--json", "--as-of", str(day)[:10], "--store", store_path)
    payload = json.loads(out)
    assert code == 1 and payload["ok"] is False
    assert payload["ready_land_mu"] < 2000


def test_summary_table_and_json_agree_with_the_store(capsys, store_path):
    code, out, _ = run(
        capsys, "summary", "--as-of", "2025-12-31", "--format", "json", "--store", store_path
    )
    assert code == 0
    data = json.loads(out)
    with open_store(store_path) as store:
        raw = store.summary(dt.date(2025, 12, 31))
    ready = raw[(raw.category == "ready") & (raw.status == "available")]["area_m2"].sum()
    assert data["check"]["ready_land_mu"] == pytest.approx(ready / M2_PER_MU)
    code, out, _ = run(capsys, "summary", "--store", store_path, "--lang", "zh")
    assert code == 0 and "新都" in out and "工业熟地" in out


def test_summary_csv_has_bom_and_xlsx_has_three_sheets(capsys, store_path, tmp_path):
    csv_path = tmp_path / "s.csv"
    code, _, _ = run(
        capsys, "summary", "--format", "csv", "--out", str(csv_path), "--store", store_path
    )
    assert code == 0 and csv_path.read_bytes().startswith(b"\xef\xbb\xbf")
    xlsx = tmp_path / "s.xlsx"
    code, _, _ = run(
        capsys, "summary", "--format", "xlsx", "--out", str(xlsx), "--store", store_path
    )
    assert code == 0
    book = openpyxl.load_workbook(xlsx)
    assert len(book.sheetnames) >= 3


@pytest.mark.parametrize("fmt", ["gpkg", "geojson", "csv"])
def test_export_writes_every_row_with_areas(capsys, store_path, tmp_path, fmt):
    out = tmp_path / f"parcels.{fmt}"
    code, _, _ = run(
        capsys,
        "export",
        "--layer",
        "parcels",
        "--format",
        fmt,
        "--out",
        str(out),
        "--as-of",
        "2025-12-31",
        "--store",
        store_path,
    )
    assert code == 0 and out.exists()
    with open_store(store_path) as store:
        expected = len(store.layer("parcels", dt.date(2025, 12, 31), geometry=False))
    if fmt == "csv":
        import csv

        with open(out, encoding="utf-8-sig", newline="") as fh:
            rows = list(csv.reader(fh))
        assert len(rows) - 1 == expected
        assert any("mu" in h or "亩" in h for h in rows[0])
    else:
        df = pyogrio.read_dataframe(out)
        assert len(df) == expected
        mu_col = next(c for c in df.columns if "mu" in c or "亩" in c)
        m2_col = next(c for c in df.columns if c in ("area_m2",) or "平方米" in c)
        assert (df[mu_col] * M2_PER_MU).round(6).tolist() == df[m2_col].round(6).tolist()


def test_supply_history_and_undo_round_trip(capsys, store_path, tmp_path):
    with open_store(store_path) as store:
        current = store.layer("parcels", dt.date.today(), geometry=False)
    ready = current[(current.category == "ready") & (current.status == "available")]
    pid = ready["parcel_id"].iloc[0]
    code, _, _ = run(
        capsys,
        "supply",
        pid,
        "--date",
        "2026-01-15",
        "--project",
        "测试项目",
        "--store",
        store_path,
    )
    assert code == 0
    code, out, _ = run(capsys, "history", "--parcel", pid, "--json", "--store", store_path)
    versions = json.loads(out)["versions"]
    assert [v["status"] for v in versions][-2:] == ["available", "supplied"]
    code, _, err = run(
        capsys, "supply", pid, "--date", "2026-01-16", "--project", "again", "--store", store_path
    )
    assert code == 2 and "already supplied" in err
    code, _, err = run(capsys, "undo", "IMP-nope", "--store", store_path)
    assert code == 2 and "No import" in err


@pytest.mark.parametrize(
    "argv,needle",
    [
        (["summary", "--zone", "moon"], "Unknown zone"),
        (["check", "--as-of", "2025-02-30"], "YYYY-MM-DD"),
        (["summary", "--as-of", "yesterday"], "YYYY-MM-DD"),
        (["check", "--store", "/no/such/folder/inv.gpkg"], "does not exist"),
        (["check", "--store", "/tmp/not-a-store.txt"], ".gpkg"),
        (["export", "--layer", "roads", "--format", "gpkg", "--out", "x.gpkg"], "invalid choice"),
    ],
)
def test_bad_arguments_exit_2_with_a_clear_message(capsys, store_path, argv, needle):
    if "--store" not in argv:
        argv = argv + ["--store", store_path]
    try:  # argparse-level errors exit through SystemExit(2), ours return 2
        code = cli.main(argv)
    except SystemExit as exc:
        code = exc.code
    err = capsys.readouterr().err
    assert code == 2
    assert needle in err
    assert "Traceback" not in err


@pytest.mark.slow  # an interpreter start; the in-process test above checks the same message
def test_real_process_prints_no_traceback_for_a_missing_store_folder():
    proc = subprocess.run(
        [sys.executable, "-m", "landinv", "check", "--store", "/no/such/dir/inv.gpkg"],
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    assert "库文件所在文件夹不存在" in proc.stderr and "does not exist" in proc.stderr


def test_sample_command_writes_the_three_layers(capsys, tmp_path):
    code, out, _ = run(capsys, "sample", "--out", str(tmp_path / "data"))
    assert code == 0
    for layer in ("zones", "parcels", "buildings"):
        assert (tmp_path / "data" / layer / f"{layer}.geojson").is_file()
    assert json.loads(out)["totals"]


def _survey_zip(tmp_path, store_path, *, n=2):
    """A zipped GBK shapefile of small ready parcels in a gap of the sample zone."""
    import zipfile

    import geopandas as gpd
    import shapely

    with open_store(store_path) as store:
        zones = store.zones()
        stored = store.layer("parcels", None)
    zone = zones[zones["code"] == "jinchuan"].geometry.iloc[0]
    free = zone.difference(stored.geometry.union_all().buffer(0.0002))
    # Pick a free spot inside the zone and put n small squares there.
    spot = free.representative_point()
    squares = [
        shapely.box(spot.x + i * 0.0004, spot.y, spot.x + i * 0.0004 + 0.0003, spot.y + 0.0003)
        for i in range(n)
    ]
    squares = [sq for sq in squares if free.contains(sq)] or squares[:1]
    gdf = gpd.GeoDataFrame(
        {"地块编号": [f"T-{i}" for i in range(len(squares))], "类型": ["工业熟地"] * len(squares)},
        geometry=squares,
        crs=4490,
    )
    folder = tmp_path / "shp"
    folder.mkdir()
    gdf.to_file(folder / "新增地块.shp", encoding="GBK", engine="pyogrio")
    zpath = tmp_path / "survey.zip"
    with zipfile.ZipFile(zpath, "w") as zf:
        for f in folder.iterdir():
            zf.write(f, f"成果/{f.name}")
    return zpath, len(squares)


def test_import_dry_run_then_import_then_refuse_the_same_file(capsys, store_path, tmp_path):
    zpath, n = _survey_zip(tmp_path, store_path)
    before = open(store_path, "rb").read()
    code, out, _ = run(capsys, "import", str(zpath), "--dry-run", "--json", "--store", store_path)
    report = json.loads(out)
    assert code == 0 and report["dry_run"] is True and report["import_id"] is None
    assert open(store_path, "rb").read() == before  # a dry run stores nothing

    code, out, _ = run(capsys, "import", str(zpath), "--json", "--store", store_path)
    report = json.loads(out)
    assert code == 0 and report["import_id"].startswith("IMP-")
    with open_store(store_path) as store:
        assert store.find_import(report["sha256"]) == report["import_id"]
        now = store.layer("parcels", dt.date.today(), geometry=False)
    assert {f"T-{i}" for i in range(n)} <= set(now["parcel_id"])

    after_first = open(store_path, "rb").read()
    code, out, _ = run(capsys, "import", str(zpath), "--store", store_path)
    assert code == 2
    assert open(store_path, "rb").read() == after_first  # refused: byte-for-byte unchanged

    code, out, _ = run(capsys, "undo", report["import_id"], "--store", store_path)
    assert code == 0
    with open_store(store_path) as store:
        now = store.layer("parcels", dt.date.today(), geometry=False)
    assert not ({f"T-{i}" for i in range(n)} & set(now["parcel_id"]))


def test_import_of_a_line_layer_is_refused_with_exit_2(capsys, store_path, tmp_path):
    import geopandas as gpd
    import shapely

    lines = gpd.GeoDataFrame(
        {"地块编号": ["L-1"]},
        geometry=[shapely.LineString([(118.5, 28.9), (118.51, 28.91)])],
        crs=4490,
    )
    path = tmp_path / "lines.geojson"
    lines.to_file(path, engine="pyogrio")
    before = open(store_path, "rb").read()
    code, out, err = run(capsys, "import", str(path), "--store", store_path)
    assert code == 2 and "Traceback" not in out + err
    assert open(store_path, "rb").read() == before


def test_backup_and_restore_through_the_cli(capsys, store_path, tmp_path):
    snap = tmp_path / "snapshot.gpkg"
    code, _, _ = run(capsys, "backup", "--out", str(snap), "--store", store_path)
    assert code == 0 and snap.is_file()
    target = tmp_path / "restored.gpkg"
    code, _, _ = run(capsys, "restore", str(snap), "--store", str(target))
    assert code == 0
    for day in ("2025-05-20", "2025-12-31"):
        _, a, _ = run(capsys, "check", "--json", "--as-of", day, "--store", store_path)
        _, b, _ = run(capsys, "check", "--json", "--as-of", day, "--store", str(target))
        a, b = json.loads(a), json.loads(b)
        assert a["ready_land_mu"] == b["ready_land_mu"]
        assert a["factory_floor_area_m2"] == b["factory_floor_area_m2"]
    code, _, err = run(capsys, "restore", str(snap), "--store", str(target))
    assert code == 2 and "not empty" in err


def test_reclassify_turns_revitalised_land_into_ready_land(capsys, store_path):
    day = dt.date.today()
    with open_store(store_path) as store:
        current = store.layer("parcels", day, geometry=False)
    revitalised = current[current.category == "revitalised"]
    pid = revitalised["parcel_id"].iloc[0]
    _, before, _ = run(capsys, "check", "--json", "--store", store_path)
    code, out, _ = run(
        capsys,
        "reclassify",
        pid,
        "--category",
        "工业熟地",
        "--date",
        day.isoformat(),
        "--store",
        store_path,
    )
    assert code == 0 and "Ready industrial land" in out
    _, after, _ = run(capsys, "check", "--json", "--store", store_path)
    gained = json.loads(after)["ready_land_mu"] - json.loads(before)["ready_land_mu"]
    assert gained == pytest.approx(revitalised["area_m2"].iloc[0] / M2_PER_MU)
    code, _, err = run(capsys, "reclassify", pid, "--category", "ready", "--store", store_path)
    assert code == 2 and "already has category" in err
    code, _, err = run(capsys, "reclassify", pid, "--category", "farmland", "--store", store_path)
    assert code == 2 and "Unknown category" in err


def test_a_new_store_starts_empty_when_sample_data_is_switched_off(capsys, tmp_path, monkeypatch):
    monkeypatch.setenv("LANDINV_SAMPLE_DATA", "0")
    path = str(tmp_path / "office.gpkg")
    code, out, _ = run(capsys, "check", "--json", "--store", path)
    payload = json.loads(out)
    assert code == 1 and payload["ready_land_mu"] == 0 and payload["sample_data"] is False
    monkeypatch.delenv("LANDINV_SAMPLE_DATA")
    with open_seeded(path) as store:  # the choice sticks for later opens
        assert store.is_empty()

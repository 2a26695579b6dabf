"""Streamlit AppTest tests of the app's pages, on a real GeoPackage store.

Each page runs as it does in the app (``render(get_context())``) against a
store seeded from the sample data; tests that write get a private copy. The
numbers on the dashboard are checked against ``landinv check --json`` on the
same store: in-process in the fast tier, as a real process in the full suite.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import openpyxl
import pandas as pd
import pyogrio
import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from landinv.analysis import check_payload, inventory_report
from landinv.domain import load_config, m2_to_mu
from landinv.store import open_store
from tests.support.app import (
    TIMEOUT,
    commit_test_import,
    copy_store,
    new_parcel_zip,
    run_page,
    shown,
)
from tests.support.cli import DOORS, run_landinv

ROOT = Path(__file__).resolve().parents[2]
#: A date inside the sample's 2025 dip below the ready-land floor (checked below).
DIP = dt.date(2025, 5, 20)


def _number(text: str) -> float:
    return float(re.search(r"-?[\d,]+(?:\.\d+)?", text).group(0).replace(",", ""))


def _cli_check(store: Path, as_of: dt.date, door: str = "process") -> dict:
    proc = run_landinv(
        "check", "--json", "--store", str(store), "--as-of", as_of.isoformat(), door=door
    )
    assert proc.returncode in (0, 1), proc.stderr
    return json.loads(proc.stdout)


def _store_payload(path: Path, as_of: dt.date) -> dict:
    store = open_store(str(path))
    try:
        return check_payload(inventory_report(store, as_of, load_config()))
    finally:
        store.close()


# -- dashboard -------------------------------------------------------------------------


@pytest.mark.parametrize("door", DOORS)
@pytest.mark.parametrize("as_of", [DIP, dt.date(2025, 12, 31)])
def test_dashboard_floors_equal_the_cli(store_path, as_of, door):
    cli = _cli_check(store_path, as_of, door)
    at = run_page("dashboard_page", as_of=as_of)
    values = {m.label: m.value for m in at.metric}
    land = values["工业熟地保有量"]
    factory = values["标准厂房保有量"]
    assert land.endswith("亩") and factory.endswith("平方米")
    # Shown rounded for display (2 decimals of mu, whole m²), equal to the CLI's figures.
    assert _number(land) == pytest.approx(cli["ready_land_mu"], abs=0.005)
    assert _number(factory) == pytest.approx(cli["factory_floor_area_m2"], abs=0.5)
    margins = [m.delta for m in at.metric[:2]]
    assert _number(margins[0]) == pytest.approx(abs(cli["ready_land_margin_mu"]), abs=0.005)
    badges = [md.value for md in at.markdown if "badge" in md.value]
    assert ("低于底线" in badges[0]) == (not cli["ready_land_ok"])
    assert ("低于底线" in badges[1]) == (not cli["factory_ok"])


def test_dashboard_shows_the_dip_and_the_events_behind_it(store_path):
    payload = _store_payload(store_path, DIP)
    assert not payload["ready_land_ok"], "the sample data should dip below the floor here"
    at = run_page("dashboard_page", as_of=DIP)
    tables = [df.value for df in at.dataframe]
    breaches = next(t for t in tables if "持续天数" in t.columns)
    # One row: the 2025 dip. The sample's build-up years before the stock first
    # reached the floor are not breaches.
    assert len(breaches) == 1, breaches
    row = breaches.iloc[0]
    assert row["开始"].startswith("2025-") and row["结束"] == "尚未恢复"
    assert row["持续天数"] > 0
    assert "供应给" in row["起因（首日的变动）"], "the supply that took it below"
    assert any("首次达到底线" in c.value for c in at.caption)
    # The events behind the breach are listed too.
    supplies = [
        t
        for t in tables
        if "变动" in t.columns and t["变动"].astype(str).str.contains("供应给").any()
    ]
    assert supplies


def test_a_closed_breach_says_how_long_and_what_ended_it(store_path):
    at = run_page("dashboard_page", as_of=dt.date(2025, 12, 31), lang="en")
    at.segmented_control(key="dash_span").set_value("all").run()
    breaches = next(df.value for df in at.dataframe if "Days" in df.value.columns)
    assert len(breaches) == 1, "only the 2025 dip, not the build-up since 2006"
    row = breaches.iloc[0]
    start, end = dt.date.fromisoformat(row["From"]), dt.date.fromisoformat(row["To"])
    assert row["Days"] == (end - start).days + 1
    assert row["Caused by (events of its first day)"]
    assert row["Ended by (events of the day after)"]


def test_dashboard_in_english(store_path):
    at = run_page("dashboard_page", as_of=DIP, lang="en")
    assert at.title[0].value == "The two floors"
    labels = [m.label for m in at.metric]
    assert "Ready industrial land in stock" in labels
    assert "Standard factory floor space in stock" in labels
    assert at.metric[0].value.endswith(" mu")


def test_dashboard_breakdown_follows_the_zone_filter(store_path):
    at = run_page("dashboard_page", as_of=DIP)
    at.sidebar.multiselect(key="w_filter_zones_zh").set_value(["huibu"]).run()
    pivot = at.dataframe[0].value
    assert list(pivot.index) == ["辉埠片区", "全区"]
    # The all-zones row now equals Huibu alone; the floors still count every zone.
    assert pivot.iloc[0].tolist() == pivot.iloc[1].tolist()
    payload = _store_payload(store_path, DIP)
    assert _number(at.metric[0].value) == pytest.approx(payload["ready_land_mu"], abs=0.005)


def test_annual_figures_against_targets(store_path):
    at = run_page("dashboard_page", as_of=dt.date(2025, 12, 31))
    labels = [m.label for m in at.metric]
    assert "盘活低效用地" in labels and "新开发土地" in labels
    texts = [p.text for p in at.get("progress")] if at.get("progress") else []
    joined = " ".join(str(t) for t in texts)
    assert "410" in joined and "400" in joined


# -- downloads ---------------------------------------------------------------------------


def test_downloads_page_offers_every_file_named_with_the_date(store_path):
    as_of = dt.date(2025, 12, 31)
    at = run_page("downloads_page", as_of=as_of)
    buttons = at.get("download_button")
    names = [b.proto.label for b in buttons]
    assert len(buttons) == 3 + 2 * 4, names
    assert any("XLSX" in n for n in names)


@pytest.mark.parametrize(
    "lang,words", [("zh", ["亩均效益", "计划"]), ("en", ["Efficiency", "Plan"])]
)
def test_downloads_page_says_where_the_other_files_are(store_path, lang, words):
    # The public-notice XLSX and the Word report are made on their own pages.
    at = run_page("downloads_page", lang=lang)
    info = " ".join(i.value for i in at.info)
    assert all(w in info for w in words) and ("XLSX" in info and "Word" in info), info


def test_download_files_are_real(store_path):
    from landinv.ui import downloads_page
    from landinv.ui.context import AppContext

    as_of = dt.date(2025, 12, 31)
    store = open_store(str(store_path))
    config = load_config()
    ctx = AppContext(
        store=store,
        config=config,
        as_of=as_of,
        zones=["xindu"],
        categories=list(config.category_codes),
    )
    report = inventory_report(store, as_of, config)
    items = {i.key: i for i in downloads_page.summary_items(ctx, report)}
    assert items["summary_xlsx"].file_name.endswith(f"{as_of.isoformat()}.xlsx")
    book = openpyxl.load_workbook(io.BytesIO(items["summary_xlsx"].make()))
    assert any("Summary" in name for name in book.sheetnames)
    csv_bytes = items["summary_csv"].make()
    assert csv_bytes.startswith(b"\xef\xbb\xbf")
    assert "片区" in csv_bytes.decode("utf-8-sig").splitlines()[0]
    floors = json.loads(items["floors_json"].make())
    assert floors == json.loads(json.dumps(check_payload(report)))

    parcels = ctx.apply_filters(store.layer("parcels", as_of), "parcels")
    assert len(parcels) > 0 and set(parcels["zone"]) == {"xindu"}
    files = {i.key: i for i in downloads_page.layer_items(ctx, "parcels", parcels)}
    gpkg = files["parcels_gpkg"]
    assert gpkg.file_name == f"landinv_parcels_{as_of.isoformat()}.gpkg"
    path = store_path.parent / gpkg.file_name
    path.write_bytes(gpkg.make())
    assert len(pyogrio.read_dataframe(path)) == len(parcels)
    with zipfile.ZipFile(io.BytesIO(files["parcels_shp"].make())) as archive:
        names = archive.namelist()
    assert any(n.endswith(".cpg") for n in names) and any(n.endswith(".shp") for n in names)
    geojson = json.loads(files["parcels_geojson"].make())
    assert len(geojson["features"]) == len(parcels)
    store.close()


# -- upload ------------------------------------------------------------------------------


def _imports(path: Path) -> pd.DataFrame:
    store = open_store(str(path))
    try:
        return store.imports()
    finally:
        store.close()


@pytest.mark.slow  # an end-to-end flow of several seconds: full suite only
def test_upload_report_then_confirm_then_duplicate(store_path, tmp_path):
    data, mu = new_parcel_zip(store_path, tmp_path / "zip")
    today = dt.date.today()
    before = _store_payload(store_path, today)
    n_imports = len(_imports(store_path))

    at = run_page("upload_page")
    at.file_uploader[0].set_value(("新增地块.zip", data, "application/zip")).run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.success, "the report says the file passed"
    assert not at.error, [e.value for e in at.error]
    read = at.table[0].value
    what = dict(zip(read.index, read.iloc[:, 0]))
    assert what["属性编码"] in ("GB18030", "GBK")  # no .cpg: decided from the bytes
    assert "4490" in what["坐标系"]
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["读取"] == "1" and metrics["可导入"] == "1" and metrics["必须修改"] == "0"
    # Floor preview: ready land grows by the new parcel's area.
    assert _number(metrics["工业熟地（亩）"]) == pytest.approx(
        before["ready_land_mu"] + mu, abs=0.01
    )
    assert len(_imports(store_path)) == n_imports, "nothing stored before confirming"

    confirm = at.button(key="upload_confirm")
    assert not confirm.disabled
    confirm.click().run()
    assert not at.exception
    assert any("已导入 1 个要素" in s.value for s in at.success)
    assert len(_imports(store_path)) == n_imports + 1
    after = _store_payload(store_path, today)
    assert after["ready_land_mu"] == pytest.approx(before["ready_land_mu"] + mu, abs=1e-6)

    # The same file again is caught, and cannot be confirmed.
    at.file_uploader[0].set_value(("新增地块.zip", data, "application/zip")).run()
    assert any("已经导入过" in e.value for e in at.error)
    assert at.button(key="upload_confirm").disabled
    assert len(_imports(store_path)) == n_imports + 1


def test_upload_refused_file_stores_nothing(store_path, tmp_path):
    from tests.support.app import zipped_parcels

    store = open_store(str(store_path))
    existing = store.layer("parcels", dt.date.today()).iloc[0]
    store.close()
    rows = [
        {
            "地块编号": "CS-TEST-9",
            "地块名称": "重叠地块",
            "片区": "新都片区",
            "类型": "工业熟地",
            "geometry": existing.geometry,
        }
    ]
    data = zipped_parcels(rows, folder=tmp_path / "zip", name="overlap")
    n_imports = len(_imports(store_path))
    at = run_page("upload_page")
    at.file_uploader[0].set_value(("overlap.zip", data, "application/zip")).run()
    assert at.error and any("未通过" in e.value for e in at.error)
    assert at.button(key="upload_confirm").disabled
    assert len(_imports(store_path)) == n_imports


# -- history -----------------------------------------------------------------------------


@pytest.mark.slow  # an end-to-end flow of several seconds: full suite only
def test_undo_needs_confirmation(store_path, tmp_path):
    import_id = commit_test_import(store_path, tmp_path)
    at = run_page("history_page")
    log = at.dataframe[0].value
    assert import_id in set(log["导入批次"])
    at.selectbox(key="undo_choice").set_value(import_id)
    at.button[0].click()  # the form's "Undo…" submit
    at.run()
    assert any("确认撤销" in w.value for w in at.warning)
    assert _imports(store_path).set_index("import_id").loc[
        import_id, "undone_at"
    ] is None or pd.isna(_imports(store_path).set_index("import_id").loc[import_id, "undone_at"])

    at.button(key="undo_cancel").click().run()
    assert not at.warning or not any("确认撤销" in w.value for w in at.warning)
    assert pd.isna(_imports(store_path).set_index("import_id").loc[import_id, "undone_at"])

    at.selectbox(key="undo_choice").set_value(import_id)
    at.button[0].click()
    at.run()
    at.button(key="undo_confirm").click().run()
    assert not at.exception
    assert any(import_id in shown(s.value) for s in at.success)
    assert pd.notna(_imports(store_path).set_index("import_id").loc[import_id, "undone_at"])


def test_record_a_supply(store_path):
    as_of = dt.date(2025, 12, 31)
    before = _store_payload(store_path, as_of)
    at = run_page("history_page", as_of=as_of)
    # The smallest parcel: supplying it keeps the floor (no breach confirmation needed).
    options = at.selectbox(key="hist_supply_parcel_0").options
    parcel = min(options, key=lambda o: float(o.split(" · ")[-1].split()[0].replace(",", "")))
    parcel = parcel.split(" · ")[0]
    at.selectbox(key="hist_supply_parcel_0").set_value(parcel)
    at.text_input(key="hist_supply_project_0").input("辰通轴承二期")
    at.date_input(key="hist_supply_date_0").set_value(as_of)
    at.button(key="hist_supply_review_0").click().run()
    assert _store_payload(store_path, as_of) == before, "a review writes nothing"
    at.button(key="hist_supply_confirm_0").click().run()
    assert not at.exception
    assert any(parcel in shown(s.value) for s in at.success)
    after = _store_payload(store_path, as_of)
    assert after["ready_land_mu"] < before["ready_land_mu"]
    # The supply is listed first among the parcel status changes.
    status = next(df.value for df in at.dataframe if "熟地变动(亩)" in df.value.columns)
    assert status.iloc[0]["编号"] == parcel
    assert status.iloc[0]["项目"] == "辰通轴承二期"


def _available_parcel(path: Path, as_of: dt.date, category: str) -> tuple[str, float]:
    """ID and area in mu of an available parcel of ``category`` on ``as_of``."""
    store = open_store(str(path))
    try:
        rows = store.layer("parcels", as_of, geometry=False)
    finally:
        store.close()
    mine = rows[(rows["category"] == category) & (rows["status"] == "available")]
    assert len(mine), f"the sample should hold available {category} land on {as_of}"
    row = mine.sort_values("parcel_id").iloc[0]
    return str(row["parcel_id"]), float(m2_to_mu(float(row["area_m2"])))


def _ready_land_shown(as_of: dt.date) -> float:
    at = run_page("dashboard_page", as_of=as_of)
    return _number({m.label: m.value for m in at.metric}["工业熟地保有量"])


@pytest.mark.slow  # an end-to-end flow of several seconds: full suite only
def test_record_a_category_change_raises_ready_land(store_path):
    as_of = dt.date(2025, 12, 31)
    parcel, mu = _available_parcel(store_path, as_of, "revitalised")
    eve = as_of - dt.timedelta(days=1)
    before, before_eve = _ready_land_shown(as_of), _ready_land_shown(eve)
    at = run_page("history_page", as_of=as_of)
    assert "工业熟地" not in at.selectbox(key="reclassify_parcel").options[0], (
        "land not yet ready is offered first"
    )
    at.selectbox(key="reclassify_parcel").set_value(parcel)
    assert at.selectbox(key="reclassify_category").value == "ready", "the usual change"
    at.date_input(key="reclassify_date").set_value(as_of)
    at.text_input(key="reclassify_note").input("低效用地整治完成")
    next(b for b in at.button if "记录类型调整" in b.label).click()
    at.run()
    assert not at.exception and not at.error
    assert any(parcel in shown(s.value) and "工业熟地" in s.value for s in at.success)
    # The dashboard's ready-land figure rises by the parcel's area on that date.
    assert mu > 1
    assert _ready_land_shown(as_of) - before == pytest.approx(mu, abs=0.011)
    assert _ready_land_shown(eve) == before_eve, "the day before is unchanged"
    changes = open_store(str(store_path))
    try:
        log = changes.changes()
    finally:
        changes.close()
    latest = log.iloc[0]
    assert (latest["action"], latest["object_id"], latest["note"]) == (
        "reclassify",
        parcel,
        "低效用地整治完成",
    )


def test_a_category_change_to_the_same_category_is_refused(store_path):
    as_of = dt.date(2025, 12, 31)
    parcel, _ = _available_parcel(store_path, as_of, "ready")
    before = _store_payload(store_path, as_of)
    at = run_page("history_page", as_of=as_of, lang="en")
    at.selectbox(key="reclassify_parcel").set_value(parcel)
    at.selectbox(key="reclassify_category").set_value("ready")
    next(b for b in at.button if "Record category change" in b.label).click()
    at.run()
    assert not at.exception
    message = shown(" ".join(e.value for e in at.error))
    assert parcel in message and "already" in message and "已经" in message, message
    assert _store_payload(store_path, as_of) == before


# -- auth --------------------------------------------------------------------------------


def test_local_mode_is_announced_and_editing_open(store_path):
    at = run_page("upload_page")
    assert any("单用户本地模式" in c.value for c in at.sidebar.caption)
    assert len(at.file_uploader) == 1


def test_editor_sign_in_gates_upload(store_path, tmp_path):
    from landinv.auth import hash_password
    from landinv.ui.auth_gate import _throttle

    _throttle.clear()
    # No wait after a failure here (throttling has its own tests in test_app_auth.py).
    secrets = {
        "auth": {
            "users": {"wang": hash_password("correct horse")},
            "delay_seconds": 0,
            "failure_log": str(tmp_path / "auth-failures.log"),
        }
    }
    at = run_page("upload_page", secrets=secrets)
    assert len(at.file_uploader) == 0
    assert any("需要编辑登录" in i.value for i in at.info)

    at.sidebar.text_input(key="auth_user").input("wang")
    at.sidebar.text_input(key="auth_password").input("wrong")
    at.sidebar.button[0].click().run()
    assert any("用户名或密码不对" in e.value for e in at.sidebar.error)
    assert len(at.file_uploader) == 0

    at.sidebar.text_input(key="auth_user").input("wang")
    at.sidebar.text_input(key="auth_password").input("correct horse")
    at.sidebar.button[0].click().run()
    assert any("wang" in s.value for s in at.sidebar.success)
    assert len(at.file_uploader) == 1


# -- the whole app -----------------------------------------------------------------------


def test_app_opens_on_the_dashboard(store_path):
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=TIMEOUT)
    at.run()
    assert not at.exception
    assert not at.error
    assert at.title[0].value == "两条底线"
    assert len(at.metric) >= 2


def test_unusable_store_gives_a_bilingual_message(tmp_path, monkeypatch):
    bad = tmp_path / "not-a-store.gpkg"
    bad.write_text("this is not a GeoPackage", encoding="utf-8")
    monkeypatch.setenv("LANDINV_STORE", str(bad))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=TIMEOUT)
    at.run()
    assert not at.exception
    assert at.error
    message = at.error[0].value
    assert re.search(r"[\u4e00-\u9fff]", message) and re.search(r"[A-Za-z]{4,}", message)


# -- both backends -----------------------------------------------------------------------


@pytest.mark.slow  # an end-to-end flow of several seconds: full suite only
def test_dashboard_and_upload_on_each_backend(store_backend, store_location, tmp_path, monkeypatch):
    """The same pages on GeoPackage and on PostGIS: numbers equal the report's,
    an upload lands only after confirming."""
    from landinv.sample.seed import open_seeded
    from tests.support.app import sample_data_dir

    store = open_seeded(store_location, data_dir=sample_data_dir(tmp_path))
    store.close()
    monkeypatch.setenv("LANDINV_STORE", store_location)
    st.cache_data.clear()
    today = dt.date.today()
    before = _store_payload(store_location, today)

    at = run_page("dashboard_page", as_of=today)
    assert _number(at.metric[0].value) == pytest.approx(before["ready_land_mu"], abs=0.005)
    assert _number(at.metric[1].value) == pytest.approx(before["factory_floor_area_m2"], abs=0.5)

    data, mu = new_parcel_zip(
        store_location, tmp_path / "zip", zone="huibu", parcel_id=f"CS-{store_backend.upper()}-1"
    )
    at = run_page("upload_page")
    at.file_uploader[0].set_value(("parcels.zip", data, "application/zip")).run()
    assert not at.error, [e.value for e in at.error]
    assert _store_payload(store_location, today) == before
    at.button(key="upload_confirm").click().run()
    assert any("已导入" in s.value for s in at.success)
    after = _store_payload(store_location, today)
    assert after["ready_land_mu"] == pytest.approx(before["ready_land_mu"] + mu, abs=1e-6)


@pytest.mark.slow  # a `landinv import` process and an upload worker process per run
def test_the_cli_and_the_app_record_the_same_import(store_path, tmp_path):
    """One file through `landinv import` and through the Upload page: the same record
    (file name, checksum, source CRS, encoding, report), because both doors call the
    same service (issue 9)."""
    data, _ = new_parcel_zip(store_path, tmp_path / "zip")
    cli_store = copy_store(store_path, tmp_path / "cli")
    zip_path = tmp_path / "新增地块.zip"
    zip_path.write_bytes(data)
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "landinv",
            "import",
            str(zip_path),
            "--store",
            str(cli_store),
            "--user",
            "planner",
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=180,
    )
    assert proc.returncode == 0, proc.stderr

    at = run_page("upload_page")
    at.file_uploader[0].set_value(("新增地块.zip", data, "application/zip")).run()
    at.button(key="upload_confirm").click().run()
    assert not at.exception

    def newest(path):
        imports = _imports(path)
        return imports.sort_values("created_at").iloc[-1]

    via_cli, via_app = newest(cli_store), newest(store_path)
    for column in ("file_name", "sha256", "kind", "source_crs", "encoding"):
        assert via_cli[column] == via_app[column], column
    assert via_cli["source_crs"] and via_cli["encoding"], "both recorded, not blank"
    report_cli, report_app = json.loads(via_cli["report_json"]), json.loads(via_app["report_json"])
    for key in ("file_name", "encoding", "crs", "n_read", "n_ok"):
        assert report_cli.get(key) == report_app.get(key), key

"""The app in a real browser: headless Chromium against ``streamlit run app.py``.

One Streamlit server per module, on loopback, on a private copy of the sample
store. Every request the page makes to anything but 127.0.0.1 is blocked and
recorded, and each test checks none was attempted: the app works without
internet. Screenshots of each page go to docs/screenshots/ (the README shows
the best ones).

Without Chromium the tests skip with the reason shown, except with CI=true,
where they must run.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import openpyxl
import pyogrio
import pytest

from tests.support.app import build_sample_store, new_parcel_zip
from tests.support.browser import (
    SHOTS,
    need_browser,
    offline_page,
    settle,
    streamlit_server,
)

pytestmark = pytest.mark.browser

#: A date inside the sample's 2025 dip below the ready-land floor.
DIP = "2025-05-20"


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """``streamlit run app.py`` on a free loopback port, on a copy of the sample store."""
    need_browser()
    folder = tmp_path_factory.mktemp("browser-store")
    store = build_sample_store(folder)
    with streamlit_server(folder, store) as url:
        yield {"url": url, "store": store, "folder": folder}


@pytest.fixture
def page(browser, server):
    """A fresh page whose requests may only go to 127.0.0.1; blocked ones are listed."""
    with offline_page(browser, accept_downloads=True) as (pg, blocked):
        yield pg
    assert not blocked, f"the app tried to reach the internet: {blocked[:5]}"


def _open(page, server, path: str = "", **params) -> None:
    query = "&".join(f"{k}={v}" for k, v in params.items())
    page.goto(f"{server['url']}/{path}" + (f"?{query}" if query else ""))
    page.wait_for_selector('[data-testid="stApp"]')


def _settle(page) -> None:
    settle(page, pause_ms=800)


def _metric_values(page) -> list[str]:
    # The floor cards render a moment after their labels: wait for the first value
    # (after an upload the dashboard reruns on fresh data and can lag the label).
    values = page.locator('[data-testid="stMetricValue"]')
    values.first.wait_for(timeout=30_000)
    return values.all_inner_texts()


def _number(text: str) -> float:
    return float(re.search(r"-?[\d,]+(?:\.\d+)?", text).group(0).replace(",", ""))


def _shot(page, name: str, height: int | None = None) -> Path:
    SHOTS.mkdir(parents=True, exist_ok=True)
    if height:
        page.set_viewport_size({"width": 1400, "height": height})
        page.wait_for_timeout(600)
    path = SHOTS / f"{name}.png"
    page.screenshot(path=str(path))
    return path


# -- tests ------------------------------------------------------------------------------


def test_dashboard_shows_both_floors(page, server):
    _open(page, server, as_of=DIP)
    page.get_by_text("工业熟地保有量").first.wait_for()
    page.get_by_text("标准厂房保有量").first.wait_for()
    page.locator(".vega-embed").first.wait_for()
    _settle(page)
    values = _metric_values(page)
    assert values[0].endswith("亩") and values[1].endswith("平方米")
    assert _number(values[0]) < 2000, "the sample dips below the floor on this date"
    # Wait for it: is_visible() alone would read the page before Streamlit drew it.
    page.get_by_text("低于底线").first.wait_for(state="visible")
    _shot(page, "dashboard", height=1900)


def test_dashboard_in_english(page, server):
    _open(page, server, as_of="2025-12-31", lang="en")
    page.get_by_text("Ready industrial land in stock").first.wait_for()
    page.locator(".vega-embed").first.wait_for()
    _settle(page)
    values = _metric_values(page)
    assert values[0].endswith(" mu") and values[1].endswith(" m²")
    _shot(page, "dashboard_en", height=1000)


def test_upload_zipped_shapefile_and_totals_change(page, server, tmp_path):
    data, mu = new_parcel_zip(
        server["store"], tmp_path / "zip", zone="jinchuan", parcel_id="CS-BROWSER-0001"
    )
    upload = tmp_path / "新增地块.zip"
    upload.write_bytes(data)
    today = dt.date.today().isoformat()

    _open(page, server, as_of=today)
    page.get_by_text("工业熟地保有量").first.wait_for()
    _settle(page)
    before = _number(_metric_values(page)[0])

    _open(page, server, "upload", as_of=today)
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(upload))
    page.get_by_text("检查通过").first.wait_for()
    _settle(page)
    page.get_by_text("GB18030").first.wait_for()
    confirm = page.get_by_role("button", name=re.compile("确认导入"))
    confirm.wait_for()
    # The preview map: Leaflet (served by the app) draws inside streamlit-folium's frame.
    frame = page.frame_locator('iframe[title*="st_folium"]').first
    frame.locator(".leaflet-container").wait_for()
    frame.locator("path.leaflet-interactive, canvas").first.wait_for(state="attached")
    _settle(page)
    page.wait_for_timeout(1500)
    _shot(page, "upload", height=2200)
    confirm.click()
    page.get_by_text("已导入 1 个要素").first.wait_for()

    _open(page, server, as_of=today)
    page.get_by_text("工业熟地保有量").first.wait_for()
    _settle(page)
    after = _number(_metric_values(page)[0])
    assert after == pytest.approx(before + mu, abs=0.01)


def test_download_summary_xlsx_opens(page, server, tmp_path):
    _open(page, server, "downloads", as_of="2025-12-31")
    button = page.get_by_role("button", name=re.compile("汇总表 XLSX"))
    button.wait_for()
    _settle(page)
    _shot(page, "downloads", height=1000)
    with page.expect_download() as info:
        button.click()
    download = info.value
    assert download.suggested_filename == "landinv_summary_2025-12-31.xlsx"
    target = tmp_path / download.suggested_filename
    download.save_as(target)
    book = openpyxl.load_workbook(target)
    assert any("Summary" in name for name in book.sheetnames)
    assert any("Floors" in name for name in book.sheetnames)

    # A layer file is made when its button is pressed (deferred) and is a real GeoPackage.
    with page.expect_download() as info:
        page.get_by_role("button", name="GeoPackage").first.click()
    layer = tmp_path / info.value.suggested_filename
    assert layer.name == "landinv_parcels_2025-12-31.gpkg"
    info.value.save_as(layer)
    parcels = pyogrio.read_dataframe(layer)
    assert len(parcels) > 0 and {"parcel_id", "area_mu"} <= set(parcels.columns)


def test_history_page(page, server):
    _open(page, server, "history", as_of="2025-12-31")
    page.get_by_role("heading", name="导入记录").wait_for()
    grid = page.locator('[data-testid="stDataFrame"]').first
    grid.wait_for()
    # Data grids draw on a canvas; their cells exist in the DOM for assistive tech only.
    # The import log lists the sample import, and the status changes hold the
    # sample's supplies (each named with its event kind).
    grid.get_by_text("sample").first.wait_for(state="attached")
    page.get_by_text("供应项目").first.wait_for(state="attached")
    for heading in ("地块状态变更", "撤销导入", "记录供地", "更正误录的供地", "收回入库"):
        page.get_by_role("heading", name=heading).first.wait_for()
    # Nothing is chosen for the planner: the supply's parcel box shows its placeholder.
    page.get_by_placeholder("请选择地块").first.wait_for()
    _settle(page)
    _shot(page, "history", height=1400)

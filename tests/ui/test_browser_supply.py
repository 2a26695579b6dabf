"""The supply flow in a real browser (headless Chromium against ``streamlit run app.py``).

Walks what a planner does on the History page, in Chinese: pressing Enter in
the project box records nothing; the review shows the parcel, date, project
and both floors before → after; confirming records it and leaves the inputs
empty; a mistaken supply is corrected and a parcel is taken back, both visible
in the supply records and in the floors on the dashboard. Screenshots go to
``$LANDINV_SCREENSHOTS`` (a temp folder by default).
"""

from __future__ import annotations

import re

import pytest

from landinv.store import open_store
from tests.support.app import build_sample_store
from tests.support.browser import (
    SHOTS,
    need_browser,
    offline_page,
    settle,
    streamlit_server,
)

pytestmark = pytest.mark.browser

AS_OF = "2025-12-31"


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    need_browser()
    folder = tmp_path_factory.mktemp("browser-supply")
    store = build_sample_store(folder)
    with streamlit_server(folder, store) as url:
        yield {"url": url, "store": store}


@pytest.fixture
def page(browser, server):
    with offline_page(browser) as (pg, blocked):
        yield pg
    assert not blocked, f"the app tried to reach the internet: {blocked[:5]}"


def _open(page, server, path="", **params):
    query = "&".join(f"{k}={v}" for k, v in params.items())
    page.goto(f"{server['url']}/{path}" + (f"?{query}" if query else ""))
    page.wait_for_selector('[data-testid="stApp"]')


def _settle(page) -> None:
    settle(page, pause_ms=800)


def _log(server):
    with open_store(str(server["store"])) as store:
        return store.changes()


def _land(server, as_of=AS_OF) -> float:
    from landinv.analysis import check_payload, inventory_report
    from landinv.domain import load_config

    with open_store(str(server["store"])) as store:
        payload = check_payload(
            inventory_report(store, __import__("datetime").date.fromisoformat(as_of), load_config())
        )
    return payload["ready_land_mu"]


def _smallest_ready(server, n=1) -> list[str]:
    import datetime as dt

    with open_store(str(server["store"])) as store:
        rows = store.layer("parcels", dt.date.fromisoformat(AS_OF), geometry=False)
    ready = rows[(rows["category"] == "ready") & (rows["status"] == "available")]
    return [str(p) for p in ready.sort_values("area_m2")["parcel_id"].iloc[:n]]


def _choose(page, label: str, parcel: str, nth: int = 0):
    """Pick ``parcel`` in the ``nth`` Streamlit selectbox labelled ``label``."""
    box = page.get_by_label(label, exact=False).nth(nth)
    box.click()
    box.fill(parcel)
    page.get_by_role("option", name=re.compile(re.escape(parcel))).first.click()


def _shot(page, name, height=1600):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.set_viewport_size({"width": 1400, "height": height})
    page.wait_for_timeout(500)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def _supply(page, server, parcel, project):
    _choose(page, "地块（可供应的工业熟地）", parcel)
    page.get_by_label("供应项目").first.fill(project)
    page.get_by_role("button", name="核对供地").click()
    page.get_by_text("请核对后确认").first.wait_for()
    page.get_by_role("button", name="确认记录供地").click()
    page.get_by_text(f"已记录：地块 {parcel}").first.wait_for()


def test_supply_is_reviewed_confirmed_and_the_form_cleared(page, server):
    parcel = _smallest_ready(server)[0]
    before_log = len(_log(server))
    land = _land(server)
    _open(page, server, "history", as_of=AS_OF)
    page.get_by_role("heading", name="记录供地").wait_for()
    _settle(page)

    _choose(page, "地块（可供应的工业熟地）", parcel)
    project = page.get_by_label("供应项目").first
    project.fill("辰通轴承二期")
    project.press("Enter")
    _settle(page)
    assert len(_log(server)) == before_log, "Enter records nothing"
    assert page.get_by_text("请核对后确认").count() == 0, "Enter does not even open the review"

    page.get_by_role("button", name="核对供地").click()
    review = page.locator('[class*="st-key-hist_supply_review_box"]')
    review.get_by_text("请核对后确认").wait_for()
    # Parcel, date and project together with both floors before → after.
    for text in (
        parcel,
        "辰通轴承二期",
        AS_OF,
        "工业熟地保有量",
        "标准厂房保有量",
        f"{land:,.2f} 亩",
    ):
        review.get_by_text(text, exact=False).first.wait_for()
    after_cell = review.locator("table").nth(1).locator("tbody tr").first.locator("td").nth(2)
    after = float(after_cell.inner_text().split()[0].replace(",", ""))
    assert after < land
    assert len(_log(server)) == before_log, "the review writes nothing"
    _settle(page)
    _shot(page, "history_supply_review")

    review.get_by_role("button", name="确认记录供地").click()
    page.get_by_text(f"已记录：地块 {parcel}").first.wait_for()
    _settle(page)
    log = _log(server)
    assert len(log) == before_log + 1 and log.iloc[0]["project"] == "辰通轴承二期"
    assert _land(server) == pytest.approx(after, abs=0.01)
    # The form is empty: no project text, no parcel chosen.
    assert page.get_by_label("供应项目").first.input_value() == ""
    parcel_box = page.get_by_label("地块（可供应的工业熟地）").first
    assert parcel_box.input_value() == ""
    assert parcel_box.get_attribute("placeholder") == "请选择地块"
    _shot(page, "history_supply_done")


def test_correct_a_mistaken_supply_and_take_a_parcel_back(page, server):
    first, second = _smallest_ready(server, 2)
    full, full_later = _land(server), _land(server, "2026-01-15")
    _open(page, server, "history", as_of=AS_OF)
    page.get_by_role("heading", name="记录供地").wait_for()
    _settle(page)
    for parcel, project in ((first, "误录项目"), (second, "退地项目")):
        _choose(page, "地块（可供应的工业熟地）", parcel)
        _settle(page)
        page.get_by_label("供应项目").first.fill(project)
        page.get_by_label("供应项目").first.press("Tab")
        _settle(page)
        page.get_by_role("button", name="核对供地").click()
        try:
            page.get_by_text("请核对后确认").first.wait_for(timeout=30_000)
        except Exception:
            _shot(page, "debug_supply_loop")
            raise
        ack = page.get_by_text("我确认本次供地突破底线")
        if ack.count():
            ack.first.click()
        page.get_by_role("button", name="确认记录供地").click()
        page.get_by_text(f"已记录：地块 {parcel}").first.wait_for()
        _settle(page)
    assert _land(server) < full

    _choose(page, "地块（已供应）", first)
    _settle(page)
    page.get_by_label("原因").first.fill("选错地块")
    page.get_by_label("原因").first.press("Tab")
    _settle(page)
    page.get_by_role("button", name="核对更正").click()
    page.get_by_text("请核对后确认：更正误录的供地").first.wait_for()
    page.get_by_role("button", name="确认更正").click()
    page.get_by_text(f"已更正：地块 {first}").first.wait_for()
    _settle(page)

    # Taken back a fortnight later: the take-back date follows the as-of date.
    _open(page, server, "history", as_of="2026-01-15")
    page.get_by_role("heading", name="收回入库").wait_for()
    _settle(page)
    _choose(page, "地块（已供应）", second, nth=1)  # the take-back panel's box
    _settle(page)
    page.get_by_label("原因").nth(1).fill("企业退地")
    page.get_by_label("原因").nth(1).press("Tab")
    _settle(page)
    page.get_by_role("button", name="核对收回").click()
    page.get_by_text("请核对后确认：收回入库").first.wait_for()
    page.get_by_role("button", name="确认收回").click()
    page.get_by_text(f"已收回：地块 {second}").first.wait_for()
    _settle(page)
    # Visible in History: the supply records name both outcomes.
    page.get_by_text("已更正（误录）").first.wait_for(state="attached")
    page.get_by_text("已收回").first.wait_for(state="attached")
    page.get_by_text("选错地块", exact=False).first.wait_for(state="attached")
    _shot(page, "history_after_correct_take_back", height=1800)
    log = _log(server)
    assert list(log["action"][:2]) == ["take_back", "correct_supply"]

    # Visible in the floors (the dashboard): on 2025-12-31 only the corrected supply is
    # gone (the other parcel is out until its take-back); from 2026-01-15 both are back.
    import datetime as dt

    with open_store(str(server["store"])) as store:
        rows = store.layer("parcels", dt.date(2026, 1, 15), geometry=False)
    second_mu = float(rows.set_index("parcel_id").loc[second, "area_m2"]) * 15 / 10000
    for as_of, expected in ((AS_OF, full - second_mu), ("2026-01-15", full_later)):
        _open(page, server, as_of=as_of)
        page.get_by_text("工业熟地保有量").first.wait_for()
        _settle(page)
        value = page.locator('[data-testid="stMetricValue"]').first.inner_text()
        shown = float(re.search(r"[\d,]+(?:\.\d+)?", value).group(0).replace(",", ""))
        assert shown == pytest.approx(expected, abs=0.01), as_of


def test_edit_a_parcel_outline_on_the_map(page, server):
    """Drag a vertex with Leaflet.draw (served locally), save: a new version whose area the
    store recomputed, with who/when/why in the parcel's history."""

    parcel = _smallest_ready(server)[0]
    with open_store(str(server["store"])) as store:
        before = store.layer("parcels", None, geometry=False)
    old = before[(before["parcel_id"] == parcel) & before["valid_to"].isna()].iloc[0]
    _open(page, server, "map", as_of=AS_OF)
    page.wait_for_selector('[data-testid="stApp"]')
    _settle(page)
    search = page.get_by_role("textbox", name="查找地块（编号、名称或项目）")
    search.fill(parcel)
    search.press("Enter")
    page.get_by_role("heading", name=re.compile(re.escape(parcel))).first.wait_for()
    _settle(page)
    page.get_by_text("修改边界", exact=True).first.click()
    editor = page.frame_locator('iframe[title*="st_folium"]').nth(1)
    editor.locator(".leaflet-draw-edit-edit").wait_for()
    _settle(page)
    editor.locator(".leaflet-draw-edit-edit").click()
    vertex = editor.locator(".leaflet-editing-icon").first
    vertex.wait_for()
    box = vertex.bounding_box()
    shape = editor.locator('path[stroke="#c2185b"]').first.bounding_box()
    # Inwards, a third of the way to the outline's centre: smaller, overlapping nothing.
    x0, y0 = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    cx, cy = shape["x"] + shape["width"] / 2, shape["y"] + shape["height"] / 2
    page.mouse.move(x0, y0)
    page.mouse.down()
    page.mouse.move(x0 + (cx - x0) / 3, y0 + (cy - y0) / 3, steps=8)
    page.mouse.up()
    editor.get_by_role("link", name="保存").first.click()  # the toolbar speaks Chinese too
    page.get_by_text("新边界面积").first.wait_for()
    _settle(page)
    page.get_by_label("原因").last.fill("按测绘成果更正")
    page.get_by_label("原因").last.press("Tab")
    _settle(page)
    _shot(page, "map_outline_edit", height=2600)
    page.get_by_role("button", name="保存新边界").click()
    page.get_by_text(f"已保存地块 {parcel} 的新边界").first.wait_for()
    with open_store(str(server["store"])) as store:
        log = store.changes()
        rows = store.layer("parcels", None)
    new = rows[(rows["parcel_id"] == parcel) & rows["valid_to"].isna()].iloc[0]
    assert log.iloc[0]["action"] == "edit" and log.iloc[0]["note"] == "按测绘成果更正"
    assert abs(new["area_m2"] - old["area_m2"]) > 1.0, "the store recomputed the area"
    from landinv.geometry import area_m2

    assert new["area_m2"] == pytest.approx(area_m2([new.geometry])[0], rel=1e-9)

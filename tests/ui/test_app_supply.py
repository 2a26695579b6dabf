"""AppTest of the supply panel (History page): review before confirm, breach
confirmation, empty inputs after saving, correct a supply, take land back."""

from __future__ import annotations

import datetime as dt

import pytest
from streamlit.testing.v1 import AppTest

from landinv.analysis import check_payload, inventory_report
from landinv.domain import load_config
from landinv.store import open_store
from tests.support.app import TIMEOUT, run_page, shown

AS_OF = dt.date(2025, 12, 31)


def run_history(as_of=AS_OF, lang=None) -> AppTest:
    return run_page("history_page", as_of=as_of, lang=lang)


def _land(path, as_of=AS_OF) -> float:
    with open_store(str(path)) as store:
        return check_payload(inventory_report(store, as_of, load_config()))["ready_land_mu"]


def _changes(path):
    with open_store(str(path)) as store:
        return store.changes()


def test_nothing_is_chosen_and_nothing_recorded_without_confirm(store_path):
    at = run_history()
    assert at.selectbox(key="hist_supply_parcel_0").value is None, "no parcel chosen for you"
    n = len(_changes(store_path))
    at.text_input(key="hist_supply_project_0").input("项目甲").run()  # as Enter does
    at.button(key="hist_supply_review_0").click().run()
    assert any("请先选择地块" in e.value for e in at.error)
    assert len(_changes(store_path)) == n


def test_review_then_confirm_then_empty_inputs(store_path):
    at = run_history()
    land = _land(store_path)
    # The smallest available ready parcel: supplying it keeps the floor.
    box = at.selectbox(key="hist_supply_parcel_0")
    smallest = min(box.options, key=lambda o: float(o.split(" · ")[-1].split()[0].replace(",", "")))
    parcel = smallest.split(" · ")[0]
    box.set_value(parcel)
    at.text_input(key="hist_supply_project_0").input("大项目")
    at.date_input(key="hist_supply_date_0").set_value(AS_OF)
    at.button(key="hist_supply_review_0").click().run()
    tables = [t.value for t in at.table]
    assert any("之前" in t.columns and "之后" in t.columns for t in tables)
    effect = next(t for t in tables if "之前" in t.columns)
    assert f"{land:,.2f}" in effect.iloc[0]["之前"]
    confirm = at.button(key="hist_supply_confirm_0")
    assert effect.iloc[0]["之后是否达标"] == "达标"
    assert not at.checkbox, "no breach: no confirmation box"
    assert not confirm.disabled
    confirm.click().run()
    assert at.text_input(key="hist_supply_project_1").value == "", "the form is empty again"
    assert at.selectbox(key="hist_supply_parcel_1").value is None
    assert _changes(store_path).iloc[0]["action"] == "supply"


def test_supply_that_breaks_the_floor(store_path, tmp_path, monkeypatch):
    land = _land(store_path)
    toml = tmp_path / "landinv.toml"
    toml.write_text(f"[floors]\nready_land_mu = {land - 1:.4f}\n", encoding="utf-8")
    monkeypatch.setenv("LANDINV_CONFIG", str(toml))
    at = run_history()
    box = at.selectbox(key="hist_supply_parcel_0")
    box.set_value(box.options[0].split(" · ")[0])
    at.text_input(key="hist_supply_project_0").input("大项目")
    at.date_input(key="hist_supply_date_0").set_value(AS_OF)
    at.button(key="hist_supply_review_0").click().run()
    assert any("低于" in e.value for e in at.error)
    assert at.button(key="hist_supply_confirm_0").disabled
    at.checkbox(key="hist_supply_ack_0").check().run()
    at.button(key="hist_supply_confirm_0").click().run()
    assert not at.exception
    note = _changes(store_path).iloc[0]["note"]
    assert "确认突破底线" in note and "Breach confirmed" in note


@pytest.mark.slow  # an end-to-end flow of several seconds: full suite only
def test_correct_then_take_back_from_history(store_path):
    at = run_history()
    box = at.selectbox(key="hist_supply_parcel_0")
    first, second = (o.split(" · ")[0] for o in box.options[:2])
    full = _land(store_path)
    for i, (parcel, project) in enumerate([(first, "误录项目"), (second, "辰通")]):
        at.selectbox(key=f"hist_supply_parcel_{i}").set_value(parcel)
        at.text_input(key=f"hist_supply_project_{i}").input(project)
        at.date_input(key=f"hist_supply_date_{i}").set_value(dt.date(2025, 12, 1))
        at.button(key=f"hist_supply_review_{i}").click().run()
        if at.checkbox:  # a supply below the floor needs the ticked confirmation
            at.checkbox(key=f"hist_supply_ack_{i}").check().run()
        at.button(key=f"hist_supply_confirm_{i}").click().run()
        assert any(parcel in shown(s.value) for s in at.success)
    assert _land(store_path) < full
    # Correct the first.
    at.selectbox(key="hist_correct_parcel_0").set_value(first)
    at.text_input(key="hist_correct_reason_0").input("选错地块")
    at.button(key="hist_correct_review_0").click().run()
    assert any("2025-12-01" in str(t.value.to_dict()) for t in at.table)
    at.button(key="hist_correct_confirm_0").click().run()
    assert any(first in shown(s.value) for s in at.success)
    # Take the second back.
    at.selectbox(key="hist_takeback_parcel_0").set_value(second)
    at.date_input(key="hist_takeback_date_0").set_value(dt.date(2025, 12, 20))
    at.text_input(key="hist_takeback_reason_0").input("企业退地")
    at.button(key="hist_takeback_review_0").click().run()
    at.button(key="hist_takeback_confirm_0").click().run()
    assert not at.exception
    assert _land(store_path) == pytest.approx(full, abs=1e-6)
    records = next(d.value for d in at.dataframe if "状态" in d.value.columns)
    states = dict(zip(records["编号"], records["状态"]))
    assert states[first] == "已更正（误录）" and states[second] == "已收回"
    assert at.text_input(key="hist_takeback_reason_1").value == ""


# -- the same acts in a parcel's details on the map ------------------------------------


def _map_page() -> None:
    from landinv.ui import map_page
    from landinv.ui.context import get_context

    map_page.render(get_context())


def _run_map(**state) -> AppTest:
    from landinv.ui.assets import assets_installed

    if not assets_installed():
        pytest.skip("map assets missing: run bash scripts/assets.sh")
    at = AppTest.from_function(_map_page, default_timeout=TIMEOUT)
    for name, value in state.items():
        at.session_state[name] = value
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _smallest_ready(path, as_of=AS_OF) -> str:
    with open_store(str(path)) as store:
        rows = store.layer("parcels", as_of, geometry=False)
    ready = rows[(rows["category"] == "ready") & (rows["status"] == "available")]
    return str(ready.sort_values("area_m2")["parcel_id"].iloc[0])


def test_supply_take_back_and_edit_from_the_map_details(store_path):
    parcel = _smallest_ready(store_path)
    at = _run_map(map_selected=("parcels", parcel), as_of=AS_OF)
    at.text_input(key="map_supply_project_0").input("地图供地项目")
    at.date_input(key="map_supply_date_0").set_value(dt.date(2025, 12, 1))
    at.button(key="map_supply_review_0").click().run()
    assert any("之前" in t.value.columns for t in at.table), "floors before → after"
    at.button(key="map_supply_confirm_0").click().run()
    assert any(parcel in shown(s.value) for s in at.success)
    # Now supplied: the details offer take-back and correction instead.
    at.date_input(key="map_takeback_date_0").set_value(dt.date(2025, 12, 15))
    at.text_input(key="map_takeback_reason_0").input("企业退地")
    at.button(key="map_takeback_review_0").click().run()
    at.button(key="map_takeback_confirm_0").click().run()
    assert not at.exception
    log = _changes(store_path)
    assert list(log["action"][:2]) == ["take_back", "supply"]
    # Edit the name: a new version with who/when/why in the parcel's history.
    at.text_input(key=f"map_edit_name_{parcel}_0").input("更正后的名称")
    at.date_input(key=f"map_edit_date_{parcel}_0").set_value(dt.date(2025, 12, 20))
    at.button(key=f"map_edit_save_{parcel}_0").click().run()
    assert any("原因" in e.value for e in at.error), "a reason is required"
    at.text_input(key=f"map_edit_reason_{parcel}_0").input("按登记更正")
    at.button(key=f"map_edit_save_{parcel}_0").click().run()
    assert not at.exception
    history = at.dataframe[-1].value
    assert list(history["操作"][-3:]) == ["供应项目", "收回入库", "修改地块"]
    assert history["原因 / 文件"].iloc[-1] == "按登记更正"
    assert history["改动"].iloc[-1] == "地块名称"
    assert history["原因 / 文件"].iloc[-2] == "企业退地"

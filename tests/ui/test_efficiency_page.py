"""The efficiency page through Streamlit's AppTest, on a store with the sample enterprises."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from landinv.services import efficiency as svc
from landinv.services.inventory import open_inventory
from tests.support.app import shown

TIMEOUT = 180


def _page(name: str) -> None:
    import importlib

    from landinv.ui.context import get_context

    importlib.import_module(f"landinv.ui.{name}").render(get_context())


@pytest.fixture(scope="module")
def seeded(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("eff-app") / "sample.gpkg"
    open_inventory(path).close()
    return path


@pytest.fixture
def store_path(seeded, tmp_path, monkeypatch) -> Path:
    path = tmp_path / "store.gpkg"
    shutil.copyfile(seeded, path)
    monkeypatch.setenv("LANDINV_STORE", str(path))
    monkeypatch.delenv("LANDINV_CONFIG", raising=False)
    st.cache_data.clear()
    return path


def run_page(lang: str = "zh", as_of=dt.date(2026, 1, 15)) -> AppTest:
    at = AppTest.from_function(_page, args=("efficiency_page",), default_timeout=TIMEOUT)
    at.session_state["as_of"] = as_of
    at.session_state["lang"] = lang
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_page_shows_the_cli_figures(store_path):
    at = run_page("en")
    with open_inventory(store_path) as store:
        from landinv.domain import Config

        ev = svc.evaluate_year(store, 2025)
        total = svc.zones_summary(ev, Config()).set_index("zone").loc["total", "tax_per_mu"]
    metric = at.metric[0]
    assert metric.label.startswith("Above-scale tax per mu")
    assert float(metric.value.replace(",", "")) == pytest.approx(total, abs=0.005)
    assert at.selectbox[0].value == 2025
    assert any("of" in c.value and "enterprises shown" in c.value for c in at.caption)


def test_page_in_chinese_and_filters(store_path):
    at = run_page("zh")
    assert at.title[0].value.startswith("亩均效益评价")
    next(m for m in at.multiselect if m.label == "类别").set_value(["D"]).run()
    shown = next(c.value for c in at.caption if "显示" in c.value)
    n = int(shown.split()[1])
    with open_inventory(store_path) as store:
        table = svc.evaluate_year(store, 2025).table
    assert n == int((table["class"] == "D").sum())


def test_mark_a_candidate_as_revitalisation_land(store_path):
    at = run_page("en")
    box = next(s for s in at.selectbox if s.label == "Parcel")
    assert box.value is None, "one click records it: no parcel is chosen for the planner"
    next(b for b in at.button if b.label == "Mark as revitalisation land").click().run()
    assert [e.value for e in at.error] == ["Choose a parcel first."]
    parcel = box.options[0].split(" — ")[0]
    next(s for s in at.selectbox if s.label == "Parcel").set_value(parcel)
    reason = next(t for t in at.text_input if t.label.startswith("Reason"))
    reason.set_value("Tax per mu far below the floor for years; agreed buy-back")
    next(b for b in at.button if b.label == "Mark as revitalisation land").click().run()
    assert not at.exception and not at.error
    assert any(parcel in shown(s.value) for s in at.success)  # escaped markdown
    with open_inventory(store_path) as store:
        change = store.changes().iloc[0]
        now = store.layer("parcels", dt.date(2026, 1, 15), geometry=False)
    assert change["action"] == "reclassify" and change["object_id"] == parcel
    assert "buy-back" in change["note"]
    assert now.set_index("parcel_id").loc[parcel, "category"] == "revitalised"


def test_parcel_details_on_the_map_name_its_enterprises(store_path):
    with open_inventory(store_path) as store:
        sites = store.enterprise_sites(dt.date(2025, 12, 31))
        parcel = sites.loc[sites["kind"] == "parcel", "object_id"].iloc[0]
        code = sites.loc[sites["object_id"] == parcel, "credit_code"].iloc[0]
    at = AppTest.from_function(_page, args=("map_page",), default_timeout=TIMEOUT)
    at.session_state["as_of"] = dt.date(2026, 1, 15)
    at.session_state["lang"] = "en"
    at.session_state["map_selected"] = ("parcels", parcel)
    at.run()
    assert not at.exception
    assert any("Enterprises using this parcel (2025)" in m.value for m in at.markdown)
    frames = [d.value for d in at.dataframe]
    assert any("Credit code" in f.columns and code in set(f["Credit code"]) for f in frames)

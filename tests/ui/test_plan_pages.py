"""AppTest of the forecast on the dashboard and the plan editor, on a real GeoPackage store."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from landinv.domain import load_config
from landinv.planning.forecast import breach_lines
from landinv.services import planning as svc
from landinv.store import open_store
from landinv.store import planning as plan_store
from tests.support.app import run_page

ROOT = Path(__file__).resolve().parents[2]
TODAY = dt.date.today()


@pytest.fixture
def store_path(store_path, monkeypatch) -> Path:
    """The private sample copy (tests/ui/conftest.py), with the repo's landinv.toml."""
    monkeypatch.setenv("LANDINV_CONFIG", str(ROOT / "landinv.toml"))
    return store_path


def _biggest_ready(store):
    p = store.layer("parcels", TODAY, geometry=False)
    ready = p[(p["category"] == "ready") & (p["status"] == "available")]
    return ready.sort_values("area_m2", ascending=False)["parcel_id"].iloc[:3].tolist()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_dashboard_shows_the_forecast_of_the_plan(store_path, lang):
    cfg = load_config(ROOT / "landinv.toml")
    with open_store(store_path) as store:
        for i, pid in enumerate(_biggest_ready(store)):
            svc.add_planned(
                store,
                cfg,
                {
                    "kind": "supply",
                    "object_id": pid,
                    "project": "p",
                    "date": TODAY + dt.timedelta(days=20 + 30 * i),
                },
            )
        expected = breach_lines(svc.scenario_forecast(store, cfg, as_of=TODAY), lang)
    assert expected, "three large supplies must break the ready-land floor"
    at = run_page("dashboard_page", lang=lang)
    errors = [e.value for e in at.error]
    assert expected[0] in errors
    shown = " ".join(m.value for m in at.markdown)
    assert expected[1] in shown
    title = {"zh": "底线预测（按计划）", "en": "Forecast of the floors (from the plan)"}[lang]
    assert title in [h.value for h in at.subheader]


def test_plan_page_adds_refuses_and_drops(store_path):
    at = run_page("plan_page", lang="en")
    assert "Planned events" in [t.value for t in at.title]
    at.radio(key="plan_add_kind").set_value("supply").run()
    at.text_input(key="plan_add_project").input("Chentong Bearings")
    at.date_input(key="plan_add_date").set_value(TODAY - dt.timedelta(days=3))
    at.button[0].click().run()  # the form's submit button
    assert any("refused" in e.value for e in at.error)
    with open_store(store_path) as store:
        assert len(plan_store.plan_events(store, history=True)) == 0

    at.date_input(key="plan_add_date").set_value(TODAY + dt.timedelta(days=40))
    at.button[0].click().run()
    assert not at.exception
    assert any("Added to the plan" in s.value for s in at.success)
    with open_store(store_path) as store:
        events = plan_store.plan_events(store)
    assert list(events["kind"]) == ["supply"] and events["project"].iloc[0] == "Chentong Bearings"
    assert events["user_name"].iloc[0] == ""  # local single-user mode

    drop = next(b for b in at.button if "Drop" in b.label)
    drop.click().run()
    with open_store(store_path) as store:
        assert list(plan_store.plan_events(store)["state"]) == ["dropped"]
        assert len(plan_store.plan_events(store, history=True)) == 2


@pytest.mark.slow  # an end-to-end flow of several seconds: full suite only
def test_plan_page_makes_the_monthly_report(store_path):
    import io

    from docx import Document

    at = run_page("plan_page", lang="zh")
    make = next(b for b in at.button if b.label == "生成月报")
    make.click().run()
    assert not at.exception, [e.value for e in at.exception]
    month, blob = at.session_state["plan_report_docx"]
    assert month == TODAY.replace(day=1)
    doc = Document(io.BytesIO(blob))
    assert "月报" in doc.paragraphs[0].text and len(doc.inline_shapes) >= 2

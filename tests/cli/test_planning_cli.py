"""`landinv plan`, `forecast` and the guarded `supply` on both backends."""

import datetime as dt
import json

import openpyxl
import pandas as pd
import pytest

from landinv import cli
from landinv.domain import M2_PER_MU
from landinv.geometry import area_m2
from landinv.store import planning as plan_store

TODAY = dt.date.today()


def run(capsys, *argv):
    code = cli.main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def small(store_factory, store_location, make_parcels, make_buildings, tmp_path):
    """Four ready parcels (about 15 mu each) and two factories; floor 10 mu under the stock."""
    store = store_factory()
    ready = make_parcels(["P1", "P2", "P3", "P4"])
    store.commit_import(
        "parcels",
        ready,
        file_name="p.gpkg",
        sha256="1" * 64,
        effective_date=TODAY - dt.timedelta(days=30),
    )
    store.commit_import(
        "buildings",
        make_buildings(["B1", "B2"], row=2),
        file_name="b.gpkg",
        sha256="2" * 64,
        effective_date=TODAY - dt.timedelta(days=30),
    )
    total_mu = area_m2(ready.geometry).sum() / M2_PER_MU
    floor = float(total_mu - 10.0)
    config = tmp_path / "landinv.toml"
    config.write_text(
        f"[floors]\nready_land_mu = {floor!r}\nfactory_floor_area_m2 = 1000\n", encoding="utf-8"
    )
    areas = {k: float(v) for k, v in zip(ready["parcel_id"], area_m2(ready.geometry) / M2_PER_MU)}
    return store, ["--store", store_location, "--config", str(config)], areas, floor


def _state(store):
    return (
        store.layer("parcels", None, geometry=False).drop(columns="fid"),
        store.changes().drop(columns="created_at"),
        plan_store.plan_events(store, history=True),
    )


def test_supply_over_the_margin_is_refused_without_allow_breach(capsys, small):
    store, opts, areas, _floor = small
    later = TODAY + dt.timedelta(days=20)
    code, _, err = run(
        capsys, "plan", "add", "supply", "P1", "--date", later, "--project", "Chentong", *opts
    )
    assert code == 0, err
    before = _state(store)

    code, out, err = run(capsys, "supply", "P1", "--project", "Chentong", *opts)

    assert code == 2
    assert "--allow-breach" in err and "Nothing recorded" in err and "未登记" in err
    short = areas["P1"] - 10.0
    assert f"{short:,.2f}" in err  # the shortfall in mu, figures shown
    for a, b in zip(before, _state(store)):
        pd.testing.assert_frame_equal(a, b)

    code, out, err = run(
        capsys, "supply", "P1", "--project", "Chentong", "--allow-breach", "--user", "li", *opts
    )
    assert code == 0, err
    change = store.changes().iloc[0]
    assert change["action"] == "supply" and change["object_id"] == "P1"
    assert "breach acknowledged" in change["note"] and "已确认突破底线" in change["note"]
    events = plan_store.plan_events(store)
    done = events[events["object_id"] == "P1"].iloc[0]
    assert done["state"] == "done" and int(done["change_id"]) == int(change["change_id"])
    assert done["event_id"] in change["note"]  # the record says which planned event
    assert "P1" in out

    # a supply inside the margin goes through without the flag
    code, _, err = run(capsys, "check", "--json", *opts)
    assert code == 1  # now breached


def test_supply_within_the_margin_is_recorded(capsys, small, tmp_path):
    store, opts, _areas, floor = small
    toml = opts[-1]
    with open(toml, "w", encoding="utf-8") as fh:
        fh.write(f"[floors]\nready_land_mu = {floor - 20.0!r}\nfactory_floor_area_m2 = 1000\n")
    code, _, err = run(capsys, "supply", "P2", "--project", "x", *opts)
    assert code == 0, err
    assert "breaks no floor" in err
    assert pd.isna(store.changes().iloc[0]["note"])


def test_forecast_json_and_plan_commands(capsys, small, tmp_path):
    store, opts, areas, floor = small
    d1, d2 = TODAY + dt.timedelta(days=40), TODAY + dt.timedelta(days=100)
    assert (
        run(
            capsys,
            "plan",
            "add",
            "building",
            "B9",
            "--date",
            d1,
            "--floor-area",
            5000,
            "--zone",
            "xindu",
            *opts,
        )[0]
        == 0
    )
    assert run(capsys, "plan", "add", "supply", "P3", "--date", d2, "--project", "y", *opts)[0] == 0
    code, out, _ = run(capsys, "forecast", "--months", 6, "--json", *opts)
    payload = json.loads(out)
    assert code == 1  # exit 1: a breach is forecast
    assert len(payload["months"]) == 6
    assert set(payload["months"][0]) >= {"month", "ready_land_mu", "factory_floor_area_m2", "ok"}
    assert payload["months"][0]["month"] == TODAY.strftime("%Y-%m")
    assert payload["floors"]["ready_land_mu"] == pytest.approx(floor)
    assert payload["first_breach"]["month"] == d2.strftime("%Y-%m")
    assert payload["first_breach"]["floor"] == "ready_land"
    assert payload["first_breach"]["shortfall"] == pytest.approx(areas["P3"] - 10.0, rel=1e-9)

    code, out, _ = run(capsys, "plan", "list", "--json", *opts)
    events = json.loads(out)
    eid = next(e["event_id"] for e in events if e["object_id"] == "P3")
    assert run(capsys, "plan", "drop", eid, *opts)[0] == 0
    code, out, _ = run(capsys, "forecast", "--months", 6, "--json", *opts)
    assert code == 0 and json.loads(out)["first_breach"] is None

    # past dates are refused, bilingual, nothing stored
    n = len(plan_store.plan_events(store, history=True))
    code, _, err = run(
        capsys,
        "plan",
        "add",
        "supply",
        "P4",
        "--date",
        TODAY - dt.timedelta(days=1),
        "--project",
        "z",
        *opts,
    )
    assert code == 2 and "refused" in err and "不予登记" in err
    assert len(plan_store.plan_events(store, history=True)) == n


def test_plan_import_xlsx_with_chinese_headers(capsys, small, tmp_path):
    store, opts, _areas, _floor = small
    path = tmp_path / "计划.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["地块编号", "事件", "预计日期", "项目", "建筑面积", "片区"])
    ws.append(["P2", "供应", TODAY + dt.timedelta(days=10), "辰通轴承", None, None])
    ws.append(
        ["B7", "厂房竣工", (TODAY + dt.timedelta(days=60)).isoformat(), None, 8000, "新都片区"]
    )
    wb.save(path)
    code, out, err = run(capsys, "plan", "import", path, "--dry-run", "--json", *opts)
    assert code == 0, err
    assert [e["kind"] for e in json.loads(out)["events"]] == ["supply", "building"]
    assert len(plan_store.plan_events(store, history=True)) == 0
    code, out, err = run(capsys, "plan", "import", path, "--scenario", "whatif", *opts)
    assert code == 0, err
    ev = plan_store.plan_events(store, scenario="whatif")
    assert sorted(ev["kind"]) == ["building", "supply"]
    assert set(ev["source"]) == {"计划.xlsx"}
    assert ev.set_index("kind").loc["building", "zone"] == "xindu"
    # a second import of the same supply into the same scenario: refused whole
    code, _, err = run(capsys, "plan", "import", path, "--scenario", "whatif", *opts)
    assert code == 2 and "twice" in err
    assert len(plan_store.plan_events(store, history=True)) == 2
    # an unknown event word: bilingual message with the row number
    ws.append(["P4", "卖掉", TODAY + dt.timedelta(days=5), "x", None, None])
    wb.save(path)
    code, _, err = run(capsys, "plan", "import", path, "--dry-run", *opts)
    assert code == 2 and "4: " in err and "无法识别" in err


def test_plan_new_change_targets_and_area(capsys, small, tmp_path, make_parcels):
    import geopandas as gpd

    store, opts, _areas, _floor = small
    outline = tmp_path / "new.geojson"
    far = make_parcels(["N1"], row=20)
    gpd.GeoDataFrame({"name": ["n"]}, geometry=far.geometry, crs=4490).to_file(outline)
    when = TODAY + dt.timedelta(days=15)
    code, out, err = run(
        capsys,
        "plan",
        "add",
        "new",
        "N1",
        "--date",
        when,
        "--outline",
        outline,
        "--zone",
        "xindu",
        *opts,
    )
    assert code == 0, err
    # an outline over a stored parcel is refused, naming it
    over = tmp_path / "over.geojson"
    gpd.GeoDataFrame({"name": ["o"]}, geometry=make_parcels(["X"]).geometry, crs=4490).to_file(over)
    code, _, err = run(capsys, "plan", "add", "new", "N2", "--date", when, "--outline", over, *opts)
    assert code == 2 and "P1" in err and "重叠" in err and "overlaps" in err
    eid = plan_store.plan_events(store)["event_id"].iloc[0]
    later = TODAY + dt.timedelta(days=45)
    assert run(capsys, "plan", "change", eid, "--date", later, *opts)[0] == 0
    ev = plan_store.plan_events(store).iloc[0]
    assert ev["date"] == later.isoformat() and ev["version"] == 2
    code, out, _ = run(capsys, "forecast", "--months", 3, "--json", *opts)
    months = {m["month"]: m for m in json.loads(out)["months"]}
    added = area_m2(far.geometry)[0] / M2_PER_MU
    end = dt.date(later.year, later.month, 28).strftime("%Y-%m")
    if end in months:
        base = months[TODAY.strftime("%Y-%m")]["ready_land_mu"]
        assert months[end]["ready_land_mu"] - base == pytest.approx(added, rel=1e-9)
    code, out, err = run(capsys, "plan", "area", "eco", "--zones", "xindu", *opts)
    assert code == 2 and "eco" in err  # no sub-area boundaries in this store: no outline
    code, out, _ = run(capsys, "plan", "targets", "--json", "--year", 2026, *opts)
    rows = json.loads(out)  # the default 2026 target: 1,800 mu on the eco platform
    assert code == 0 and [(r["area"], r["target_mu"]) for r in rows] == [("eco_platform", 1800)]
    assert rows[0]["area_missing"] is True  # its outline is not in this store

"""Forecast of both floors from stored stock plus planned events, on both backends.

The floors are set from the parcels' own ellipsoidal areas, so the month of
the first breach and its shortfall are known exactly before the forecast runs.
"""

import datetime as dt
from dataclasses import replace

import pandas as pd
import pytest
import shapely

from landinv.domain import M2_PER_MU, Config
from landinv.errors import ConflictError, UsageError
from landinv.geometry import area_m2
from landinv.services import planning as svc
from landinv.store import planning as plan_store

D = dt.date
AS_OF = D(2026, 1, 15)


def _import(store, gdf, sha, kind="parcels"):
    return store.commit_import(
        kind, gdf, file_name=f"{sha[:4]}.gpkg", sha256=sha, effective_date=D(2026, 1, 1), user="t"
    )


@pytest.fixture
def stocked(store, make_parcels, make_buildings):
    """Ten ready parcels R0..R9, two revitalised V0, V1, three standard factories."""
    ready = make_parcels([f"R{i}" for i in range(10)], category="ready")
    revit = make_parcels(["V0", "V1"], category="revitalised", row=1)
    _import(store, ready, "a" * 64)
    _import(store, revit, "b" * 64)
    _import(store, make_buildings(["B0", "B1", "B2"], row=2), "c" * 64, kind="buildings")
    areas = dict(zip(ready["parcel_id"], area_m2(ready.geometry)))
    areas.update(zip(revit["parcel_id"], area_m2(revit.geometry)))
    return store, areas


def _mu(m2):
    return m2 / M2_PER_MU


def _supplies(store, plan):
    for pid, day in plan:
        svc.add_planned(
            store,
            Config(),
            {"kind": "supply", "object_id": pid, "date": day, "project": f"project {pid}"},
            user="t",
            today=AS_OF,
        )


def test_supplies_break_ready_floor_in_the_known_month_by_the_known_shortfall(stocked):
    store, areas = stocked
    total = sum(areas[f"R{i}"] for i in range(10))
    plan = [
        ("R0", D(2026, 3, 10)),
        ("R1", D(2026, 5, 20)),
        ("R2", D(2026, 7, 5)),
        ("R3", D(2026, 8, 15)),
    ]
    # Floor set so the fourth supply leaves exactly half of R3's area short.
    floor_m2 = total - areas["R0"] - areas["R1"] - areas["R2"] - areas["R3"] / 2
    cfg = replace(Config(), ready_land_floor_mu=_mu(floor_m2), factory_floor_m2=1.0)
    _supplies(store, plan)

    fc = svc.scenario_forecast(store, cfg, as_of=AS_OF, months=24)

    assert len(fc.months) == 24 and fc.months["month"].iloc[0] == "2026-01"
    assert fc.first_breach["month"] == "2026-08"
    assert fc.first_breach["date"] == "2026-08-15"
    assert fc.first_breach["floor"] == "ready_land"
    assert fc.first_breach["shortfall"] == pytest.approx(_mu(areas["R3"] / 2), rel=1e-9)
    ok = dict(zip(fc.months["month"], fc.months["ok"]))
    assert all(ok[m] for m in ["2026-01", "2026-03", "2026-05", "2026-07"])
    assert not ok["2026-08"] and not ok["2027-12"]
    end_of_july = fc.months.set_index("month").loc["2026-07", "ready_land_mu"]
    assert end_of_july == pytest.approx(
        _mu(total - areas["R0"] - areas["R1"] - areas["R2"]), rel=1e-12
    )
    # what must be ready by when: half of R3 by the day of the breach
    need = [n for n in fc.needs if n["floor"] == "ready_land"]
    assert need[0]["by"] == "2026-08-15"
    assert need[0]["cumulative"] == pytest.approx(_mu(areas["R3"] / 2), rel=1e-9)
    # per sub-area: all parcels are in xindu
    xd = fc.zones[(fc.zones["zone"] == "xindu") & (fc.zones["month"] == "2026-08")]
    assert xd["ready_land_mu"].iloc[0] == pytest.approx(
        fc.months.set_index("month").loc["2026-08", "ready_land_mu"], rel=1e-12
    )

    # A revitalised parcel planned to become ready before August moves the breach:
    svc.add_planned(
        store,
        cfg,
        {"kind": "ready", "object_id": "V0", "date": D(2026, 6, 1)},
        user="t",
        today=AS_OF,
    )
    _supplies(store, [("R4", D(2026, 11, 3))])
    moved = svc.scenario_forecast(store, cfg, as_of=AS_OF, months=24)
    assert moved.first_breach["month"] == "2026-11"
    expected = floor_m2 - (total + areas["V0"] - sum(areas[f"R{i}"] for i in range(5)))
    assert moved.first_breach["shortfall"] == pytest.approx(_mu(expected), rel=1e-9)
    assert moved.months.set_index("month").loc["2026-10", "ok"]


def test_factory_demolition_breaks_the_factory_floor(stocked):
    store, _ = stocked
    now = store.factory_totals(AS_OF)["floor_area_m2"].sum()
    cfg = replace(Config(), ready_land_floor_mu=0.0, factory_floor_m2=now - 1000.0)
    svc.add_planned(
        store,
        cfg,
        {
            "kind": "building",
            "object_id": "B9",
            "date": D(2026, 4, 2),
            "floor_area_m2": 3000.0,
            "zone": "xindu",
        },
        today=AS_OF,
    )
    svc.add_planned(
        store,
        cfg,
        {
            "kind": "building",
            "object_id": "B0",
            "date": D(2026, 9, 1),
            "floor_area_m2": -4500.0,
            "zone": "xindu",
        },
        today=AS_OF,
    )
    fc = svc.scenario_forecast(store, cfg, as_of=AS_OF, months=12)
    assert fc.first_breach["floor"] == "factory_floor_space"
    assert fc.first_breach["month"] == "2026-09"
    assert fc.first_breach["shortfall"] == pytest.approx(500.0, abs=1e-6)
    assert fc.months.set_index("month").loc["2026-04", "factory_floor_area_m2"] == pytest.approx(
        now + 3000.0
    )


def test_new_land_and_scenarios_and_history(stocked, make_parcels):
    store, _areas = stocked
    far = make_parcels(["N1"], row=30).geometry.iloc[0]
    cfg = Config()
    eid = svc.add_planned(
        store,
        cfg,
        {"kind": "new", "object_id": "N1", "date": D(2026, 2, 1), "geometry": far, "zone": "huibu"},
        today=AS_OF,
    )
    # a supply of the planned new parcel is allowed in the same scenario
    svc.add_planned(
        store,
        cfg,
        {"kind": "supply", "object_id": "N1", "date": D(2026, 4, 1), "project": "x"},
        today=AS_OF,
    )
    assert plan_store.copy_scenario(store, "plan", "whatif", user="t") == 2
    plan_store.revise_event(store, eid, user="t2", today=AS_OF, date=D(2026, 3, 1))
    ev = plan_store.plan_events(store, scenario="plan")
    assert ev.set_index("event_id").loc[eid, "date"] == "2026-03-01"
    assert ev.set_index("event_id").loc[eid, "version"] == 2
    hist = plan_store.plan_events(store, history=True)
    assert len(hist[hist["event_id"] == eid]) == 2  # the first version is kept
    plan_store.revise_event(store, eid, user="t2", today=AS_OF, drop=True)
    assert plan_store.STATE_DROPPED in set(plan_store.plan_events(store, scenario="plan")["state"])
    fc_plan = svc.scenario_forecast(store, cfg, as_of=AS_OF, months=6)
    fc_what = svc.scenario_forecast(store, cfg, scenario="whatif", as_of=AS_OF, months=6)
    feb = fc_what.months.set_index("month").loc["2026-02", "ready_land_mu"]
    assert feb - fc_plan.months.set_index("month").loc["2026-02", "ready_land_mu"] == pytest.approx(
        area_m2([far])[0] / M2_PER_MU, rel=1e-9
    )
    hb = fc_what.zones[(fc_what.zones["zone"] == "huibu") & (fc_what.zones["month"] == "2026-02")]
    assert hb["ready_land_mu"].iloc[0] == pytest.approx(area_m2([far])[0] / M2_PER_MU, rel=1e-9)


def test_bad_planned_events_are_refused_and_nothing_is_stored(stocked, make_parcels):
    store, _ = stocked
    cfg = Config()
    before = plan_store.plan_events(store, history=True)
    with pytest.raises(UsageError) as exc:
        svc.add_planned(
            store,
            cfg,
            {"kind": "supply", "object_id": "R0", "date": D(2026, 1, 14), "project": "p"},
            today=AS_OF,
        )
    assert exc.value.code == "err.plan_past_date" and "2026-01-14" in exc.value.en
    store.supply_parcel("R9", date=D(2026, 1, 10), project="done")
    with pytest.raises(ConflictError) as exc:
        svc.add_planned(
            store,
            cfg,
            {"kind": "supply", "object_id": "R9", "date": D(2026, 2, 1), "project": "p"},
            today=AS_OF,
        )
    assert exc.value.code == "err.plan_already_supplied"
    overlapping = shapely.buffer(make_parcels(["X"]).geometry.iloc[0], 0.0001)
    with pytest.raises(ConflictError) as exc:
        svc.add_planned(
            store,
            cfg,
            {"kind": "new", "object_id": "N9", "date": D(2026, 2, 1), "geometry": overlapping},
            today=AS_OF,
        )
    assert exc.value.code == "err.plan_new_overlaps" and "R0" in exc.value.en
    assert "R0" in exc.value.zh
    # twice in one scenario, within one batch: all or none
    with pytest.raises(ConflictError) as exc:
        plan_store.add_events(
            store,
            [
                {"kind": "supply", "object_id": "R1", "date": D(2026, 2, 1), "project": "p"},
                {"kind": "supply", "object_id": "R1", "date": D(2026, 3, 1), "project": "q"},
            ],
            today=AS_OF,
        )
    assert exc.value.code == "err.plan_twice"
    pd.testing.assert_frame_equal(plan_store.plan_events(store, history=True), before)
    # ... and against what is stored
    svc.add_planned(
        store,
        cfg,
        {"kind": "supply", "object_id": "R1", "date": D(2026, 2, 1), "project": "p"},
        today=AS_OF,
    )
    with pytest.raises(ConflictError):
        svc.add_planned(
            store,
            cfg,
            {"kind": "supply", "object_id": "R1", "date": D(2026, 3, 1), "project": "q"},
            today=AS_OF,
        )
    # a different scenario may plan it
    svc.add_planned(
        store,
        cfg,
        {
            "kind": "supply",
            "object_id": "R1",
            "date": D(2026, 3, 1),
            "project": "q",
            "scenario": "alt",
        },
        today=AS_OF,
    )
    assert len(plan_store.plan_events(store)) == 2

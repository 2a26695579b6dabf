"""A backup holds the plan (every version) and the target areas; a restore brings them back."""

import datetime as dt

import pyogrio
import shapely

from landinv.domain import Config
from landinv.services import planning as svc
from landinv.store import planning as plan_store
from landinv.store.backup import backup, restore

D = dt.date(2026, 1, 15)


def test_plan_survives_backup_and_restore(store, tmp_path, make_parcels, open_any_store):
    store.commit_import(
        "parcels",
        make_parcels(["R1", "R2"]),
        file_name="p",
        sha256="1" * 64,
        effective_date=dt.date(2026, 1, 1),
    )
    cfg = Config()
    eid = svc.add_planned(
        store,
        cfg,
        {"kind": "supply", "object_id": "R1", "project": "p", "date": dt.date(2026, 3, 1)},
        user="li",
        today=D,
    )
    outline = make_parcels(["N"], row=9).geometry.iloc[0]
    svc.add_planned(
        store,
        cfg,
        {
            "kind": "new",
            "object_id": "N",
            "geometry": outline,
            "date": dt.date(2026, 4, 1),
            "zone": "xindu",
        },
        today=D,
    )
    plan_store.revise_event(store, eid, user="wang", today=D, date=dt.date(2026, 5, 1))
    plan_store.set_target_area(
        store,
        "eco",
        shapely.box(118.4, 28.8, 118.6, 29.0),
        name_zh="平台",
        name_en="Platform",
        date=dt.date(2026, 1, 1),
    )
    before = plan_store.plan_events(store, history=True)
    out = tmp_path / "snapshot.gpkg"

    counts = backup(store, out)

    assert counts["plan_events"] == 3 and counts["target_areas"] == 1
    assert {"plan_events", "target_areas"} <= {str(n) for n, _ in pyogrio.list_layers(out)}
    target = open_any_store("gpkg", str(tmp_path / "restored.gpkg"))
    restored = restore(out, target)
    assert restored["plan_events"] == 3
    after = plan_store.plan_events(target, history=True)
    cols = [
        "event_id",
        "version",
        "scenario",
        "kind",
        "object_id",
        "date",
        "project",
        "state",
        "user_name",
        "created_at",
        "superseded_at",
    ]
    key = ["event_id", "version"]
    assert (
        after[cols].sort_values(key).astype(str).values.tolist()
        == before[cols].sort_values(key).astype(str).values.tolist()
    )
    new = plan_store.plan_events(target, geometry=True).set_index("object_id").loc["N"]
    assert new.geometry.equals_exact(outline, 1e-9)
    area = plan_store.target_areas(target, dt.date(2026, 2, 1))
    assert list(area["code"]) == ["eco"] and area.iloc[0]["name_zh"] == "平台"
    fc = svc.scenario_forecast(target, cfg, as_of=D, months=6)
    assert (
        fc.months.set_index("month").loc["2026-05", "ready_land_mu"]
        < fc.months.set_index("month").loc["2026-04", "ready_land_mu"]
    )

"""Correcting a supply, taking land back and editing a parcel: both backends."""

import datetime as dt

import pytest
import shapely

from landinv.domain import M2_PER_MU
from landinv.errors import ConflictError, UsageError
from landinv.geometry import area_m2

D = dt.date


def _ready_m2(store, as_of):
    s = store.summary(as_of)
    rows = s[(s["category"] == "ready") & (s["status"] == "available")]
    return float(rows["area_m2"].sum())


@pytest.fixture
def stocked(store, make_parcels):
    gdf = make_parcels(["XD-001", "XD-002", "XD-003"])
    store.commit_import(
        "parcels",
        gdf,
        file_name="p.gpkg",
        sha256="a" * 64,
        effective_date=D(2025, 1, 1),
        user="planner-a",
    )
    return store


def test_correct_supply_returns_the_parcel_as_if_never_supplied(stocked):
    store = stocked
    full = _ready_m2(store, D(2025, 6, 1))
    store.supply_parcel("XD-002", date=D(2025, 5, 10), project="错误项目", user="planner-b")
    assert _ready_m2(store, D(2025, 6, 1)) < full

    out = store.correct_supply("XD-002", user="chief", reason="录错了地块")
    assert out["date"] == D(2025, 5, 10) and out["project"] == "错误项目"

    # Every as-of view, before and after the correction's record time, reads full stock.
    for day in (D(2025, 5, 9), D(2025, 5, 10), D(2025, 6, 1), D(2026, 1, 1)):
        assert _ready_m2(store, day) == pytest.approx(full, rel=1e-12)
    current = store.layer("parcels", D(2025, 6, 1), geometry=False)
    row = current[current["parcel_id"] == "XD-002"].iloc[0]
    assert row["status"] == "available" and not isinstance(row["project"], str)
    # The supplied version stays, closed on its first day (never in effect).
    history = store.layer("parcels", None, geometry=False)
    mine = history[history["parcel_id"] == "XD-002"].sort_values("fid")
    assert list(mine["status"]) == ["available", "supplied", "available"]
    supplied = mine.iloc[1]
    assert supplied["valid_from"] == supplied["valid_to"] == "2025-05-10"
    # The supply's log row stays; the correction says who, when and why.
    log = store.changes()
    assert list(log["action"][:3]) == ["correct_supply", "supply", "import"]
    corr = log.iloc[0]
    assert (corr["object_id"], corr["user_name"], corr["note"], corr["project"]) == (
        "XD-002",
        "chief",
        "录错了地块",
        "错误项目",
    )
    assert corr["date"] == "2025-05-10" and corr["created_at"]


def test_correct_supply_refusals(stocked, make_parcels):
    store = stocked
    with pytest.raises(ConflictError) as err:
        store.correct_supply("XD-001", user="x", reason="r")
    assert err.value.code == "err.chg_not_supplied"
    with pytest.raises(UsageError) as err:
        store.correct_supply("NOPE", user="x", reason="r")
    assert err.value.code == "err.chg_no_parcel"
    store.supply_parcel("XD-001", date=D(2025, 3, 1), project="甲")
    with pytest.raises(UsageError) as err:
        store.correct_supply("XD-001", user="x", reason="  ")
    assert err.value.code == "err.chg_reason_required"
    # Came supplied in an import: no supply record to correct.
    gdf = make_parcels(["XD-900"], status="supplied", row=3)
    store.commit_import(
        "parcels", gdf, file_name="s.gpkg", sha256="b" * 64, effective_date=D(2025, 1, 1)
    )
    with pytest.raises(ConflictError) as err:
        store.correct_supply("XD-900", user="x", reason="r")
    assert err.value.code == "err.chg_supply_not_recorded"
    n = len(store.changes())
    assert len(store.changes()) == n  # refusals wrote nothing


def test_take_back_is_a_new_dated_event(stocked):
    store = stocked
    full = _ready_m2(store, D(2025, 1, 2))
    store.supply_parcel("XD-003", date=D(2025, 3, 1), project="辰通轴承", user="a")
    with pytest.raises(UsageError) as err:
        store.take_back_parcel("XD-003", date=D(2025, 3, 1), user="b", reason="r")
    assert err.value.code == "err.chg_take_back_date"
    out = store.take_back_parcel("XD-003", date=D(2025, 9, 1), user="b", reason="企业退地")
    assert out["project"] == "辰通轴承"
    assert _ready_m2(store, D(2025, 2, 28)) == pytest.approx(full)
    assert _ready_m2(store, D(2025, 6, 1)) < full  # supplied between the two dates
    assert _ready_m2(store, D(2025, 9, 1)) == pytest.approx(full)
    log = store.changes().iloc[0]
    assert (log["action"], log["date"], log["user_name"], log["note"]) == (
        "take_back",
        "2025-09-01",
        "b",
        "企业退地",
    )
    with pytest.raises(ConflictError):
        store.take_back_parcel("XD-003", date=D(2025, 10, 1), user="b", reason="again")


def test_edit_attributes_and_outline_is_a_new_version(stocked):
    store = stocked
    out = store.edit_parcel(
        "XD-001",
        date=D(2025, 4, 1),
        user="ed",
        reason="测绘更正",
        fields={"name": "新名称", "land_use_code": "0601"},
    )
    assert out["changed"] == ["land_use_code", "name"]
    old = store.layer("parcels", D(2025, 3, 31), geometry=False)
    new = store.layer("parcels", D(2025, 4, 1), geometry=False)
    assert old.set_index("parcel_id").loc["XD-001", "name"] != "新名称"
    assert new.set_index("parcel_id").loc["XD-001", "land_use_code"] == "0601"
    # A smaller outline: the store recomputes the area.
    shape = shapely.box(118.50, 28.90, 118.5005, 28.9009)
    out = store.edit_parcel(
        "XD-001", date=D(2025, 5, 1), user="ed", reason="边界更正", geometry=shape
    )
    assert out["changed"][0] == "geometry" and "area_m2" in out["changed"]
    row = store.layer("parcels", D(2025, 5, 1))
    row = row[row["parcel_id"] == "XD-001"].iloc[0]
    assert row["area_m2"] == pytest.approx(area_m2([shape])[0], rel=1e-9)
    assert row["area_m2"] / M2_PER_MU == pytest.approx(7.5, rel=0.1)
    with pytest.raises(UsageError) as err:
        store.edit_parcel(
            "XD-001", date=D(2025, 6, 1), user="ed", reason="r", fields={"name": "新名称"}
        )
    assert err.value.code == "err.chg_edit_nothing"
    with pytest.raises(UsageError) as err:
        store.edit_parcel(
            "XD-001", date=D(2025, 6, 1), user="ed", reason="r", fields={"status": "supplied"}
        )
    assert err.value.code == "err.chg_edit_field"
    log = store.changes()
    assert list(log["action"][:2]) == ["edit", "edit"]
    assert list(log["note"][:2]) == ["边界更正", "测绘更正"]

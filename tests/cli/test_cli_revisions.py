"""``correct-supply``, ``take-back`` and ``edit-parcel`` on the sample store."""

import datetime as dt
import json

import pytest
import shapely

from landinv import cli
from landinv.domain import Config
from landinv.services import changes as svc
from landinv.store import open_store


def run(capsys, *argv):
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def _ready_parcel(store_path):
    with open_store(store_path) as store:
        parcels = store.layer("parcels", dt.date.today(), geometry=False)
    ready = parcels[(parcels["category"] == "ready") & (parcels["status"] == "available")]
    return str(ready.sort_values("area_m2")["parcel_id"].iloc[0])


def _land(capsys, store_path, as_of):
    _code, out, _ = run(capsys, "check", "--json", "--store", store_path, "--as-of", as_of)
    return json.loads(out)["ready_land_mu"]


def test_correct_a_mistaken_supply_through_the_cli(capsys, store_path):
    pid = _ready_parcel(store_path)
    before = _land(capsys, store_path, "2026-03-01")
    assert (
        run(
            capsys,
            "supply",
            pid,
            "--date",
            "2026-02-01",
            "--project",
            "误录项目",
            "--store",
            store_path,
        )[0]
        == 0
    )
    assert _land(capsys, store_path, "2026-03-01") < before
    code, out, _ = run(
        capsys,
        "correct-supply",
        pid,
        "--reason",
        "选错地块",
        "--user",
        "王工",
        "--store",
        store_path,
    )
    assert code == 0 and pid in out and "2026-02-01" in out and "误录项目" in out
    assert _land(capsys, store_path, "2026-03-01") == pytest.approx(before, abs=1e-9)
    with open_store(store_path) as store:
        records = svc.supply_records(store.changes())
    rec = records[records["object_id"] == pid].iloc[0]
    assert (rec["state"], rec["state_by"], rec["state_reason"]) == ("corrected", "王工", "选错地块")
    # A second correction is refused with a bilingual message, exit 2.
    code, _, err = run(capsys, "correct-supply", pid, "--reason", "again", "--store", store_path)
    assert code == 2 and "不是" in err and "not supplied" in err


def test_take_back_through_the_cli(capsys, store_path):
    pid = _ready_parcel(store_path)
    run(capsys, "supply", pid, "--date", "2026-01-10", "--project", "辰通", "--store", store_path)
    code, _, err = run(
        capsys, "take-back", pid, "--date", "2026-01-05", "--reason", "退地", "--store", store_path
    )
    assert code == 2 and "2026-01-10" in err
    code, out, _ = run(
        capsys,
        "take-back",
        pid,
        "--date",
        "2026-03-01",
        "--reason",
        "企业退地",
        "--store",
        store_path,
    )
    assert code == 0 and "2026-03-01" in out and "辰通" in out
    with open_store(store_path) as store:
        log = store.changes()
        hist = store.layer("parcels", None, geometry=False)
    assert log.iloc[0]["action"] == "take_back" and log.iloc[0]["note"] == "企业退地"
    mine = hist[hist["parcel_id"] == pid].sort_values("fid")
    assert list(mine["status"][-2:]) == ["supplied", "available"]
    with pytest.raises(SystemExit) as stop:  # argparse: --reason is required
        run(capsys, "take-back", pid, "--store", store_path)
    assert stop.value.code == 2


def test_edit_parcel_through_the_cli(capsys, store_path, tmp_path):
    pid = _ready_parcel(store_path)
    code, out, _ = run(
        capsys,
        "edit-parcel",
        pid,
        "--name",
        "更正名称",
        "--land-use-code",
        "0699",
        "--reason",
        "核对档案",
        "--date",
        "2026-02-01",
        "--store",
        store_path,
    )
    assert code == 0 and "Land-use code" in out and "用地代码" in out
    with open_store(store_path) as store:
        row = store.layer("parcels", dt.date(2026, 2, 1), geometry=True)
        row = row[row["parcel_id"] == pid].iloc[0]
        assert (row["name"], row["land_use_code"]) == ("更正名称", "0699")
        shrunk = shapely.affinity.scale(row.geometry, 0.8, 0.8)
        big = shapely.affinity.scale(row.geometry, 3.0, 3.0)
    outline = tmp_path / "outline.wkt"
    outline.write_text(shrunk.wkt, encoding="utf-8")
    code, out, _ = run(
        capsys,
        "edit-parcel",
        pid,
        "--outline",
        str(outline),
        "--reason",
        "测绘更正",
        "--date",
        "2026-02-02",
        "--store",
        store_path,
    )
    assert code == 0 and "Outline" in out and "Area (m²)" in out
    with open_store(store_path) as store:
        new = store.layer("parcels", dt.date(2026, 2, 2))
        new = new[new["parcel_id"] == pid].iloc[0]
    assert new["area_m2"] == pytest.approx(row["area_m2"] * 0.64, rel=0.01)
    # Grown over its neighbours: refused, naming them; nothing stored.
    outline.write_text(big.wkt, encoding="utf-8")
    code, _, err = run(
        capsys,
        "edit-parcel",
        pid,
        "--outline",
        str(outline),
        "--reason",
        "x",
        "--date",
        "2026-02-03",
        "--store",
        store_path,
    )
    assert code == 2 and "重叠" in err and "overlaps" in err
    outline.write_text("POLYGON((0 0, 1 1, 1 0, 0 1, 0 0))", encoding="utf-8")
    code, _, err = run(
        capsys,
        "edit-parcel",
        pid,
        "--outline",
        str(outline),
        "--reason",
        "x",
        "--store",
        store_path,
    )
    assert code == 2 and "valid polygon" in err
    with open_store(store_path) as store:
        assert store.changes().iloc[0]["note"] == "测绘更正"


def test_supply_effect_and_breach_confirmation(store_path):
    cfg = Config()
    with open_store(store_path) as store:
        pid = _ready_parcel(store_path)
        today = dt.date.today()
        effect = svc.supply_effect_today(store, cfg, pid, today)
        assert effect.counts and effect.land_after == pytest.approx(
            effect.land_before - effect.area_mu
        )
        assert effect.factory_after == effect.factory_before
        # Raise the floor just above the stock after the supply: it would break.
        tight = Config(ready_land_floor_mu=effect.land_after + 1)
        assert svc.supply_effect_today(store, tight, pid, today).breaks
        n = len(store.changes())
        with pytest.raises(Exception) as err:
            svc.record_supply(store, tight, pid, project="P", date=today, user="u")
        assert err.value.code == "err.chg_supply_breach"
        assert len(store.changes()) == n
        svc.record_supply(store, tight, pid, project="P", date=today, user="u", confirm_breach=True)
        note = store.changes().iloc[0]["note"]
        assert "确认" in note and "confirmed" in note

"""The CLI contract (exit codes, JSON shapes, files) on the sample store; the sample story."""

from __future__ import annotations

import json
import shutil

import openpyxl
import pytest

from landinv import cli
from landinv.sample import enterprises as gen
from landinv.sample.writer import DATA_DIR
from landinv.services import efficiency as svc
from landinv.services.inventory import open_inventory
from tests.support.enterprises import code, write_csv


@pytest.fixture(scope="module")
def seeded(tmp_path_factory):
    path = tmp_path_factory.mktemp("eff") / "seed.gpkg"
    open_inventory(path).close()
    return path


@pytest.fixture
def store_path(seeded, tmp_path):
    path = tmp_path / "inv.gpkg"
    shutil.copy(seeded, path)
    return str(path)


def run(capsys, *argv):
    exit_code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return exit_code, out, err


def test_sample_files_are_deterministic_and_shipped(tmp_path):
    (tmp_path / "parcels").mkdir()
    (tmp_path / "buildings").mkdir()
    shutil.copy(DATA_DIR / "parcels" / "parcels.geojson", tmp_path / "parcels")
    shutil.copy(DATA_DIR / "buildings" / "buildings.geojson", tmp_path / "buildings")
    gen.generate(tmp_path)
    for year in gen.YEARS:
        name = f"enterprises_{year}.csv"
        assert (tmp_path / "enterprises" / name).read_bytes() == (
            DATA_DIR / "enterprises" / name
        ).read_bytes()


def test_the_sample_story(seeded):
    with open_inventory(seeded) as store:
        log = store.imports().set_index("import_id")
        assert {"sample-enterprises-2024", "sample-enterprises-2025"} <= set(log.index)
        ev = svc.evaluate_year(store, 2025)
        from landinv.domain import Config

        total = svc.zones_summary(ev, Config()).set_index("zone").loc["total"]
        assert 18.5 < total["tax_per_mu"] < 20.0  # a little under the 200,000 yuan/mu target
        assert not total["meets_target"]
        table, _ = svc.low_efficiency(store, 2025)
    rules = {r for rs in table["rules"] for r in rs}
    assert {"low_tax", "below_half_average", "idle", "stopped", "class_d"} <= rules
    assert 0 < len(table) < 40


def test_enterprises_import_exit_codes_and_json(store_path, tmp_path, capsys):
    good = write_csv(
        tmp_path / "g.csv",
        [
            ["统一社会信用代码", "企业名称", "规模", "地块编号", "税收(万元)"],
            [code(1), "新企业", "规上", "CS-XD-2006-001", 50],
        ],
    )
    rc, out, _ = run(
        capsys,
        "enterprises",
        "import",
        str(good),
        "--year",
        "2025",
        "--store",
        store_path,
        "--dry-run",
        "--json",
    )
    payload = json.loads(out)
    assert rc == 0 and payload["accepted"] and payload["dry_run"] and payload["import_id"] is None
    rc, out, _ = run(
        capsys,
        "enterprises",
        "import",
        str(good),
        "--year",
        "2025",
        "--store",
        store_path,
        "--json",
    )
    assert rc == 0 and json.loads(out)["import_id"].startswith("IMP-")
    bad = write_csv(
        tmp_path / "b.csv",
        [
            ["统一社会信用代码", "税收(万元)"],
            [code(1)[:-1] + "0" if code(1)[-1] != "0" else code(1)[:-1] + "1", 5],
        ],
    )
    rc, out, _ = run(
        capsys, "enterprises", "import", str(bad), "--year", "2025", "--store", store_path, "--json"
    )
    payload = json.loads(out)
    assert rc == 2 and not payload["accepted"]
    assert payload["must_fix"][0]["code"] == "bad_check_digit"
    assert payload["must_fix"][0]["zh"] and payload["must_fix"][0]["en"]
    rc, _, err = run(
        capsys,
        "enterprises",
        "import",
        str(tmp_path / "none.csv"),
        "--year",
        "2025",
        "--store",
        store_path,
    )
    assert rc == 2 and "File not found" in err


def test_evaluate_json_and_public_notice_files(store_path, tmp_path, capsys):
    rc, out, _ = run(capsys, "evaluate", "--year", "2025", "--store", store_path, "--json")
    records = json.loads(out)
    assert rc == 0 and len(records) > 50
    first = records[0]
    assert {
        "credit_code",
        "name",
        "land_mu",
        "indicators",
        "scores",
        "total",
        "rank",
        "class",
    } <= set(first)
    assert first["rank"] == 1 and first["class"] == "A"
    assert set(first["scores"]) == set(first["indicators"])
    unclassed = [r for r in records if r["class"] is None]
    assert unclassed and all(r["not_classed"] for r in unclassed)
    xlsx = tmp_path / "notice.xlsx"
    rc, _, _ = run(
        capsys,
        "evaluate",
        "--year",
        "2025",
        "--store",
        store_path,
        "--format",
        "xlsx",
        "--out",
        str(xlsx),
    )
    book = openpyxl.load_workbook(xlsx)
    assert book.sheetnames == ["2025规上企业", "2025规下企业", "未参评企业"]
    heads = [c.value for c in book["2025规上企业"][2]]
    assert heads[:4] == ["排名", "类别", "统一社会信用代码", "企业名称"]
    assert "亩均税收 (万元/亩)" in heads
    csv_path = tmp_path / "e.csv"
    rc, _, _ = run(
        capsys,
        "evaluate",
        "--year",
        "2025",
        "--store",
        store_path,
        "--format",
        "csv",
        "--out",
        str(csv_path),
        "--lang",
        "en",
    )
    assert rc == 0 and csv_path.read_bytes().startswith(b"\xef\xbb\xbfRank,Class,Credit code")
    rc, _, err = run(
        capsys, "evaluate", "--year", "2025", "--store", store_path, "--format", "xlsx"
    )
    assert rc == 2 and "--out" in err


def test_candidates_json(store_path, capsys):
    rc, out, _ = run(
        capsys, "candidates", "--year", "2025", "--store", store_path, "--json", "--lang", "en"
    )
    records = json.loads(out)
    assert rc == 0 and records
    for r in records:
        assert {"parcel_id", "area_mu", "credit_codes", "reasons"} <= set(r)
        assert r["reasons"] and all(isinstance(x, str) for x in r["reasons"])
    rc, out, _ = run(capsys, "candidates", "--year", "2025", "--store", store_path)
    assert rc == 0 and "410" in out


def test_candidates_and_enterprises_files(store_path, tmp_path, capsys):
    xlsx = tmp_path / "cand.xlsx"
    rc, _, _ = run(
        capsys,
        "candidates",
        "--year",
        "2025",
        "--store",
        store_path,
        "--format",
        "xlsx",
        "--out",
        str(xlsx),
    )
    assert rc == 0
    sheet = openpyxl.load_workbook(xlsx).worksheets[0]
    assert sheet.title == "2025低效用地候选"
    assert [c.value for c in sheet[1]][:3] == ["地块编号", "地块名称", "片区"]
    assert sheet.max_row > 1
    out = tmp_path / "ent.csv"
    rc, _, _ = run(
        capsys,
        "enterprises",
        "export",
        "--year",
        "2025",
        "--store",
        store_path,
        "--out",
        str(out),
        "--lang",
        "en",
    )
    text = out.read_bytes().decode("utf-8-sig")
    assert rc == 0 and text.startswith("Credit code,Enterprise,Industry code,Scale,State")
    assert len(text.splitlines()) > 100
    rc, _, _err = run(
        capsys,
        "enterprises",
        "export",
        "--year",
        "2025",
        "--store",
        store_path,
        "--out",
        store_path,
        "--force",
    )
    assert rc == 2  # never over the store itself

"""Importing enterprise files: real XLSX/CSV files, every named outcome, one transaction."""

from __future__ import annotations

import datetime as dt

import pytest

from landinv.errors import ConflictError
from landinv.services import efficiency as svc
from tests.support.enterprises import code, state, write_csv, write_xlsx

HEADER = [
    "统一社会信用代码",
    "企业名称",
    "规模",
    "状态",
    "地块编号",
    "税收(万元)",
    "营业收入（元）",
    "工业增加值(万元)",
    "综合能耗 (吨标准煤)",
    "用电量(千瓦时)",
    "主要污染物排放量(吨)",
    "年平均职工人数",
    "研发经费(万元)",
]


def good_rows():
    return [
        HEADER,
        [
            code(1),
            "常山甲公司",
            "规上",
            "在产",
            "P-1",
            300,
            52_000_000,
            1500,
            800,
            3_000_000,
            0.4,
            120,
            150,
        ],
        [
            code(2),
            "常山乙公司",
            "规上",
            "在产",
            "P-2；P-3",
            "1,200.5",
            98_000_000,
            4200,
            2100,
            7_500_000,
            1.1,
            300,
            420,
        ],
        [code(3), "常山丙公司", "规下", "停产", "P-4", 20, 3_000_000, 90, 50, 250_000, 0.05, 25, 0],
    ]


def figures_of(store, credit_code, year=2025):
    f = store.enterprise_figures(year)
    f = f[f["credit_code"] == credit_code]
    return dict(zip(f["field"], f["value"]))


@pytest.mark.parametrize("encoding,bom", [("gbk", False), ("utf-8", True), ("utf-8", False)])
def test_csv_in_each_encoding_is_read_and_units_converted(eff_store, tmp_path, encoding, bom):
    path = write_csv(tmp_path / "e.csv", good_rows(), encoding=encoding, bom=bom)
    out = svc.import_enterprises(eff_store, path, year=2025, user="t")
    assert out.ok, out.report.to_text("en")
    assert out.report.encoding == {"gbk": "GBK/GB18030", "utf-8": "UTF-8"}[encoding] + (
        " (BOM)" if bom else ""
    )
    reg = eff_store.enterprises(dt.date(2025, 6, 30)).set_index("credit_code")
    assert reg.loc[code(2), "name"] == "常山乙公司"
    assert reg.loc[code(3), ["scale", "state"]].tolist() == ["below", "stopped"]
    figs = figures_of(eff_store, code(1))
    assert figs["tax"] == 300.0  # 万元 stays
    assert figs["revenue"] == pytest.approx(5200.0)  # 元 -> 万元
    assert figs["electricity_kwh"] == 3_000_000
    assert figures_of(eff_store, code(2))["tax"] == 1200.5  # "1,200.5"
    sites = eff_store.enterprise_sites(dt.date(2025, 12, 31))
    assert sorted(sites[sites["credit_code"] == code(2)]["object_id"]) == ["P-2", "P-3"]
    log = eff_store.imports()
    assert log.iloc[0]["kind"] == "enterprises" and log.iloc[0]["import_id"] == out.import_id
    assert eff_store.changes().iloc[0]["action"] == "import"


def test_xlsx_with_title_row_and_partial_columns_joined_on_code(eff_store, tmp_path):
    svc.import_enterprises(eff_store, write_csv(tmp_path / "a.csv", good_rows()), year=2025)
    # The tax bureau's file: a title row, only code and tax (in yuan), for the same year.
    rows = [["统一社会信用代码", "实缴税金(元)"], [code(1), 3_500_000], [code(2), 12_000_000]]
    path = write_xlsx(tmp_path / "tax.xlsx", rows, title="2025年规上工业企业实缴税金")
    out = svc.import_enterprises(eff_store, path, year=2025)
    assert out.ok, out.report.to_text("en")
    assert out.report.format == "xlsx"
    assert figures_of(eff_store, code(1))["tax"] == pytest.approx(350.0)
    assert figures_of(eff_store, code(1))["value_added"] == 1500.0  # untouched
    # Undo brings the earlier figure back.
    eff_store.undo_import(out.import_id, date=dt.date(2026, 1, 5))
    assert figures_of(eff_store, code(1))["tax"] == 300.0


@pytest.mark.parametrize(
    "case,expected",
    [
        ("bad_check_digit", "bad_check_digit"),
        ("duplicate_code", "duplicate_code"),
        ("unknown_parcel", "unknown_parcel"),
        ("missing_column", "missing_column"),
        ("bad_shape", "bad_credit_code"),
        ("unknown_enterprise", "unknown_enterprise"),
        ("not_a_number", "not_a_number"),
        ("unknown_building", "unknown_building"),
    ],
)
def test_refused_files_leave_the_store_unchanged(eff_store, tmp_path, case, expected):
    svc.import_enterprises(eff_store, write_csv(tmp_path / "first.csv", good_rows()), year=2024)
    before = state(eff_store)
    rows = good_rows()
    if case == "bad_check_digit":
        bad = code(4)
        rows.append(
            [
                bad[:-1] + ("0" if bad[-1] != "0" else "1"),
                "丁公司",
                "规上",
                "在产",
                "P-5",
                1,
                1,
                1,
                1,
                1,
                1,
                1,
                1,
            ]
        )
    elif case == "duplicate_code":
        rows.append(list(rows[1]))
    elif case == "unknown_parcel":
        rows[1][4] = "P-99"
    elif case == "missing_column":
        rows = [r[1:] for r in rows]
    elif case == "bad_shape":
        rows[1][0] = code(1)[:17]
    elif case == "unknown_enterprise":
        rows = [["统一社会信用代码", "税收(万元)"], [code(9), 10]]
    elif case == "not_a_number":
        rows[2][5] = "约300"
    elif case == "unknown_building":
        rows = [["统一社会信用代码", "厂房编号", "租用面积(平方米)"], [code(1), "B-9", 500]]
    path = write_csv(tmp_path / "e.csv", rows, encoding="gbk")
    out = svc.import_enterprises(eff_store, path, year=2025)
    assert not out.ok
    assert expected in {i.code for i in out.report.must_fix}
    assert out.import_id is None
    assert state(eff_store) == before
    text = out.report.to_text("zh") + out.report.to_text("en")
    assert "Traceback" not in text


def test_negative_tax_is_a_warning_and_scores_zero(eff_store, tmp_path):
    rows = good_rows()
    rows[1][5] = -12.5
    out = svc.import_enterprises(eff_store, write_csv(tmp_path / "e.csv", rows), year=2025)
    assert out.ok
    assert "negative_value" in {i.code for i in out.report.warnings}
    ev = svc.evaluate_year(eff_store, 2025).table.set_index("credit_code")
    assert ev.loc[code(1), "v_tax_per_mu"] < 0
    assert ev.loc[code(1), "s_tax_per_mu"] == 0.0


def test_thousandfold_unit_slip_is_warned(eff_store, tmp_path):
    rows = good_rows()
    for r in rows[1:]:  # tax in yuan under a 万元 header
        r[5] = float(str(r[5]).replace(",", "")) * 10_000 + 1
    out = svc.import_enterprises(
        eff_store, write_csv(tmp_path / "e.csv", rows), year=2025, dry_run=True
    )
    assert "magnitude" in {i.code for i in out.report.warnings}
    # With an earlier year stored, the comparison is with that year.
    svc.import_enterprises(eff_store, write_csv(tmp_path / "ok.csv", good_rows()), year=2024)
    out = svc.import_enterprises(
        eff_store, write_csv(tmp_path / "e2.csv", rows), year=2026, dry_run=True
    )
    assert "magnitude_history" in {i.code for i in out.report.warnings}


def test_dry_run_and_same_file_twice(eff_store, tmp_path):
    path = write_csv(tmp_path / "e.csv", good_rows())
    before = state(eff_store)
    out = svc.import_enterprises(eff_store, path, year=2025, dry_run=True)
    assert out.ok and out.import_id is None and state(eff_store) == before
    assert out.report.counts == {"enterprises": 3, "new": 3, "figures": 24, "links": 4}
    svc.import_enterprises(eff_store, path, year=2025)
    with pytest.raises(ConflictError) as err:
        svc.import_enterprises(eff_store, path, year=2025)
    assert err.value.code == "err.eff.already_imported"


def test_register_history_and_undo_brings_the_earlier_version_back(eff_store, tmp_path):
    svc.import_enterprises(eff_store, write_csv(tmp_path / "a.csv", good_rows()), year=2024)
    rows = [["统一社会信用代码", "状态", "地块编号"], [code(1), "停产", "P-5"]]
    out = svc.import_enterprises(eff_store, write_csv(tmp_path / "b.csv", rows), year=2025)
    assert out.ok, out.report.to_text("en")
    as_2024 = eff_store.enterprises(dt.date(2024, 12, 31)).set_index("credit_code")
    as_2025 = eff_store.enterprises(dt.date(2025, 12, 31)).set_index("credit_code")
    assert as_2024.loc[code(1), "state"] == "producing"
    assert as_2025.loc[code(1), "state"] == "stopped"
    assert as_2025.loc[code(1), "name"] == "常山甲公司"  # kept from the earlier version
    sites = eff_store.enterprise_sites(dt.date(2025, 12, 31))
    assert sites[sites["credit_code"] == code(1)]["object_id"].tolist() == ["P-5"]
    assert len(eff_store.enterprises()) == 4  # three, plus one new version; none deleted
    eff_store.undo_import(out.import_id, date=dt.date(2025, 3, 1))
    now = eff_store.enterprises(dt.date(2025, 12, 31)).set_index("credit_code")
    assert now.loc[code(1), "state"] == "producing"
    sites = eff_store.enterprise_sites(dt.date(2025, 12, 31))
    assert sites[sites["credit_code"] == code(1)]["object_id"].tolist() == ["P-1"]
    assert eff_store.imports().set_index("import_id").loc[out.import_id, "undone_at"]


def test_tenants_with_rented_floor_space(eff_store, tmp_path):
    rows = [
        ["统一社会信用代码", "企业名称", "规模", "厂房编号", "租用面积(平方米)", "税收(万元)"],
        [code(7), "租户甲", "规下", "B-1", 3000, 40],
        [code(8), "租户乙", "规下", "B-1、B-2", "1000；2000", 55],
    ]
    out = svc.import_enterprises(eff_store, write_csv(tmp_path / "t.csv", rows), year=2025)
    assert out.ok, out.report.to_text("en")
    sites = eff_store.enterprise_sites(dt.date(2025, 12, 31))
    assert sorted(sites["floor_m2"]) == [1000.0, 2000.0, 3000.0]
    assert set(sites["role"]) == {"tenant"}


def test_the_change_log_note_of_an_enterprise_import_is_in_both_languages(eff_store, tmp_path):
    # The History page shows stored notes as they are: a Chinese page showed
    # "e.csv: 3 register versions, 4 links, ..." in English only.
    path = write_csv(tmp_path / "e.csv", good_rows(), encoding="gbk", bom=False)
    assert svc.import_enterprises(eff_store, path, year=2025, user="t").ok
    notes = [n for n in eff_store.changes()["note"].fillna("") if "register versions" in n]
    assert len(notes) == 1, notes
    assert "企业登记 3 个版本" in notes[0] and "3 register versions" in notes[0], notes

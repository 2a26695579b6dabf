"""Deterministic illustrative enterprises for the sample parcels (``data/enterprises/``).

Writes one CSV per year (2024, 2025) the way a department would send it:
Chinese headers with units, UTF-8 with BOM. Every supplied sample parcel gets
the enterprise of its project (the standard-factory parks excepted: their
floor space is rented by small tenants, listed with the building and the m²
they rent). The story, so the evaluation and the candidates have something to
find: above-scale tax per mu lands a little under the 200,000 yuan/mu target in
2025; a few enterprises stay far below (3 万元/亩 floor, class D two years); two
sites supplied years ago have still not started (idle); two plants stopped in
2025; projects supplied in 2025 are still being built.

Illustrative only: names, credit codes and figures are made up (the codes are
well-formed, check digits included). Run ``python -m landinv.sample.enterprises``
after the sample parcels change; two runs write identical bytes.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pyogrio

from landinv.domain import M2_PER_MU
from landinv.efficiency.creditcode import make_code
from landinv.efficiency.land import land_shares
from landinv.sample.writer import DATA_DIR

SEED = 20250610
YEARS = (2024, 2025)
#: Above-scale tax per mu of the zone in 2025, 万元/亩 (target: 20).
TAX_PER_MU_2025 = 19.3
#: Administrative division code of Changshan County.
REGION = "330822"
HEADER = [
    "统一社会信用代码",
    "企业名称",
    "行业代码",
    "规模",
    "状态",
    "地块编号",
    "厂房编号",
    "租用面积(平方米)",
    "税收(万元)",
    "营业收入(万元)",
    "工业增加值(万元)",
    "综合能耗(吨标准煤)",
    "用电量(千瓦时)",
    "主要污染物排放量(吨)",
    "年平均职工人数",
    "研发经费(万元)",
]
BRANDS = (
    "恒盛",
    "华远",
    "宏达",
    "金泰",
    "瑞丰",
    "嘉诚",
    "正泰",
    "永信",
    "天成",
    "鑫源",
    "博远",
    "汇通",
    "联丰",
    "盛达",
    "安和",
    "锦程",
    "德润",
    "中拓",
    "万象",
    "新禾",
)
INDUSTRY = (
    ("建材", "3021"),
    ("碳酸钙", "3099"),
    ("氧化钙", "3012"),
    ("特种纸", "2221"),
    ("氟硅", "2614"),
    ("涂料", "2641"),
    ("电子化学品", "2669"),
    ("锂电池", "2613"),
    ("光电", "3976"),
    ("智能家居", "2110"),
    ("家具", "2110"),
    ("塑料", "2929"),
    ("医疗器械", "3581"),
    ("胡柚", "1523"),
    ("服装", "1810"),
    ("油茶", "1331"),
    ("轴承", "3451"),
    ("铸件", "3391"),
    ("五金", "3389"),
    ("纺织", "1713"),
    ("汽车零部件", "3670"),
    ("电子元器件", "3989"),
    ("阀门", "3443"),
    ("电机", "3813"),
    ("包装", "2231"),
    ("机床", "3421"),
    ("输配电", "3823"),
    ("新材料", "2662"),
    ("仓储", "5990"),
)
TENANT_TRADES = (
    ("精密五金", "3389"),
    ("电子元件", "3989"),
    ("服饰", "1810"),
    ("塑料制品", "2929"),
    ("包装材料", "2231"),
    ("智能装备", "3499"),
    ("竹木制品", "2039"),
    ("新材料", "2662"),
)


def _product(project: str) -> str:
    text = re.sub(r"[（(].*$", "", project).removesuffix("项目")
    text = re.sub(r"^年产[\d.]+[万千]?[吨件套只台张米立方]+", "", text)
    return text.replace("（一期）", "").replace("（二期）", "")[:10] or "制造"


def _industry(text: str) -> str:
    return next((code for word, code in INDUSTRY if word in text), "3399")


def _valid_at(frame: pd.DataFrame, day: str) -> pd.DataFrame:
    start = frame["valid_from"].astype(str).str[:10]
    end = frame["valid_to"].astype(str).str[:10]
    ok = (start <= day) & (frame["valid_to"].isna() | (end > day))
    return frame[ok]


def build_tables(parcels: pd.DataFrame, buildings: pd.DataFrame, seed: int = SEED) -> dict:
    """The two yearly tables (``{year: DataFrame with HEADER}``), from the sample layers."""
    rng = np.random.default_rng(seed)
    now = _valid_at(parcels, "2025-12-31")
    sup = now[now["status"] == "supplied"].sort_values("parcel_id")
    users = sup[~sup["project"].str.contains("标准厂房")]
    rows = []
    for i, p in enumerate(users.itertuples()):
        start = str(p.valid_from)[:4]
        product = _product(p.project)
        rows.append(
            {
                "code": make_code(REGION, 10_000 + i),
                "parcel": p.parcel_id,
                "building": None,
                "rented": None,
                "mu": p.area_m2 / M2_PER_MU,
                "name": f"浙江{BRANDS[i % len(BRANDS)]}{product}有限公司",
                "industry": _industry(p.project),
                "supplied": int(start),
                "scale": "规上" if p.area_m2 / M2_PER_MU >= 12 and rng.random() < 0.8 else "规下",
            }
        )
    b_now = _valid_at(buildings, "2025-12-31")
    parks = b_now[
        b_now["building_id"].str.contains("-CF-")
        & b_now["parcel_id"].isin(sup[sup["project"].str.contains("标准厂房")]["parcel_id"])
    ].sort_values("building_id")
    serial = 0
    for b in parks.itertuples():
        parts = rng.dirichlet(np.ones(int(rng.integers(1, 4)))) * rng.uniform(0.75, 0.95)
        for share in parts:
            trade, industry = TENANT_TRADES[serial % len(TENANT_TRADES)]
            brand = BRANDS[(serial * 7 + 3) % len(BRANDS)]
            rows.append(
                {
                    "code": make_code(REGION, 20_000 + serial),
                    "parcel": None,
                    "building": b.building_id,
                    "rented": round(b.floor_area_m2 * share, 1),
                    "mu": None,
                    "name": f"常山{brand}{trade}有限公司（{serial + 1:02d}）",
                    "industry": industry,
                    "supplied": int(str(b.valid_from)[:4]),
                    "scale": "规上" if rng.random() < 0.25 else "规下",
                }
            )
            serial += 1
    ents = pd.DataFrame(rows)
    _story(ents, rng)
    _figures(ents, rng, parcels, buildings)
    return {year: _table(ents, year) for year in YEARS}


def _story(ents: pd.DataFrame, rng) -> None:
    """Who is building, idle, stopped or far below: deterministic picks."""
    ents["state_2025"] = np.where(ents["supplied"] >= 2025, "在建", "在产")
    ents["state_2024"] = np.where(ents["supplied"] >= 2025, None, "在产")
    old_users = ents[ents["parcel"].notna() & (ents["supplied"] <= 2023)].index
    idle = [i for i in old_users if 2020 <= ents.at[i, "supplied"] <= 2022][:2]
    ents.loc[idle, ["state_2024", "state_2025"]] = "在建"
    rest = [i for i in old_users if i not in idle and ents.at[i, "scale"] == "规上"]
    stopped, low = rest[3:5], rest[7:13:1][:5]
    ents.loc[stopped, "state_2025"] = "停产"
    ents["level"] = np.exp(rng.normal(np.log(16.0), 0.45, len(ents)))
    ents.loc[low, "level"] = rng.uniform(1.2, 2.8, len(low))
    ents.loc[stopped, "level"] = rng.uniform(4.0, 6.0, len(stopped))
    ents["growth"] = rng.uniform(1.02, 1.15, len(ents))
    ents["low"] = ents.index.isin(low)
    ents["stopped"] = ents.index.isin(stopped)


def _figures(ents: pd.DataFrame, rng, parcels, buildings) -> None:
    """Tax and the other figures; above-scale tax per mu calibrated to TAX_PER_MU_2025."""
    sites = pd.DataFrame(
        {
            "credit_code": ents["code"],
            "kind": np.where(ents["parcel"].notna(), "parcel", "building"),
            "object_id": ents["parcel"].fillna(ents["building"]),
            "role": "user",
            "floor_m2": ents["rented"].astype(float),
        }
    )
    shares = land_shares(
        sites, _valid_at(parcels, "2025-12-31"), _valid_at(buildings, "2025-12-31")
    )
    ents["land_mu"] = ents["code"].map(shares.groupby("credit_code")["land_m2"].sum()) / M2_PER_MU
    ents["tax_2025"] = ents["level"] * ents["land_mu"]
    ents.loc[ents["state_2025"] == "在建", "tax_2025"] = 0.0
    ents.loc[ents["stopped"], "tax_2025"] *= 0.15
    counted = (ents["scale"] == "规上") & (ents["state_2025"] != "在建")
    fixed = counted & (ents["low"] | ents["stopped"])
    free = counted & ~fixed
    wanted = (
        TAX_PER_MU_2025 * ents.loc[counted, "land_mu"].sum() - ents.loc[fixed, "tax_2025"].sum()
    )
    ents.loc[free, "tax_2025"] *= wanted / ents.loc[free, "tax_2025"].sum()
    ents["tax_2024"] = ents["tax_2025"] / ents["growth"]
    ents.loc[ents["stopped"], "tax_2024"] = (
        ents.loc[ents["stopped"], "level"] * ents.loc[ents["stopped"], "land_mu"]
    )
    n = len(ents)
    ents["va_ratio"] = rng.uniform(3.5, 7.0, n)
    ents["rev_ratio"] = rng.uniform(3.0, 5.0, n)
    ents["energy_eff"] = rng.uniform(1.5, 4.0, n)
    ents["emis_eff"] = rng.uniform(3000, 8000, n)
    ents["labour"] = rng.uniform(12, 28, n)
    ents["rd_share"] = rng.uniform(0.8, 5.0, n)
    ents["kwh_yield"] = rng.uniform(0.12, 0.35, n)


def _table(ents: pd.DataFrame, year: int) -> pd.DataFrame:
    state = ents[f"state_{year}"]
    part = ents[state.notna()].copy()
    tax = part[f"tax_{year}"]
    va = tax * part["va_ratio"]
    revenue = va * part["rev_ratio"]
    building = part[f"state_{year}"] == "在建"

    def blank(values, digits=2):
        out = np.round(values.astype(float), digits).astype(object)
        out[building.to_numpy()] = None
        return out

    return pd.DataFrame(
        {
            "统一社会信用代码": part["code"],
            "企业名称": part["name"],
            "行业代码": part["industry"],
            "规模": part["scale"],
            "状态": part[f"state_{year}"],
            "地块编号": part["parcel"],
            "厂房编号": part["building"],
            "租用面积(平方米)": part["rented"],
            "税收(万元)": blank(tax),
            "营业收入(万元)": blank(revenue),
            "工业增加值(万元)": blank(va),
            "综合能耗(吨标准煤)": blank(va / part["energy_eff"], 1),
            "用电量(千瓦时)": blank(tax * 1e4 / part["kwh_yield"], 0),
            "主要污染物排放量(吨)": blank(va / part["emis_eff"], 3),
            "年平均职工人数": blank(np.maximum(va / part["labour"], 8), 0),
            "研发经费(万元)": blank(revenue * part["rd_share"] / 100),
        }
    )[HEADER]


def to_csv_bytes(table: pd.DataFrame) -> bytes:
    """The table as a CSV file (UTF-8 with BOM, CRLF), blanks empty, integers without .0."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(HEADER)
    for row in table.itertuples(index=False):
        writer.writerow(
            [
                ""
                if v is None or (isinstance(v, float) and np.isnan(v))
                else (int(v) if isinstance(v, float) and v.is_integer() else v)
                for v in row
            ]
        )
    return buffer.getvalue().encode("utf-8-sig")


def generate(data_dir: Path = DATA_DIR) -> dict:
    """Write ``data_dir/enterprises/enterprises_YEAR.csv``; return rows per year."""
    parcels = pyogrio.read_dataframe(data_dir / "parcels" / "parcels.geojson", read_geometry=False)
    buildings = pyogrio.read_dataframe(
        data_dir / "buildings" / "buildings.geojson", read_geometry=False
    )
    for frame in (parcels, buildings):
        for col in ("valid_from", "valid_to"):
            frame[col] = [None if v is None or v != v else str(v)[:10] for v in frame[col]]
    out = data_dir / "enterprises"
    out.mkdir(exist_ok=True)
    tables = build_tables(parcels, buildings)
    for year, table in tables.items():
        (out / f"enterprises_{year}.csv").write_bytes(to_csv_bytes(table))
    return {year: len(t) for year, t in tables.items()}


if __name__ == "__main__":
    print(generate())

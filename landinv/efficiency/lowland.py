"""Low-efficiency land: which supplied parcels fail which configured rule, with the figures.

Rule kinds (``[[efficiency.rules]]`` in landinv.toml, each with a name shown to
the planner):

``tax_per_mu_below`` (value, 万元/亩)
    The parcel's tax per mu is below the value. A parcel's tax is the tax of the
    enterprises on it (users and tenants), each spread over its parcels by land.
``tax_per_mu_below_share`` (share)
    Below that share of the zone-wide tax per mu (all parcels with figures).
``plot_ratio_below`` (value)
    Floor area of the buildings on the parcel ÷ its area, when it has buildings and
    an enterprise produces there (a site still being built is not judged).
``class_d_years`` (years)
    A land user of the parcel was class D in each of the last ``years`` years.
``idle_years`` (years)
    Supplied at least ``years`` years before the year's end, and neither a
    building recorded on it nor an enterprise producing on it.
``stopped``
    A land user of the parcel has stopped production.

Only parcels supplied (in use) at the year's end are candidates; a parcel the
planner has marked as revitalisation land is back in stock and drops out.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from landinv.domain import M2_PER_MU, STATUS_SUPPLIED
from landinv.efficiency.scheme import Scheme

CANDIDATE_COLUMNS = [
    "parcel_id",
    "name",
    "zone",
    "category",
    "area_mu",
    "credit_codes",
    "enterprise_names",
    "rules",
    "tax_per_mu",
    "zone_tax_per_mu",
    "plot_ratio",
    "supply_date",
    "producing",
]


def supply_dates(history: pd.DataFrame) -> pd.Series:
    """Per parcel: first day of its current supply (same project, status supplied)."""
    sup = history[history["status"] == STATUS_SUPPLIED]
    if sup.empty:
        return pd.Series(dtype=object)
    current = sup.sort_values("valid_from").drop_duplicates("parcel_id", keep="last")
    key = sup.merge(current[["parcel_id", "project"]], on=["parcel_id", "project"])
    return key.groupby("parcel_id")["valid_from"].min()


def candidates(
    year: int,
    scheme: Scheme,
    evaluations: dict,
    shares: pd.DataFrame,
    parcels: pd.DataFrame,
    buildings: pd.DataFrame,
    history: pd.DataFrame,
) -> pd.DataFrame:
    """Parcels failing at least one rule at the end of ``year``.

    Parameters
    ----------
    evaluations : dict
        ``{year: evaluation frame}`` for ``year`` and earlier years (class D rule).
    shares : DataFrame
        Land shares of ``year`` (:func:`landinv.efficiency.land.land_shares`).
    parcels, buildings : DataFrame
        Layers valid at the year's end; ``history``: every parcel version.
    """
    ev = evaluations[year].set_index("credit_code")
    p = parcels.drop_duplicates("parcel_id").set_index("parcel_id")
    p = p[p["status"] == STATUS_SUPPLIED]
    area_mu = p["area_m2"].astype(float) / M2_PER_MU
    s = shares[shares["parcel_id"].isin(p.index)].copy()
    total_land = shares.groupby("credit_code")["land_m2"].sum()
    weight = np.divide(
        s["land_m2"].to_numpy(dtype=float),
        s["credit_code"].map(total_land).to_numpy(dtype=float),
        out=np.zeros(len(s)),
        where=s["credit_code"].map(total_land) > 0,
    )
    tax = s["credit_code"].map(ev["tax"]).to_numpy(dtype=float)
    s["tax"] = np.where(np.isnan(tax), 0.0, tax) * weight
    s["has_tax"] = ~np.isnan(tax)
    s["state"] = s["credit_code"].map(ev["state"])
    s["cls"] = s["credit_code"].map(ev["class"])
    by_parcel = s.groupby("parcel_id").agg(tax=("tax", "sum"), has_tax=("has_tax", "any"))
    parcel_tax = by_parcel["tax"].where(by_parcel["has_tax"]).reindex(p.index)
    tax_per_mu = parcel_tax / area_mu
    with_tax = tax_per_mu.notna()
    zone_tpm = (
        float(parcel_tax[with_tax].sum() / area_mu[with_tax].sum())
        if with_tax.any()
        else float("nan")
    )
    floor = buildings.drop_duplicates("building_id").groupby("parcel_id")["floor_area_m2"].sum()
    plot_ratio = floor.reindex(p.index) / p["area_m2"].astype(float)
    producing = (
        s[s["state"] == "producing"].groupby("parcel_id").size().reindex(p.index).fillna(0) > 0
    )
    users = s[s["role"] == "user"]
    stopped = users[users["state"] == "stopped"]["parcel_id"].unique()
    supplied = supply_dates(history).reindex(p.index)
    end = dt.date(int(year), 12, 31)
    fails: dict[str, list[str]] = {pid: [] for pid in p.index}
    for rule in scheme.rules:
        if rule.kind == "tax_per_mu_below":
            hit = tax_per_mu.index[with_tax & (tax_per_mu < rule.value)]
        elif rule.kind == "tax_per_mu_below_share":
            hit = tax_per_mu.index[with_tax & (tax_per_mu < rule.value * zone_tpm)]
        elif rule.kind == "plot_ratio_below":
            # Judged once something produces there: a site still being built is not low.
            hit = plot_ratio.index[plot_ratio.notna() & (plot_ratio < rule.value) & producing]
        elif rule.kind == "class_d_years":
            hit = _class_d(users, evaluations, int(year), int(rule.value))
        elif rule.kind == "idle_years":
            cutoff = _years_before(end, int(rule.value)).isoformat()
            dates = supplied.astype(object)
            old = dates.notna() & (dates.astype(str) <= cutoff)
            hit = p.index[old.to_numpy() & plot_ratio.isna().to_numpy() & ~producing.to_numpy()]
        else:  # stopped
            hit = stopped
        for pid in hit:
            fails[pid].append(rule.code)
    names = ev["name"]
    rows = []
    for pid, codes in fails.items():
        if not codes:
            continue
        on = s[s["parcel_id"] == pid]
        ents = sorted(on["credit_code"].unique())
        rows.append(
            {
                "parcel_id": pid,
                "name": p.at[pid, "name"],
                "zone": p.at[pid, "zone"],
                "category": p.at[pid, "category"],
                "area_mu": float(area_mu[pid]),
                "credit_codes": ents,
                "enterprise_names": [str(names.get(c, "")) for c in ents],
                "rules": codes,
                "tax_per_mu": _num(tax_per_mu[pid]),
                "zone_tax_per_mu": _num(zone_tpm),
                "plot_ratio": _num(plot_ratio[pid]),
                "supply_date": None if pd.isna(supplied[pid]) else str(supplied[pid])[:10],
                "producing": bool(producing[pid]),
            }
        )
    return (
        pd.DataFrame(rows, columns=CANDIDATE_COLUMNS)
        .sort_values(["zone", "parcel_id"])
        .reset_index(drop=True)
    )


def _num(x) -> float | None:
    return None if x is None or pd.isna(x) else float(x)


def _years_before(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def _class_d(users: pd.DataFrame, evaluations: dict, year: int, years: int) -> list[str]:
    wanted = [year - k for k in range(max(years, 1))]
    if any(y not in evaluations for y in wanted):
        return []
    d_all = None
    for y in wanted:
        ev = evaluations[y]
        d = set(ev.loc[ev["class"] == "D", "credit_code"])
        d_all = d if d_all is None else d_all & d
    return sorted(users.loc[users["credit_code"].isin(d_all or set()), "parcel_id"].unique())


def parcel_figures(
    evaluation: pd.DataFrame, shares: pd.DataFrame, parcels: pd.DataFrame
) -> pd.DataFrame:
    """Per parcel with enterprises: tax per mu and the class of its main enterprise.

    Returns ``parcel_id, tax_per_mu, class`` (the class of the enterprise with
    the most land there; None when it is not classed). For map colouring.
    """
    ev = evaluation.set_index("credit_code")
    area = parcels.drop_duplicates("parcel_id").set_index("parcel_id")["area_m2"].astype(float)
    s = shares[shares["parcel_id"].isin(area.index)].copy()
    total_land = shares.groupby("credit_code")["land_m2"].sum()
    share_total = s["credit_code"].map(total_land).to_numpy(dtype=float)
    weight = np.divide(
        s["land_m2"].to_numpy(dtype=float), share_total, out=np.zeros(len(s)), where=share_total > 0
    )
    tax = s["credit_code"].map(ev["tax"]).to_numpy(dtype=float)
    s["tax"] = np.where(np.isnan(tax), 0.0, tax) * weight
    s["has_tax"] = ~np.isnan(tax)
    s["cls"] = s["credit_code"].map(ev["class"])
    by = s.groupby("parcel_id").agg(tax=("tax", "sum"), has_tax=("has_tax", "any"))
    main = (
        s.sort_values(["parcel_id", "land_m2"], ascending=[True, False])
        .drop_duplicates("parcel_id")
        .set_index("parcel_id")["cls"]
    )
    out = pd.DataFrame(
        {
            "tax_per_mu": (by["tax"] / (area.reindex(by.index) / M2_PER_MU)).where(by["has_tax"]),
            "class": main.reindex(by.index),
        }
    )
    return out.reset_index().rename(columns={"index": "parcel_id"})

"""Zone figures of a year: above-scale tax and value added per mu by sub-area, class counts.

Each above-scale enterprise's tax, value added and land are spread over the
parcels it uses in proportion to its land there, so an enterprise on parcels in
two sub-areas counts in both. Enterprises still building (not producing yet)
are left out of the per-mu figures; stopped ones stay in (their land yields
nothing, which is the point).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from landinv.domain import M2_PER_MU
from landinv.efficiency.scheme import CLASSES, Scheme

ZONE_COLUMNS = [
    "zone",
    "enterprises",
    "land_mu",
    "tax",
    "value_added",
    "tax_per_mu",
    "value_added_per_mu",
    "target_tax_per_mu",
    "meets_target",
    *CLASSES,
    "not_classed",
]


def zone_figures(
    evaluation: pd.DataFrame,
    shares: pd.DataFrame,
    parcels: pd.DataFrame,
    scheme: Scheme,
    zone_codes,
) -> pd.DataFrame:
    """One row per sub-area in ``zone_codes`` and a last row ``zone = 'total'``."""
    zone_of = parcels.drop_duplicates("parcel_id").set_index("parcel_id")["zone"]
    ev = evaluation.set_index("credit_code")
    above = ev[(ev["scale"] == "above") & (ev["state"] != "building")]
    s = shares[shares["credit_code"].isin(above.index)].copy()
    land_total = s.groupby("credit_code")["land_m2"].transform("sum").to_numpy(dtype=float)
    weight = np.divide(
        s["land_m2"].to_numpy(dtype=float), land_total, out=np.zeros(len(s)), where=land_total > 0
    )
    s["zone"] = s["parcel_id"].map(zone_of)
    for name in ("tax", "value_added"):
        s[name] = s["credit_code"].map(above[name]).fillna(0.0).to_numpy(dtype=float) * weight
    by_zone = s.groupby("zone").agg(
        enterprises=("credit_code", "nunique"),
        land_m2=("land_m2", "sum"),
        tax=("tax", "sum"),
        value_added=("value_added", "sum"),
    )
    counts = evaluation.assign(cls=evaluation["class"].fillna("-")).pivot_table(
        index="zone", columns="cls", values="credit_code", aggfunc="count", fill_value=0
    )
    rows = []
    for zone in [*zone_codes, "total"]:
        if zone == "total":
            agg = by_zone.sum(numeric_only=True)
            agg["enterprises"] = s["credit_code"].nunique()
            cls = counts.sum()
        else:
            agg = by_zone.loc[zone] if zone in by_zone.index else pd.Series(dtype=float)
            cls = counts.loc[zone] if zone in counts.index else pd.Series(dtype=float)
        land_mu = float(agg.get("land_m2", 0.0)) / M2_PER_MU
        tax, va = float(agg.get("tax", 0.0)), float(agg.get("value_added", 0.0))
        tpm = tax / land_mu if land_mu > 0 else float("nan")
        rows.append(
            {
                "zone": zone,
                "enterprises": int(agg.get("enterprises", 0)),
                "land_mu": land_mu,
                "tax": tax,
                "value_added": va,
                "tax_per_mu": tpm,
                "value_added_per_mu": va / land_mu if land_mu > 0 else float("nan"),
                "target_tax_per_mu": scheme.target_tax_per_mu,
                "meets_target": bool(tpm >= scheme.target_tax_per_mu),
                **{c: int(cls.get(c, 0)) for c in CLASSES},
                "not_classed": int(cls.get("-", 0)),
            }
        )
    return pd.DataFrame(rows, columns=ZONE_COLUMNS)

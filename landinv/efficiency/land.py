"""Whose land is it: each enterprise's land as of a date, from its usage links.

A land user (``kind='parcel'``) gets the parcel's area; a tenant
(``kind='building'``) gets, under the ``"floor_share"`` rule, its rented floor
area ÷ the floor area of every building on that parcel × the parcel's area
(with one building on the parcel that is the building's share; a parcel with
several buildings is not counted more than once). Land a tenant counts is taken
off the parcel's users, who share the rest equally. Vectorised with pandas.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from landinv.domain import M2_PER_MU

#: Columns of the attribution table.
SHARE_COLUMNS = ["credit_code", "parcel_id", "role", "land_m2"]


def land_shares(sites: pd.DataFrame, parcels: pd.DataFrame, buildings: pd.DataFrame, *,
                tenant_land: str = "floor_share") -> pd.DataFrame:
    """Land each enterprise uses on each parcel.

    Parameters
    ----------
    sites : DataFrame
        Usage links valid at the date (``credit_code, kind, object_id, role, floor_m2``).
    parcels, buildings : DataFrame
        Layers valid at the date (``parcel_id, area_m2``; ``building_id, parcel_id,
        floor_area_m2``).
    tenant_land : {'floor_share', 'none'}

    Returns
    -------
    DataFrame
        ``credit_code, parcel_id, role, land_m2``, one row per enterprise and parcel.
    """
    area = parcels.drop_duplicates("parcel_id").set_index("parcel_id")["area_m2"].astype(float)
    b = buildings.drop_duplicates("building_id")
    floor_by_parcel = b.groupby("parcel_id")["floor_area_m2"].sum()
    tenants = sites[sites["kind"] == "building"].merge(
        b[["building_id", "parcel_id"]], left_on="object_id", right_on="building_id")
    if tenant_land == "floor_share" and len(tenants):
        total_floor = tenants["parcel_id"].map(floor_by_parcel).to_numpy(dtype=float)
        share = np.divide(tenants["floor_m2"].to_numpy(dtype=float), total_floor,
                          out=np.zeros(len(tenants)), where=total_floor > 0)
        tenants["land_m2"] = np.minimum(share, 1.0) * tenants["parcel_id"].map(area).to_numpy(
            dtype=float)
    else:
        tenants["land_m2"] = 0.0
    tenants = tenants.groupby(["credit_code", "parcel_id"], as_index=False)["land_m2"].sum()
    tenants["role"] = "tenant"
    users = sites[sites["kind"] == "parcel"].rename(columns={"object_id": "parcel_id"})
    users = users[users["parcel_id"].isin(area.index)][["credit_code", "parcel_id"]]
    rented = tenants.groupby("parcel_id")["land_m2"].sum()
    n_users = users.groupby("parcel_id")["credit_code"].transform("count").to_numpy(dtype=float)
    left = (users["parcel_id"].map(area) - users["parcel_id"].map(rented).fillna(0.0)).clip(
        lower=0.0).to_numpy(dtype=float)
    users = users.assign(role="user", land_m2=left / np.maximum(n_users, 1.0))
    out = pd.concat([users[SHARE_COLUMNS], tenants[SHARE_COLUMNS]], ignore_index=True)
    return out.astype({"land_m2": float})


def enterprise_land(shares: pd.DataFrame, parcels: pd.DataFrame) -> pd.DataFrame:
    """Per enterprise: ``land_m2``, ``land_mu`` and ``zone`` (of the parcel where it has most)."""
    if shares.empty:
        return pd.DataFrame(columns=["land_m2", "land_mu", "zone"],
                            index=pd.Index([], name="credit_code"))
    zone = parcels.drop_duplicates("parcel_id").set_index("parcel_id")["zone"]
    total = shares.groupby("credit_code")["land_m2"].sum()
    main = shares.sort_values(["credit_code", "land_m2", "parcel_id"],
                              ascending=[True, False, True]).drop_duplicates("credit_code")
    out = pd.DataFrame({"land_m2": total})
    out["land_mu"] = out["land_m2"] / M2_PER_MU
    out["zone"] = main.set_index("credit_code")["parcel_id"].map(zone)
    return out

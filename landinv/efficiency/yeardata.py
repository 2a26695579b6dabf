"""What the evaluation of one year reads: the store's state at the year's end.

:class:`YearData` holds plain frames (no store), so the evaluation, zone
figures and candidates are pure functions that tests and benchmarks feed
directly; :func:`landinv.services.efficiency.year_data` fills it from a store.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np
import pandas as pd

from landinv.efficiency.evaluate import FIGURES
from landinv.efficiency.land import enterprise_land, first_rows, land_shares, positions
from landinv.efficiency.scheme import Scheme


def year_end(year: int) -> dt.date:
    """The date a year is evaluated at (its last day)."""
    return dt.date(int(year), 12, 31)


@dataclass
class YearData:
    """The state at the end of ``year`` (frames as the store returns them)."""

    year: int
    register: pd.DataFrame
    sites: pd.DataFrame
    parcels: pd.DataFrame
    buildings: pd.DataFrame
    #: Long figures ``credit_code, year, field, value`` of this year.
    figures: pd.DataFrame


def enterprise_frame(data: YearData, scheme: Scheme) -> tuple[pd.DataFrame, pd.DataFrame]:
    """One row per registered enterprise with land and figures, and the land shares.

    Returns
    -------
    (frame, shares)
        ``frame``: ``credit_code, name, industry_code, scale, state, zone, land_m2,
        land_mu`` and the figure columns; ``shares``: see :func:`land_shares`.
    """
    shares = land_shares(data.sites, data.parcels, data.buildings, tenant_land=scheme.tenant_land)
    land = enterprise_land(shares, data.parcels)
    reg = data.register[first_rows(data.register["credit_code"])]
    codes = reg["credit_code"]
    at = positions(pd.Series(land.index), codes)
    has = at >= 0
    take = np.maximum(at, 0)
    cols = {}
    cols["zone"] = np.where(has, np.asarray(land["zone"], dtype=object)[take], None)
    cols["land_m2"] = np.where(has, land["land_m2"].to_numpy(dtype=float)[take], 0.0)
    cols["land_mu"] = np.where(has, land["land_mu"].to_numpy(dtype=float)[take], 0.0)
    # The figures, long to wide by position (the last value of a field wins).
    figs = data.figures
    row = positions(codes, figs["credit_code"])
    field_code, field_names = pd.factorize(figs["field"])
    values = figs["value"].to_numpy(dtype=float)
    for name in FIGURES:
        column = np.full(len(codes), np.nan)
        hit = np.flatnonzero(np.asarray(field_names) == name)
        if len(hit):
            pick = (field_code == hit[0]) & (row >= 0)
            column[row[pick]] = values[pick]
        cols[name] = column
    base = reg[["credit_code", "name", "industry_code", "scale", "state"]].reset_index(drop=True)
    return base.assign(**cols), shares

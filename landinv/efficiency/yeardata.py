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
from landinv.efficiency.land import enterprise_land, land_shares
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
    shares = land_shares(data.sites, data.parcels, data.buildings,
                         tenant_land=scheme.tenant_land)
    land = enterprise_land(shares, data.parcels)
    reg = data.register.drop_duplicates("credit_code")[
        ["credit_code", "name", "industry_code", "scale", "state"]].set_index("credit_code")
    frame = reg.join(land, how="left")
    frame["land_m2"] = frame["land_m2"].astype(float).fillna(0.0)
    frame["land_mu"] = frame["land_mu"].astype(float).fillna(0.0)
    figs = data.figures
    if len(figs):
        wide = figs.pivot_table(index="credit_code", columns="field", values="value",
                                aggfunc="last")
        frame = frame.join(wide, how="left")
    for name in FIGURES:
        if name not in frame:
            frame[name] = np.nan
    frame = frame.reset_index().rename(columns={"index": "credit_code"})
    return frame, shares

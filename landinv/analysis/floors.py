"""The two policy floors: ready industrial land and standard factory floor space."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from landinv.analysis import frames as fr
from landinv.domain import READY, STATUS_AVAILABLE, Config, m2_to_mu
from landinv.i18n import tr

#: Keys of the two floors.
READY_LAND = "ready_land"
FACTORY = "factory_floor_space"
FLOOR_KEYS = (READY_LAND, FACTORY)

#: A shortfall smaller than this fraction of a floor counts as meeting it.
#: Stored areas are floats; a stock that meets a floor exactly on paper can
#: sum to a few units in the last place below it (1e-9 of 2000 mu is 0.0013 m²).
FLOOR_TOLERANCE = 1e-9


def meets_floor(value, floor: float):
    """True where ``value`` meets ``floor`` (within :data:`FLOOR_TOLERANCE`).

    Works on scalars and arrays; exactly at the floor holds.
    """
    return np.asarray(value) >= floor - FLOOR_TOLERANCE * abs(floor)


@dataclass(frozen=True)
class FloorCheck:
    """One floor as of a date: how much is in stock against how much must be.

    Attributes
    ----------
    key : str
        ``'ready_land'`` or ``'factory_floor_space'``.
    value, floor : float
        Stock and floor, in ``unit``.
    unit : str
        ``'mu'`` or ``'m2'``.
    """

    key: str
    value: float
    floor: float
    unit: str

    @property
    def margin(self) -> float:
        """Stock above (positive) or below (negative) the floor, in ``unit``."""
        return self.value - self.floor

    @property
    def holds(self) -> bool:
        """True when the stock meets the floor (exactly at the floor holds)."""
        return bool(meets_floor(self.value, self.floor))

    def label(self, lang: str = "zh") -> str:
        """Name of the floor in ``lang`` ('zh' or 'en')."""
        return tr(f"floor.{self.key}", lang)


def floor_checks(
    summary: pd.DataFrame, factory_totals: pd.DataFrame, config: Config
) -> list[FloorCheck]:
    """The two floor checks from a store's aggregates at one date.

    Parameters
    ----------
    summary : DataFrame
        ``zone, category, status, count, area_m2`` (:meth:`Store.summary`).
    factory_totals : DataFrame
        ``zone, is_standard_factory, count, floor_area_m2``
        (:meth:`Store.factory_totals`).
    config : Config
        Gives the floors.

    Returns
    -------
    list of FloorCheck
        Ready land (category ``ready`` and status ``available``, in mu), then
        standard factory floor space (in m²).
    """
    ready = summary[
        (fr.text(summary["category"]) == READY) & (fr.text(summary["status"]) == STATUS_AVAILABLE)
    ]
    ready_m2 = math.fsum(fr.numbers(ready["area_m2"]))
    standard = factory_totals[fr.flags(factory_totals["is_standard_factory"])]
    factory_m2 = math.fsum(fr.numbers(standard["floor_area_m2"]))
    return [
        FloorCheck(READY_LAND, float(m2_to_mu(ready_m2)), config.ready_land_floor_mu, "mu"),
        FloorCheck(FACTORY, factory_m2, config.factory_floor_m2, "m2"),
    ]

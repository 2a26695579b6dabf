"""The per-mu evaluation (亩均效益综合评价), vectorised over every enterprise.

Input: one row per enterprise with ``credit_code, name, scale, state, zone,
land_mu`` and its yearly figures (``tax, revenue, value_added, energy_tce,
electricity_kwh, emissions_t, employees, rd`` in stored units; NaN = missing).

For each scale group (above-scale, below-scale, each with its own indicators):

* value of an indicator = factor × numerator ÷ denominator (missing when either
  is missing or the denominator is not positive);
* benchmark = the configured number, or the mean of the present values of the
  evaluated enterprises of the group;
* score = weight × value ÷ benchmark, clipped to [0, cap × weight]; a missing
  value scores 0, or the mean score of those with a value when the indicator
  says ``missing = "average"``; a benchmark that is not positive scores 0;
* total = sum of the scores; rank = 1 + number of evaluated enterprises of the
  group with a higher total (ties share a rank);
* class by shares: with n evaluated, class k's last rank is
  ``floor(cumulative share_k × n + 0.5)``, and an enterprise takes the first
  class whose last rank is at least its rank (ties share a class); by
  thresholds: the first class whose minimum score the total reaches, else D.

Not classed, with the reason: ``not_producing`` (state building or stopped),
``scale_unknown``, ``no_land`` (no land recorded), ``below_land_threshold``
(below-scale under ``min_land_mu_below_scale``).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from landinv.efficiency.scheme import INDICATORS, Group, Scheme

FIGURES = (
    "tax",
    "revenue",
    "value_added",
    "energy_tce",
    "electricity_kwh",
    "emissions_t",
    "employees",
    "rd",
)
SCALES = ("above", "below")


def not_classed_reason(frame: pd.DataFrame, scheme: Scheme) -> np.ndarray:
    """Why each enterprise is not classed (None when it is evaluated), as an object array."""
    scale = np.asarray(frame["scale"], dtype=object)
    state = np.asarray(frame["state"], dtype=object)
    land = np.nan_to_num(frame["land_mu"].to_numpy(dtype=float))
    reason = np.full(len(frame), None, dtype=object)
    below_threshold = (scale == "below") & (land < scheme.min_land_mu_below_scale)
    known = (scale == "above") | (scale == "below")
    for mask, why in (
        (below_threshold, "below_land_threshold"),
        (land <= 0, "no_land"),
        (~known, "scale_unknown"),
        (state != "producing", "not_producing"),
    ):
        reason[mask] = why  # later rules win: the most basic reason is shown
    return reason


def indicator_values(frame: pd.DataFrame, code: str) -> np.ndarray:
    """Values of indicator ``code`` for every row (NaN where missing)."""
    num, den, factor = INDICATORS[code]
    n = frame[num].to_numpy(dtype=float) if num in frame else np.full(len(frame), np.nan)
    d = frame[den].to_numpy(dtype=float) if den in frame else np.full(len(frame), np.nan)
    out = np.full(len(frame), np.nan)
    ok = ~np.isnan(n) & (d > 0)
    out[ok] = factor * n[ok] / d[ok]
    return out


def evaluate(frame: pd.DataFrame, scheme: Scheme) -> pd.DataFrame:
    """Evaluate every enterprise of ``frame`` under ``scheme``.

    Returns
    -------
    DataFrame
        ``frame``'s columns plus ``v_<code>`` (value) and ``s_<code>`` (score) for
        every indicator of either group, ``total``, ``rank``, ``class``,
        ``reason`` (why not classed); the benchmarks used are in
        ``attrs["benchmarks"]`` (``"<code>:<scale>"``). Sorted by scale, then
        rank, then credit code.
    """
    frame = frame.reset_index(drop=True)
    n = len(frame)
    missing = {name: np.full(n, np.nan) for name in FIGURES if name not in frame}
    if missing:
        frame = frame.assign(**missing)
    reason = not_classed_reason(frame, scheme)
    evaluated = pd.isna(reason)
    scale = np.asarray(frame["scale"], dtype=object)
    total = np.full(n, np.nan)
    rank = np.zeros(n, dtype=np.int64)
    cls = np.full(n, None, dtype=object)
    benchmarks: dict[str, float] = {}
    codes = list(dict.fromkeys(i.code for g in (scheme.above, scheme.below) for i in g.indicators))
    new = {}
    for code in codes:
        new[f"v_{code}"] = np.full(n, np.nan)
        new[f"s_{code}"] = np.full(n, np.nan)
    for name in SCALES:
        group = scheme.group(name)
        in_scale = scale == name
        members = in_scale & evaluated
        sums = np.zeros(n)
        for ind in group.indicators:
            values = indicator_values(frame, ind.code)
            new[f"v_{ind.code}"][in_scale] = values[in_scale]
            scores, bench = _scores(values, members, ind, group.cap)
            benchmarks[f"{ind.code}:{name}"] = bench
            new[f"s_{ind.code}"][members] = scores[members]
            sums += np.where(members, scores, 0.0)
        total[members] = sums[members]
        ranks, classes = rank_and_class(sums[members], group)
        rank[members] = ranks
        cls[members] = classes
    new.update(
        total=total, rank=pd.array(np.where(rank > 0, rank, 0), dtype="Int64"), reason=reason
    )
    new["rank"][rank == 0] = pd.NA
    out = pd.concat([frame, pd.DataFrame(new, index=frame.index)], axis=1)
    out["class"] = pd.Series(cls, index=out.index, dtype=object)
    out["reason"] = pd.Series(reason, index=out.index, dtype=object)
    order = np.lexsort(
        (
            pd.factorize(np.asarray(frame["credit_code"], dtype=object), sort=True)[0],
            np.where(rank > 0, rank, 10**9),
            np.where(scale == "above", 0, np.where(scale == "below", 1, 2)),
        )
    )
    out = out.iloc[order].reset_index(drop=True)
    out.attrs["benchmarks"] = benchmarks
    return out


def _scores(values: np.ndarray, members: np.ndarray, ind, cap: float):
    present = members & ~np.isnan(values)
    if ind.benchmark == "average":
        bench = float(values[present].mean()) if present.any() else float("nan")
    else:
        bench = float(ind.benchmark)
    if not bench > 0:
        return np.zeros(len(values)), bench
    scores = np.clip(ind.weight * values / bench, 0.0, cap * ind.weight)
    missing = np.isnan(scores)
    if ind.missing == "average" and (present.any()):
        fill = float(scores[present].mean())
    else:
        fill = 0.0
    scores[missing] = fill
    return scores, bench


def rank_and_class(totals: np.ndarray, group: Group) -> tuple[np.ndarray, np.ndarray]:
    """Competition ranks (1 = best, ties share) and classes of ``totals``."""
    n = len(totals)
    if n == 0:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=object)
    ordered = np.sort(totals)[::-1]
    # rank = 1 + number of strictly higher totals
    ranks = 1 + np.searchsorted(-ordered, -totals, side="left")
    labels = np.array([c for c, _ in group.classes], dtype=object)
    if group.class_mode == "shares":
        cumulative = np.cumsum([v for _, v in group.classes])
        last_rank = np.floor(cumulative * n + 0.5).astype(np.int64)
        last_rank[-1] = n
        idx = np.searchsorted(last_rank, ranks, side="left")
    else:
        minimum = np.array([v for _, v in group.classes], dtype=float)
        reached = totals[:, None] >= minimum[None, :]
        idx = np.where(reached.any(axis=1), reached.argmax(axis=1), len(labels))
        labels = np.append(labels, "D") if labels[-1] != "D" else labels
        idx = np.minimum(idx, len(labels) - 1)
    return ranks.astype(np.int64), labels[idx]

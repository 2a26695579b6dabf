"""Offline images for the monthly report: the stock timeline chart and the map.

Drawn with matplotlib (Agg backend, no display, no internet). Chinese labels
need a CJK font: the first Noto Sans CJK (or any other CJK) font file found on
the machine is registered with matplotlib; without one the labels would be
boxes, so :func:`cjk_font` says which file is used and the report falls back
to English labels when there is none.
"""

from __future__ import annotations

import datetime as dt
import glob
import io
from functools import lru_cache

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib import font_manager
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from landinv.domain import STATUS_SUPPLIED, Config
from landinv.i18n import tr

#: Where CJK fonts are looked for, best first (Debian/Ubuntu fonts-noto-cjk, then others).
FONT_GLOBS = (
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/**/NotoSansCJK*Regular*.[ot]t[cf]",
    "/usr/share/fonts/**/NotoSansSC*.[ot]tf",
    "/usr/share/fonts/**/wqy*.tt[cf]",
    "/usr/share/fonts/**/*CJK*.tt[cf]",
)
_RED = "#c62828"
_DPI = 150


@lru_cache(maxsize=1)
def cjk_font() -> str | None:
    """Family name of a registered CJK font, or None when the machine has none."""
    for pattern in FONT_GLOBS:
        for path in sorted(glob.glob(pattern, recursive=True)):
            try:
                font_manager.fontManager.addfont(path)
                return font_manager.FontProperties(fname=path).get_name()
            except (OSError, RuntimeError):
                continue
    return None


def _style(lang: str) -> dict:
    family = cjk_font() if lang == "zh" else None
    rc = {"font.size": 9, "axes.unicode_minus": False}
    if family:
        rc["font.family"] = [family, "DejaVu Sans"]
    return rc


def _png(fig) -> bytes:
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=_DPI, bbox_inches="tight")
    plt.close(fig)
    return buf.getvalue()


def timeline_chart(
    history: pd.DataFrame, forecast_daily: pd.DataFrame | None, config: Config, lang: str = "zh"
) -> bytes:
    """Both stocks by day (solid), the forecast (dashed) and the floors (red), as PNG.

    Parameters
    ----------
    history : DataFrame
        ``date, ready_land_mu, factory_floor_area_m2`` (a daily stock series).
    forecast_daily : DataFrame or None
        The forecast's daily frame (ISO ``date`` text) continuing the history.
    config : Config
        The floors.
    lang : {'zh', 'en'}
    """
    with plt.rc_context(_style(lang)):
        fig, axes = plt.subplots(2, 1, figsize=(7.0, 5.2), sharex=True)
        panels = (
            ("ready_land_mu", config.ready_land_floor_mu, "report.chart_ready"),
            ("factory_floor_area_m2", config.factory_floor_m2, "report.chart_factory"),
        )
        for ax, (col, floor, title) in zip(axes, panels):
            dates = pd.to_datetime(pd.Series(history["date"]).astype(str))
            ax.step(
                dates,
                history[col],
                where="post",
                color="#1565c0",
                lw=1.6,
                label=tr("report.legend_history", lang),
            )
            if forecast_daily is not None and len(forecast_daily):
                fdates = pd.to_datetime(forecast_daily["date"])
                ax.step(
                    fdates,
                    forecast_daily[col],
                    where="post",
                    color="#1565c0",
                    lw=1.4,
                    ls="--",
                    label=tr("report.legend_forecast", lang),
                )
            ax.axhline(floor, color=_RED, lw=1.2, label=tr("report.legend_floor", lang))
            ax.set_title(tr(title, lang), loc="left")
            ax.grid(alpha=0.3)
            ax.legend(loc="best", fontsize=8)
        fig.autofmt_xdate()
        fig.tight_layout()
        return _png(fig)


def zone_map(
    zones, parcels, config: Config, lang: str = "zh", *, areas=None, title: str = ""
) -> bytes:
    """Sub-areas with the parcels by category (supplied parcels grey), as PNG.

    One overview panel (every sub-area, target areas dashed) and one zoomed
    panel per sub-area, since the sub-areas lie kilometres apart and their
    parcels would be specks on a single map.

    Parameters
    ----------
    zones : GeoDataFrame
        Sub-area boundaries (``code``, ``name_zh``, ``name_en``).
    parcels : GeoDataFrame
        Parcels valid at the report date (``category``, ``status``).
    config : Config
        Category colours and labels.
    areas : GeoDataFrame, optional
        Target areas, drawn as dashed outlines.
    """
    zones = zones if zones is not None else parcels.iloc[0:0]
    n = 1 + len(zones)
    cols = 2 if n > 1 else 1
    rows = (n + cols - 1) // cols
    with plt.rc_context(_style(lang)):
        fig, axes = plt.subplots(rows, cols, figsize=(7.0, 3.3 * rows), squeeze=False)
        flat = list(axes.ravel())
        _draw(flat[0], zones, parcels, config, areas, None, lang)
        flat[0].set_title(tr("report.map_overview", lang), fontsize=9)
        for ax, (_, z) in zip(flat[1:], zones.iterrows()):
            _draw(ax, zones, parcels, config, areas, z.geometry.buffer(0.002).bounds, lang)
            ax.set_title(z["name_zh"] if lang == "zh" else z["name_en"], fontsize=9)
        for ax in flat[n:]:
            ax.set_axis_off()
        handles = [Patch(color=c.color, label=c.label(lang)) for c in config.categories]
        handles.append(Patch(color="#9e9e9e", label=tr("report.map_supplied", lang)))
        handles.append(Line2D([], [], color="#37474f", label=tr("report.map_zone", lang)))
        if areas is not None and len(areas):
            handles.append(
                Line2D([], [], color="#6a1b9a", ls="--", label=tr("report.map_target_area", lang))
            )
        fig.legend(handles=handles, loc="lower center", ncol=3, fontsize=8, frameon=False)
        fig.suptitle(title or tr("report.map_title", lang), fontsize=11)
        fig.text(0.99, 0.005, tr("report.map_note", lang), ha="right", fontsize=6, color="#555")
        fig.tight_layout(rect=(0, 0.07, 1, 0.96))
        return _png(fig)


def _draw(ax, zones, parcels, config: Config, areas, bounds, lang: str = "zh") -> None:
    """One map panel; ``bounds`` (minx, miny, maxx, maxy) zooms in, None shows all."""
    if parcels is not None and len(parcels):
        supplied = (parcels["status"] == STATUS_SUPPLIED).to_numpy()
        for cat in config.categories:
            part = parcels[(parcels["category"] == cat.code).to_numpy() & ~supplied]
            if len(part):
                part.plot(ax=ax, color=cat.color, edgecolor="white", linewidth=0.2)
        if supplied.any():
            parcels[supplied].plot(ax=ax, color="#9e9e9e", edgecolor="white", linewidth=0.2)
    if len(zones):
        zones.boundary.plot(ax=ax, color="#37474f", linewidth=0.9)
    if areas is not None and len(areas):
        areas.boundary.plot(ax=ax, color="#6a1b9a", linewidth=1.3, linestyle="--")
    if bounds is not None:
        ax.set_xlim(bounds[0], bounds[2])
        ax.set_ylim(bounds[1], bounds[3])
    elif len(zones):
        minx, miny, maxx, maxy = zones.total_bounds
        pad = 0.05 * max(maxx - minx, maxy - miny)
        ax.set_xlim(minx - pad, maxx + pad)
        ax.set_ylim(miny - pad, maxy + pad)
        for _, z in zones.iterrows():
            p = z.geometry.representative_point()
            ax.annotate(
                z["name_zh"] if lang == "zh" else z["name_en"],
                (p.x, p.y),
                xytext=(0, 8),
                textcoords="offset points",
                ha="center",
                fontsize=8,
                color="#263238",
            )
    lat = np.mean(ax.get_ylim())
    ax.set_aspect(1.0 / np.cos(np.radians(lat)))
    ax.set_xticks([])
    ax.set_yticks([])
    ax.set_xlabel("")
    ax.set_ylabel("")


def month_bounds(month: dt.date) -> tuple[dt.date, dt.date]:
    """First and last day of the month containing ``month``."""
    import calendar

    first = month.replace(day=1)
    return first, first.replace(day=calendar.monthrange(first.year, first.month)[1])

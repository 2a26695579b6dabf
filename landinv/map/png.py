"""The map as a PNG for reports: parcels by category, buildings, zone
outlines, a legend, a metric scale bar, a north arrow and a title with the
as-of date (issue 13, item 4).

Drawn on the server with matplotlib (Agg) from the same layers the map shows,
so it needs no browser support and no network. Coordinates are lon/lat
(EPSG:4490) drawn with an aspect of 1/cos(latitude), which keeps shapes and
the scale bar true at county scale.
"""

from __future__ import annotations

import io
import math

import geopandas as gpd
import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
from matplotlib.patches import FancyArrow, Patch, Rectangle

from landinv.domain import STATUS_SUPPLIED, STORE_EPSG, Config
from landinv.i18n import tr

#: Fonts with Chinese glyphs, first found wins (Debian's fonts-noto-cjk).
CJK_FONTS = [
    "Noto Sans CJK SC",
    "Noto Sans CJK JP",
    "WenQuanYi Zen Hei",
    "Microsoft YaHei",
    "DejaVu Sans",
]
_EARTH_M_PER_DEG = 111_320.0


def _nice_length(max_m: float) -> float:
    """The largest 1, 2 or 5 × 10^n metres not above ``max_m``."""
    exponent = 10 ** math.floor(math.log10(max_m))
    for step in (5, 2, 1):
        if step * exponent <= max_m:
            return step * exponent
    return exponent


def scale_bar_length(bounds, fraction: float = 0.25) -> float:
    """Length in metres of a round scale bar about ``fraction`` of the view wide."""
    min_lon, min_lat, max_lon, max_lat = bounds
    lat = (min_lat + max_lat) / 2
    width_m = (max_lon - min_lon) * _EARTH_M_PER_DEG * math.cos(math.radians(lat))
    return _nice_length(max(width_m * fraction, 1.0))


def map_png(
    parcels,
    buildings,
    zones,
    config: Config,
    *,
    lang: str = "zh",
    bounds=None,
    title: str = "",
    note: str = "",
    dpi: int = 150,
) -> bytes:
    """Draw the layers as a PNG and return its bytes.

    Parameters
    ----------
    parcels, buildings, zones : GeoDataFrame or None
        Layers in the store schema (any CRS; drawn in EPSG:4490).
    config : Config
        Category colours and labels.
    lang : {'zh', 'en'}
    bounds : (min_lon, min_lat, max_lon, max_lat), optional
        The view; default: all the parcels (else the zones).
    title, note : str
        Printed above and below the map (e.g. the as-of date; "sample data").
    dpi : int

    Returns
    -------
    bytes
        A PNG image.
    """
    plt.rcParams["font.sans-serif"] = CJK_FONTS
    plt.rcParams["axes.unicode_minus"] = False
    layers = {
        name: (gdf.to_crs(STORE_EPSG) if gdf is not None and len(gdf) else None)
        for name, gdf in (("parcels", parcels), ("buildings", buildings), ("zones", zones))
    }
    if bounds is None:
        source = layers["parcels"] if layers["parcels"] is not None else layers["zones"]
        bounds = tuple(source.total_bounds) if source is not None else (118.5, 28.9, 118.6, 29.0)
    min_lon, min_lat, max_lon, max_lat = bounds
    pad_x, pad_y = (max_lon - min_lon) * 0.04 or 0.002, (max_lat - min_lat) * 0.04 or 0.002
    min_lon, max_lon, min_lat, max_lat = (
        min_lon - pad_x,
        max_lon + pad_x,
        min_lat - pad_y,
        max_lat + pad_y * 2.5,  # room for a sub-area's name above its boundary
    )
    lat = (min_lat + max_lat) / 2

    fig, ax = plt.subplots(figsize=(11, 8.5))
    ax.set_aspect(1 / math.cos(math.radians(lat)))
    handles = []
    parcels_4490 = layers["parcels"]
    if parcels_4490 is not None:
        for category in config.categories:
            mine = parcels_4490[parcels_4490["category"] == category.code]
            if not len(mine):
                continue
            supplied = mine["status"] == STATUS_SUPPLIED if "status" in mine else None
            stock = mine[~supplied] if supplied is not None else mine
            if len(stock):
                stock.plot(
                    ax=ax, color=category.color, edgecolor="#333333", linewidth=0.3, alpha=0.85
                )
            if supplied is not None and supplied.any():
                mine[supplied].plot(
                    ax=ax,
                    color=category.color,
                    edgecolor="#333333",
                    linewidth=0.3,
                    alpha=0.45,
                    hatch="///",
                )
            handles.append(
                Patch(facecolor=category.color, edgecolor="#333333", label=category.label(lang))
            )
        if "status" in parcels_4490 and (parcels_4490["status"] == STATUS_SUPPLIED).any():
            handles.append(
                Patch(
                    facecolor="white",
                    edgecolor="#333333",
                    hatch="///",
                    label=tr("map.png_supplied", lang),
                )
            )
    if layers["buildings"] is not None:
        layers["buildings"].plot(ax=ax, color="#455a64", edgecolor="#263238", linewidth=0.3)
        handles.append(Patch(facecolor="#455a64", label=tr("map.layer_buildings", lang)))
    if layers["zones"] is not None:
        layers["zones"].boundary.plot(ax=ax, color="#b71c1c", linewidth=1.2, linestyle="--")
        _zone_labels(ax, layers["zones"], lang)
        handles.append(
            plt.Line2D([], [], color="#b71c1c", linestyle="--", label=tr("map.layer_zones", lang))
        )
    ax.set_xlim(min_lon, max_lon)
    ax.set_ylim(min_lat, max_lat)
    ax.set_xticks([])
    ax.set_yticks([])
    ax.set_xlabel("")
    ax.set_ylabel("")
    if handles:
        # Beside the map, not on it: "best" placement does not see the parcel and
        # zone collections, and put the legend over the Huibu sub-area.
        ax.legend(
            handles=handles,
            loc="upper left",
            bbox_to_anchor=(1.01, 1.0),
            borderaxespad=0.0,
            title=tr("map.png_legend", lang),
            framealpha=0.92,
            fontsize=9,
        )
    _scale_bar(ax, (min_lon, min_lat, max_lon, max_lat), lang)
    _north_arrow(ax, lang)
    if title:
        ax.set_title(title, fontsize=13)
    if note:
        ax.text(
            0.5,
            -0.015,
            note,
            transform=ax.transAxes,
            ha="center",
            va="top",
            fontsize=8,
            color="#555555",
        )
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=dpi, bbox_inches="tight")
    plt.close(fig)
    return buffer.getvalue()


def _zone_labels(ax, zones, lang: str) -> None:
    """Each sub-area's name above it, as on the app's map."""
    name = "name_en" if lang == "en" else "name_zh"
    if name not in zones:
        return
    for label, geom in zip(zones[name], zones.geometry):
        if not label or geom is None or geom.is_empty:
            continue
        min_x, _min_y, max_x, max_y = geom.bounds
        ax.annotate(
            str(label),
            ((min_x + max_x) / 2, max_y),
            xytext=(0, 4),
            textcoords="offset points",
            ha="center",
            va="bottom",
            fontsize=9,
            color="#b71c1c",
            fontweight="bold",
            annotation_clip=True,
        )


def _scale_bar(ax, bounds, lang: str) -> None:
    min_lon, min_lat, max_lon, max_lat = bounds
    lat = (min_lat + max_lat) / 2
    length_m = scale_bar_length(bounds)
    length_deg = length_m / (_EARTH_M_PER_DEG * math.cos(math.radians(lat)))
    x0 = min_lon + (max_lon - min_lon) * 0.04
    y0 = min_lat + (max_lat - min_lat) * 0.04
    height = (max_lat - min_lat) * 0.008
    for i in range(2):
        ax.add_patch(
            Rectangle(
                (x0 + i * length_deg / 2, y0),
                length_deg / 2,
                height,
                facecolor="#222222" if i == 0 else "white",
                edgecolor="#222222",
                linewidth=0.8,
                zorder=10,
            )
        )
    label = f"{length_m / 1000:g} km" if length_m >= 1000 else f"{length_m:g} m"
    ax.text(
        x0 + length_deg / 2,
        y0 + height * 2.2,
        label,
        ha="center",
        va="bottom",
        fontsize=9,
        zorder=10,
    )
    ax.text(
        x0,
        y0 - height * 1.2,
        tr("map.png_scale", lang),
        ha="left",
        va="top",
        fontsize=7,
        color="#555555",
        zorder=10,
    )


def _north_arrow(ax, lang: str) -> None:
    ax.add_patch(
        FancyArrow(
            0.95,
            0.86,
            0,
            0.07,
            width=0.012,
            head_width=0.035,
            head_length=0.035,
            length_includes_head=True,
            color="#222222",
            transform=ax.transAxes,
            zorder=10,
        )
    )
    ax.text(
        0.95,
        0.94,
        tr("map.tool_north_letter", lang),
        transform=ax.transAxes,
        ha="center",
        va="bottom",
        fontsize=12,
        fontweight="bold",
        zorder=10,
    )


def view_bounds(frames) -> tuple[float, float, float, float] | None:
    """Joint lon/lat bounds of the non-empty GeoDataFrames in ``frames``."""
    boxes = [
        gpd.GeoSeries(f.geometry).to_crs(STORE_EPSG).total_bounds
        for f in frames
        if f is not None and len(f)
    ]
    if not boxes:
        return None
    return (
        min(b[0] for b in boxes),
        min(b[1] for b in boxes),
        max(b[2] for b in boxes),
        max(b[3] for b in boxes),
    )

"""Canvas styles of the map's classes: parcel categories, supplied parcels, buildings, zones.

A style is a dict the browser layer (``canvas.js``) reads: ``fill`` and
``color`` (``#rrggbb``), ``fo`` fill opacity, ``w`` outline width in pixels,
optional ``dash`` and ``hatch``. The legend draws its swatches from the same dicts.
"""

from __future__ import annotations


def _darker(color: str, factor: float = 0.65) -> str:
    """A darker shade of a ``#rrggbb`` colour, for outlines."""
    c = color.lstrip("#")
    if len(c) != 6:
        return color
    rgb = [int(c[i : i + 2], 16) for i in (0, 2, 4)]
    return "#" + "".join(f"{int(v * factor):02x}" for v in rgb)


def category_style(color: str) -> dict:
    """Canvas style of a parcel category: its colour, half-transparent, darker outline."""
    return {"fill": color, "fo": 0.45, "color": _darker(color), "w": 1.2}


#: Changes to a category style for supplied parcels: a pale fill, diagonal
#: hatching in the outline colour every ``hatch`` pixels, a dashed outline.
SUPPLIED_STYLE = {"fo": 0.12, "hatch": 7, "dash": [5, 3]}


#: Outline and fill of standard factory buildings and other buildings.
BUILDING_STYLES = (
    {"fill": "#6d4c41", "fo": 0.75, "color": "#3e2723", "w": 1.0},
    {"fill": "#9e9e9e", "fo": 0.6, "color": "#424242", "w": 0.8},
)
ZONE_STYLE = {"fill": "#000000", "fo": 0, "color": "#c62828", "w": 2.5, "dash": [8, 6]}

"""Basemaps: optional tile layers under the inventory.

None (the default, works offline), OpenStreetMap, Esri World Imagery, and
Tianditu (China's official basemap, aligned with CGCS2000) when a key is given.
Names come from the message catalogue (``map.basemap_<code>``).
"""

from __future__ import annotations

from dataclasses import dataclass

import folium

from landinv.errors import UsageError
from landinv.i18n import tr


@dataclass(frozen=True)
class Basemap:
    """A basemap choice: its code and tile layers (none for 'none')."""

    code: str
    tiles: tuple[tuple[str, str], ...] = ()
    needs_key: bool = False
    subdomains: str = "abc"
    max_native_zoom: int = 19

    def label(self, lang: str = "zh") -> str:
        """Return the basemap's name in ``lang``."""
        return tr(f"map.basemap_{self.code}", lang)


_TIANDITU = (
    "https://t{s}.tianditu.gov.cn/%s_w/wmts?SERVICE=WMTS&REQUEST=GetTile"
    "&VERSION=1.0.0&LAYER=%s&STYLE=default&TILEMATRIXSET=w&FORMAT=tiles"
    "&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}&tk={key}"
)
_TIANDITU_ATTR = tr("map.attr_tianditu")

#: Every basemap the map knows, in the order the layer control lists them.
BASEMAPS: dict[str, Basemap] = {
    b.code: b
    for b in (
        Basemap("none"),
        Basemap(
            "tianditu_vec",
            (
                (_TIANDITU % ("vec", "vec"), _TIANDITU_ATTR),
                (_TIANDITU % ("cva", "cva"), _TIANDITU_ATTR),
            ),
            needs_key=True,
            subdomains="01234567",
            max_native_zoom=18,
        ),
        Basemap(
            "tianditu_img",
            (
                (_TIANDITU % ("img", "img"), _TIANDITU_ATTR),
                (_TIANDITU % ("cia", "cia"), _TIANDITU_ATTR),
            ),
            needs_key=True,
            subdomains="01234567",
            max_native_zoom=18,
        ),
        Basemap(
            "osm",
            (
                (
                    "https://tile.openstreetmap.org/{z}/{x}/{y}.png",
                    '© <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a>',
                ),
            ),
            subdomains="",
        ),
        Basemap(
            "satellite",
            (
                (
                    "https://server.arcgisonline.com/ArcGIS/rest/services/World_Imagery/"
                    "MapServer/tile/{z}/{y}/{x}",
                    "Imagery © Esri",
                ),
            ),
            subdomains="",
            max_native_zoom=18,
        ),
    )
}


def available_basemaps(tianditu_key: str | None = None) -> list[str]:
    """Codes of the basemaps that can be shown (Tianditu only with a key)."""
    return [b.code for b in BASEMAPS.values() if not b.needs_key or tianditu_key]


def default_basemap(tianditu_key: str | None = None) -> str:
    """The basemap a map opens with: Tianditu when a key is configured, else none.

    A configured key says the office reaches Tianditu (China's official
    basemap, aligned with CGCS2000); without one, "none" keeps the map
    working on an intranet with no internet, where tiles could only fail.
    """
    return "tianditu_vec" if tianditu_key else "none"


def check_basemap(code: str, tianditu_key: str | None) -> Basemap:
    """The basemap ``code`` names, usable with ``tianditu_key``.

    Raises
    ------
    UsageError
        Unknown basemap, or a Tianditu basemap without a key.
    """
    if code not in BASEMAPS:
        raise UsageError("map.err_unknown_basemap", basemap=code, known=", ".join(BASEMAPS))
    basemap = BASEMAPS[code]
    if basemap.needs_key and not tianditu_key:
        raise UsageError("map.err_tianditu_key")
    return basemap


def basemap_layer(
    basemap: Basemap, lang: str, *, show: bool, tianditu_key: str | None
) -> folium.FeatureGroup:
    """A base layer (radio button in the layer control) with its tile layers."""
    group = folium.FeatureGroup(name=basemap.label(lang), overlay=False, control=True, show=show)
    for url, attribution in basemap.tiles:
        options = {"subdomains": basemap.subdomains} if basemap.subdomains else {}
        folium.TileLayer(
            tiles=url.replace("{key}", tianditu_key or ""),
            attr=attribution,
            max_native_zoom=basemap.max_native_zoom,
            max_zoom=20,
            overlay=False,
            control=False,
            **options,
        ).add_to(group)
    return group

"""Map tools a planner expects (issue 13, item 4), as one folium element.

:class:`MapTools` adds to a map, in the browser (``tools.js``, plain Leaflet,
nothing from a CDN): a metric-only scale bar, a north arrow, a distance and
area measuring tool (areas on the sphere, for reading the map; the inventory's
areas stay ellipsoidal), and a visible notice when basemap tiles cannot load
(e.g. offline). Texts come from the catalogue in the map's language.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from branca.element import MacroElement
from folium.template import Template

from landinv.i18n import tr
from landinv.map.elements import RawScriptMixin

TOOLS_JS = Path(__file__).with_name("tools.js")
#: Catalogue codes the browser side needs (``map.tool_<name>``).
TEXTS = (
    "measure",
    "measure_help",
    "measure_start",
    "measure_note",
    "distance",
    "area",
    "mu",
    "north",
    "north_letter",
    "tiles_offline",
)

TOOLS_CSS = """
.landinv-measure { background: #fff; }
.landinv-measure a.landinv-measure-toggle { width: auto; padding: 0 8px; font-size: 13px;
  line-height: 30px; white-space: nowrap; }
.landinv-measure a.landinv-measure-toggle.on { background: #d81b60; color: #fff; }
.landinv-measure-out { padding: 4px 8px; font-size: 12px; max-width: 260px; line-height: 1.5; }
.landinv-measure-note { color: #666; font-size: 11px; }
.landinv-north { background: rgba(255,255,255,.85); border-radius: 4px; padding: 2px 4px;
  text-align: center; font: bold 12px sans-serif; line-height: 1; }
.landinv-tile-notice { background: #fff3cd; color: #664d03; border: 1px solid #ffe69c;
  border-radius: 4px; padding: 6px 10px; font-size: 12px; max-width: 280px; }
"""


@cache
def _tools_js() -> str:
    return TOOLS_JS.read_text(encoding="utf-8")


def tool_texts(lang: str) -> dict[str, str]:
    """The browser texts of the tools in ``lang``."""
    return {name: tr(f"map.tool_{name}", lang) for name in TEXTS}


class ToolStyle(MacroElement):
    """CSS of the tools (a header element, like the legend's)."""

    _template = Template("""
        {% macro header(this, kwargs) %}
        <style>{{ this.css }}</style>
        {% endmacro %}
        """)

    def __init__(self):
        super().__init__()
        self._name = "LandinvToolStyle"
        self.css = TOOLS_CSS


class MapTools(RawScriptMixin, MacroElement):
    """Scale bar (metric), north arrow, measuring and the offline-tiles notice.

    Add :class:`ToolStyle` to the map too (:func:`add_tools` does both).
    """

    _template = Template("""
        {% macro script(this, kwargs) %}
        {{ this.code }}
        landinvTools({{ this._parent.get_name() }}, {{ this.texts }});
        {% endmacro %}
        """)

    def __init__(self, lang: str = "zh"):
        super().__init__()
        self._name = "LandinvTools"
        self.code = _tools_js()
        self.texts = json.dumps(tool_texts(lang), ensure_ascii=False)


def add_tools(m, lang: str = "zh") -> None:
    """Add the tools and their CSS to folium map ``m``."""
    ToolStyle().add_to(m)
    MapTools(lang).add_to(m)

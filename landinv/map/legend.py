"""The map's legend control and the CSS of its legend, tooltips and zone labels."""

from __future__ import annotations

from html import escape

from branca.element import MacroElement
from folium.template import Template

from landinv.domain import STATUS_SUPPLIED, Config
from landinv.i18n import tr
from landinv.labels import status_label
from landinv.map.styles import BUILDING_STYLES, ZONE_STYLE, category_style
from landinv.map.vlq import script_json


class Legend(MacroElement):
    """A bilingual legend control: category colours, buildings, zone outline."""

    _template = Template("""
        {% macro script(this, kwargs) %}
        (function () {
            var legend = L.control({position: "bottomright"});
            legend.onAdd = function () {
                var div = L.DomUtil.create("div", "landinv-legend");
                div.innerHTML = {{ this.html_json }};
                L.DomEvent.disableClickPropagation(div);
                return div;
            };
            legend.addTo({{ this._parent.get_name() }});
        })();
        {% endmacro %}
        """)

    def __init__(
        self,
        config: Config,
        lang: str,
        counts: dict[str, int] | None = None,
        supplied: int | None = None,
        *,
        supplied_row: bool = True,
    ):
        super().__init__()
        self._name = "LandinvLegend"
        self.html = legend_html(config, lang, counts, supplied, supplied_row=supplied_row)
        self.html_json = script_json(self.html)


class MapStyle(MacroElement):
    """CSS for the legend, tooltips and zone labels (inside the map's page)."""

    _template = Template("""
        {% macro header(this, kwargs) %}
        <style>
        .landinv-legend { background: rgba(255,255,255,0.92); padding: 6px 9px;
            border-radius: 4px; box-shadow: 0 1px 4px rgba(0,0,0,0.3); line-height: 1.5;
            font: 13px/1.5 "Noto Sans CJK SC", "Microsoft YaHei", sans-serif; }
        .landinv-legend b { display: block; margin-bottom: 2px; }
        .landinv-legend i { display: inline-block; width: 14px; height: 11px;
            margin-right: 6px; vertical-align: -1px; border: 1px solid; }
        .landinv-legend i.line { height: 0; border-width: 2px 0 0 0; border-style: dashed;
            vertical-align: 4px; }
        .landinv-legend i.supplied { border-style: dashed; border-color: #555;
            background: repeating-linear-gradient(135deg, rgba(85,85,85,.9) 0 1.5px,
                rgba(255,255,255,.85) 1.5px 5px); }
        .landinv-tip { font: 12px/1.45 "Noto Sans CJK SC", "Microsoft YaHei", sans-serif; }
        .landinv-k { color: #666; }
        /* Repeats leaflet.css for labels: streamlit-folium loads that CSS only
           after the map script has run, and Leaflet places a label by its width. */
        .landinv-zone-label { position: absolute; white-space: nowrap; padding: 2px 6px;
            background: rgba(255,255,255,0.75); border: 0;
            box-shadow: none; color: #b71c1c; font-weight: 600; font-size: 13px; }
        .landinv-zone-label::before { display: none; }
        </style>
        {% endmacro %}
        """)


def legend_html(
    config: Config,
    lang: str,
    counts: dict[str, int] | None = None,
    supplied: int | None = None,
    *,
    supplied_row: bool = True,
) -> str:
    """HTML of the map legend in ``lang``.

    Parameters
    ----------
    config : Config
        Category colours and names.
    lang : {'zh', 'en'}
        Language of the labels.
    counts : dict of str to int, optional
        Parcels per category code, shown after each category.
    supplied : int, optional
        Supplied parcels, shown after the hatched "supplied" entry.
    supplied_row : bool
        False leaves the "supplied" entry out: a map coloured by something
        else (the efficiency page) does not hatch supplied parcels.

    Returns
    -------
    str
    """
    rows = [f"<b>{escape(tr('map.legend_title', lang))}</b>"]  # a block: no <br> after it
    for c in config.categories:
        style = category_style(c.color)
        count = f" ({counts[c.code]})" if counts and c.code in counts else ""
        rows.append(
            f'<i style="background:{style["fill"]};border-color:{style["color"]};'
            f'opacity:.85"></i>{escape(c.label(lang))}{count}'
        )
    # One neutral swatch: a supplied parcel keeps its category colour and
    # adds this pale, hatched, dashed look (SUPPLIED_STYLE).
    if supplied_row:
        label = status_label(STATUS_SUPPLIED, lang)
        count = f" ({supplied})" if supplied is not None else ""
        rows.append(
            f'<i class="supplied" title="{escape(tr("map.legend_supplied_hint", lang))}"></i>'
            f"{escape(label)}{count}"
        )
    for style, code in zip(BUILDING_STYLES, ("map.legend_standard", "map.legend_other_building")):
        rows.append(
            f'<i style="background:{style["fill"]};border-color:{style["color"]}">'
            f"</i>{escape(tr(code, lang))}"
        )
    rows.append(
        f'<i class="line" style="border-color:{ZONE_STYLE["color"]}"></i>'
        f"{escape(tr('map.layer_zones', lang))}"
    )
    return rows[0] + "<br>".join(rows[1:])

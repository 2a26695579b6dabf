"""folium elements that put the compact layers on the page.

``canvas.js`` (package data beside this module) defines ``L.LandinvLayer``;
:class:`LayerLibrary` inlines it once per map and each :class:`CompactLayer`
draws one :class:`~landinv.map.encode.EncodedLayer` with it. Their scripts
bypass branca's templating (see :class:`RawScript`).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from branca.element import Element, MacroElement
from folium.elements import ElementAddToElement
from folium.map import Layer
from folium.template import Template

from landinv.map.encode import EncodedLayer

#: The browser layer, inlined into every map page.
CANVAS_JS = Path(__file__).with_name("canvas.js")


@cache
def _layer_js() -> str:
    return CANVAS_JS.read_text(encoding="utf-8")


class RawScript(Element):
    """Script text added to the page as is.

    branca wraps each rendered script in an ``Element``, which compiles it as
    a Jinja template: for a 10 MB payload that costs seconds, and braces in a
    parcel name could be read as template code. This element never compiles
    its text.
    """

    _template = Template("{{ this.text }}")

    def __init__(self, text: str):
        super().__init__()
        self._name = "RawScript"
        self.text = text


class RawScriptMixin:
    """Render the ``script`` macro through :class:`RawScript` (see there).

    streamlit-folium calls the macro directly and is not affected.
    """

    def render(self, **kwargs):
        if isinstance(self, Layer) and self.show:
            self.add_child(
                ElementAddToElement(
                    element_name=self.get_name(), element_parent_name=self._parent.get_name()
                ),
                name=self.get_name() + "_add",
            )
        script = self._template.module.__dict__["script"](self, kwargs)
        self.get_root().script.add_child(RawScript(script), name=self.get_name())
        for child in self._children.values():
            child.render(**kwargs)


class LayerLibrary(RawScriptMixin, MacroElement):
    """Defines ``L.LandinvLayer`` once, before the layers that use it."""

    _template = Template("""
        {% macro script(this, kwargs) %}
        {{ this.code }}
        {% endmacro %}
        """)

    def __init__(self):
        super().__init__()
        self._name = "LandinvLayerLibrary"
        self.code = _layer_js()


class CompactLayer(RawScriptMixin, Layer):
    """A folium layer drawing an :class:`EncodedLayer` with ``L.LandinvLayer``."""

    _template = Template("""
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = L.landinvLayer({{ this.layer.payload }},
            {{ this.layer_options|tojson }});
        {% endmacro %}
        """)

    def __init__(
        self,
        layer: EncodedLayer,
        name: str,
        *,
        z_index: int,
        interactive: bool = True,
        labels: bool = False,
        show: bool = True,
    ):
        super().__init__(name=name, overlay=True, control=True, show=show)
        self._name = "LandinvLayer"
        self.layer = layer
        self.layer_options = {"zIndex": z_index, "interactive": interactive, "labels": labels}

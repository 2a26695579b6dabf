"""Serve the npm-installed map assets (Leaflet) from the app's own origin.

``scripts/assets.sh`` installs them with npm into ``landinv/ui/static/vendor``
(git-ignored). Streamlit serves the files of a declared component folder at
``/component/<module>.<name>/<file>`` with proper content types, so declaring
the vendor folder as a component (never rendered) is enough to serve it: no
``static/`` folder beside app.py, no server option, nothing from a CDN.

The map itself runs inside streamlit-folium's component iframe
(``/component/streamlit_folium.st_folium/index.html``), so the asset URL is
relative to that page: ``../<our component>/``. A relative URL keeps working
behind a reverse proxy or with ``server.baseUrlPath``.
"""

from __future__ import annotations

from pathlib import Path

from streamlit.components.v1 import declare_component

from landinv.errors import UsageError
from landinv.map import LeafletAssets

#: Short name of the component that serves the vendor folder.
COMPONENT = "map_vendor"
#: Where ``scripts/assets.sh`` puts the npm-installed browser files.
VENDOR_DIR = Path(__file__).resolve().parent / "static" / "vendor"
#: Browser files the map loads, relative to the vendor folder.
LEAFLET_JS = "leaflet/leaflet.js"
LEAFLET_CSS = "leaflet/leaflet.css"


def leaflet_at(base_url: str) -> LeafletAssets:
    """Leaflet's URLs under a copy of the vendor folder at ``base_url`` (ends with '/')."""
    return LeafletAssets(js=base_url + LEAFLET_JS, css=base_url + LEAFLET_CSS)


def local_leaflet() -> LeafletAssets:
    """Leaflet as ``file://`` URLs of the vendor folder: a saved HTML map opens
    offline on this machine."""
    return leaflet_at(VENDOR_DIR.as_uri() + "/")


def assets_installed() -> bool:
    """True when ``scripts/assets.sh`` has put Leaflet in the vendor folder."""
    return all((VENDOR_DIR / name).is_file() for name in (LEAFLET_JS, LEAFLET_CSS))


def asset_base_url() -> str:
    """Register the vendor folder with Streamlit and return its URL as seen
    from the map's iframe (ends with '/').

    Call during a script run (registration needs Streamlit's run context);
    registering again is cheap and harmless.

    Raises
    ------
    UsageError
        With a bilingual message when the assets are not installed.
    """
    if not assets_installed():
        raise UsageError("err.assets_missing", path=VENDOR_DIR)
    component = declare_component(COMPONENT, path=str(VENDOR_DIR))
    return f"../{component.name}/"


def leaflet_assets() -> LeafletAssets:
    """Leaflet as the app serves it, for :func:`landinv.map.build_map`
    (see :func:`asset_base_url`)."""
    return leaflet_at(asset_base_url())

"""Streamlit's component scan, done once per test session as a server does it once.

Every :class:`streamlit.testing.v1.AppTest` builds its own component registry
on its first run and fills it by reading the metadata of every installed
distribution (``scan_component_manifests``): about 0.2 s each time, and the
fast tier makes about 55 AppTests. A real Streamlit server scans once, when
it starts, and all its sessions share the result. This plugin keeps that:
the first AppTest of the session scans, later ones reuse the answer (each
still gets its own registry, filled from it). Nothing is installed while the
tests run, so the answer cannot change.

Loaded from ``tests/conftest.py`` (``pytest_plugins``); it does nothing in a
run that collected no AppTest module (streamlit is not even imported then).
"""

from __future__ import annotations

import functools
import sys

import pytest


@pytest.fixture(scope="session", autouse=True)
def _scan_streamlit_components_once():
    if "streamlit.testing.v1" not in sys.modules:  # no AppTest in this run
        yield
        return
    from streamlit.components.v2 import manifest_scanner

    scan = functools.cache(manifest_scanner.scan_component_manifests)
    with pytest.MonkeyPatch.context() as patch:
        # A fresh list each time: a registry may not change the shared one.
        patch.setattr(
            manifest_scanner, "scan_component_manifests", lambda *a, **k: list(scan(*a, **k))
        )
        yield

"""Data never reaches markdown unescaped (issue 14, item 1), in a real Chromium.

The store holds parcels whose IDs, names and projects are hostile markdown
(an image beacon, a phishing link, ``{{7*7}}``, an HTML entity, LaTeX, an
``<img onerror>``), imported under a hostile file name by a hostile user, and
one of them supplied to a hostile project. Every page is opened with those
parcels searched for, and an upload with hostile zip member names is read.
On every page: no request leaves the app's own origin (the beacon sits on
127.0.0.1, so the usual loopback guard would not see it), no link, image or
KaTeX from data appears, and the texts show literally.
"""

from __future__ import annotations

import datetime as dt

import pytest

from tests.support.app import build_sample_store
from tests.support.browser import (
    SHOTS,
    need_browser,
    offline_page,
    settle,
    streamlit_server,
)
from tests.support.hostile import HOSTILE, hostile_zip, seed_hostile

pytestmark = pytest.mark.browser

#: Every page of the app by its own path.
PAGES = ("dashboard", "map", "upload", "downloads", "history", "efficiency")

_MARKUP = """() => {
    const md = [...document.querySelectorAll('[data-testid="stMarkdownContainer"]')];
    return {
        links: [...document.querySelectorAll('a[href]')].map(a => a.href)
            .filter(h => h.includes(':9/')),
        images: [...document.querySelectorAll('img')].map(i => i.getAttribute('src') || '')
            .filter(s => s === 'x' || s.includes(':9/')),
        katex: document.querySelectorAll('.katex, math').length,
        emphasis: md.map(e => [...e.querySelectorAll('em, strong, code, b')]
            .map(x => x.innerText)).flat().filter(t => /7|name|x.2/.test(t)),
        icons: md.map(e => [...e.querySelectorAll('[data-testid="stIconMaterial"]')]
            .map(x => x.innerText)).flat().filter(t => t === 'home'),
        text: md.map(e => e.innerText).join('\\n').replace(/\\u200b/g, ''),
    };
}"""


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    need_browser()
    folder = tmp_path_factory.mktemp("hostile-store")
    store = build_sample_store(folder)
    square = seed_hostile(store, dt.date(2026, 1, 5))
    with streamlit_server(folder, store) as url:
        yield {"url": url, "square": square}


def _settle(page) -> None:
    settle(page, pause_ms=1200)


def _search(page, text: str) -> None:
    box = page.get_by_role("textbox", name="Find a parcel (ID, name or project)")
    box.fill(text)
    box.press("Enter")
    _settle(page)


def _wait_text(page, text: str) -> None:
    """Wait until ``text`` shows in a markdown block of the main frame."""
    page.wait_for_function(
        """t => [...document.querySelectorAll('[data-testid="stMarkdownContainer"]')]
            .some(e => e.innerText.replace(/\\u200b/g, '').includes(t))""",
        arg=text,
    )


def _check_frames(page, outside: list[str], where: str) -> str:
    """Assert no markup from data in any frame; return the main frame's markdown text."""
    main_text = ""
    for frame in page.frames:
        try:
            found = frame.evaluate(_MARKUP)
        except Exception:
            continue
        assert not found["links"], f"{where}: live link from data {found['links']}"
        assert not found["images"], f"{where}: image from data {found['images']}"
        assert not found["katex"], f"{where}: LaTeX typeset from data"
        assert not found["emphasis"], f"{where}: emphasis from data {found['emphasis']}"
        assert not found["icons"], f"{where}: icon short code from data"
        if frame == page.main_frame:
            main_text = found["text"]
    assert not outside, f"{where}: requests left the app: {outside[:5]}"
    return main_text


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_hostile_data_shows_as_text_on_every_page(browser, server, lang, tmp_path):
    url = server["url"]
    with offline_page(browser) as (page, blocked):
        outside: list[str] = []
        page.on(
            "request",
            lambda r: (
                outside.append(r.url) if not r.url.startswith((url, "data:", "blob:")) else None
            ),
        )
        page.on("dialog", lambda d: (outside.append(f"dialog: {d.message}"), d.dismiss()))
        for path in PAGES:
            page.goto(f"{url}/{path}?lang={lang}&as_of=2026-02-01")
            page.wait_for_selector('[data-testid="stApp"]')
            _settle(page)
            if lang == "en":
                for text in (HOSTILE[2], HOSTILE[3], HOSTILE[4]):
                    _search(page, text)
                    if path == "map":
                        _wait_text(page, f"Parcel {text}")
                    if path == "history":
                        _wait_text(page, f"Versions of “{text}”")
                    shown = _check_frames(page, outside, f"{path} ({text})")
                    if path == "map":
                        assert f"Parcel {text}" in shown, shown[:400]
                    if path == "history":
                        assert text in shown, shown[:400]
            if path == "upload":
                upload = tmp_path / "hostile.zip"
                upload.write_bytes(hostile_zip(server["square"]))
                page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(
                    str(upload)
                )
                _wait_text(page, f"{HOSTILE[4]}.geojson")  # the report lists the members
                _settle(page)
                shown = _check_frames(page, outside, "upload report")
                assert f"{HOSTILE[4]}.geojson" in shown, shown[:800]
                assert HOSTILE[5] in shown, shown[:800]
            _check_frames(page, outside, path)
            SHOTS.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(SHOTS / f"hostile_{path}_{lang}.png"), full_page=True)
        assert not blocked

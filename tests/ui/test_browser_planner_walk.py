"""What a planner met in Chromium, walking the pages in Chinese and English (UX pass).

* Switching the language on a page: every choice box and radio follows.
  Streamlit's browser side keeps the label a radio or selectbox showed when
  its value was chosen; without :func:`landinv.ui.context.relabelled` the
  English page went on showing 全区 in "Sub-area", 工业熟地 in "New category",
  and radios with no option marked. The test opens each page in Chinese,
  switches to English in the sidebar, and reads what the widgets show.
* The file uploader, once a file is chosen: its remove and "add files"
  buttons keep their icons (the label meant for the upload button was drawn
  over them, "选择文件" across the file name).
"""

from __future__ import annotations

import pytest

from landinv.services.inventory import open_inventory
from tests.support.browser import need_browser, offline_page, settle, streamlit_server

pytestmark = pytest.mark.browser

#: page -> (Chinese label to wait for, English title, {selectbox label: value shown},
#: radio labels that must keep a choice)
PAGES = {
    "efficiency": ("着色依据", "Per-mu efficiency", {"Sub-area": "Whole zone"}, ["Colour by"]),
    "map": ("缩放到片区", "Parcel map", {"Zoom to zone": "Whole zone"}, []),
    "history": ("调整为", "History and changes", {"New category": "Ready industrial land"}, []),
    "upload": ("图层", "Upload parcels or buildings", {}, ["Layer"]),
    "plan": ("事项", "Planned events", {}, ["Kind"]),
}


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    need_browser()
    folder = tmp_path_factory.mktemp("lang-switch")
    store = folder / "sample.gpkg"
    open_inventory(store).close()  # sample parcels and enterprises, as the app seeds them
    with streamlit_server(folder, store) as url:
        yield url


def _settle(page) -> None:
    settle(page, pause_ms=1000)


@pytest.mark.parametrize("name", list(PAGES))
def test_widgets_follow_a_language_switch(browser, server, name):
    ready, title, boxes, radios = PAGES[name]
    with offline_page(browser) as (page, blocked):
        page.set_viewport_size({"width": 1400, "height": 2400})
        page.goto(f"{server}/{name}?lang=zh")
        page.locator('[data-testid="stMain"]').get_by_text(ready, exact=True).first.wait_for()
        _settle(page)
        page.locator('[data-testid="stSidebar"]').get_by_text("English").click()
        page.get_by_role("heading", name=title).first.wait_for()
        _settle(page)
        main = page.locator('[data-testid="stMain"]')
        for label, shown in boxes.items():
            box = main.locator('[data-testid="stSelectbox"]').filter(has_text=label).first
            value = box.locator("input").input_value()
            assert value == shown, f"{name}: '{label}' shows {value!r} after switching to English"
        for label in radios:
            radio = main.locator('[data-testid="stRadio"]').filter(has_text=label).first
            assert radio.locator("input:checked").count() == 1, f"{name}: '{label}' lost its choice"
    assert not blocked, blocked[:5]


@pytest.mark.parametrize("lang,label", [("zh", "选择文件"), ("en", "Choose files")])
def test_upload_label_only_on_the_upload_button(browser, server, lang, label, tmp_path):
    chosen = tmp_path / "notes.txt"  # refused by the uploader itself: nothing is read
    chosen.write_text("not a parcel file")
    after = "el => getComputedStyle(el, '::after').content"
    with offline_page(browser) as (page, blocked):
        page.goto(f"{server}/upload?lang={lang}")
        zone = page.locator('[data-testid="stFileUploaderDropzone"]')
        button = zone.locator('button[data-testid="stBaseButton-secondary"]')
        button.wait_for()
        assert button.evaluate(after) == f'"{label}"'
        page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(chosen))
        page.locator('[data-testid="stFileChip"]').wait_for()
        for name in ("stFileChipDeleteBtn", "stBaseButton-borderlessIcon"):
            other = zone.locator(f'[data-testid="{name}"]').first
            other = other.locator("button") if name == "stFileChipDeleteBtn" else other
            assert other.evaluate(after) in ("none", "normal"), name
        page.screenshot(path=str(tmp_path / f"upload_chip_{lang}.png"))
    assert not blocked, blocked[:5]

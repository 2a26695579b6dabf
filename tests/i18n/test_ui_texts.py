"""Every label the app shows exists in Chinese and English, with the same placeholders."""

from __future__ import annotations

import re
import string
from pathlib import Path

import pytest

from landinv.i18n import LANGS, MESSAGES, missing_keys, tr

ROOT = Path(__file__).resolve().parents[2]
UI_SOURCES = sorted((ROOT / "landinv" / "ui").glob("*.py")) + [ROOT / "app.py"]
CJK = re.compile(r"[\u4e00-\u9fff]")
#: Keys whose English text names the Chinese too, on purpose.
BILINGUAL_ON_PURPOSE = {
    "sheet.summary",
    "sheet.available",
    "sheet.floors",
    "sheet.timeline",
    "sheet.events",
    "sheet.annual",
    "sheet.metadata",
    "side.lang",
    "err.legacy",
    "lang.en",
    "lang.zh",
}
#: Keys whose Chinese text is a product or format name.
NAMES = {
    "hist.kind_joiner",
    "fmt.gpkg",
    "fmt.geojson",
    "fmt.json",
    "down.fmt_gpkg",
    "down.fmt_geojson",
    "err.legacy",
    "lang.en",
}


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.mark.parametrize("lang", LANGS)
def test_no_key_lacks_a_language(lang):
    assert missing_keys(lang) == []


def test_placeholders_agree_between_languages():
    for key, texts in MESSAGES.items():
        assert _fields(texts["zh"]) == _fields(texts["en"]), key


# The map's tile credit names Tianditu as it asks to be credited (both scripts, both languages);
# OpenStreetMap is a product name in both.
BILINGUAL_ON_PURPOSE |= {"map.attr_tianditu"}
NAMES |= {"map.basemap_osm"}


def test_english_is_english_and_chinese_is_chinese():
    for key, texts in MESSAGES.items():
        if key not in BILINGUAL_ON_PURPOSE:
            assert not CJK.search(texts["en"]), key
        words = re.sub(r"\{[^}]*\}", "", texts["zh"])
        if key not in NAMES and re.search(r"[A-Za-z]", words):
            assert CJK.search(texts["zh"]), key


def test_every_literal_key_used_by_the_ui_exists():
    used = set()
    pattern = re.compile(r"""(?:\.t|\btr)\(\s*["']([a-z_]+\.[a-z0-9_.]+)["']""")
    for source in UI_SOURCES:
        used |= set(pattern.findall(source.read_text(encoding="utf-8")))
    assert used, "the scan found the UI's keys"
    assert sorted(k for k in used if k not in MESSAGES) == []


def test_tr_formats_and_falls_back():
    assert tr("auth.signed_in_as", "en", user="wang") == "Signed in as wang"
    assert tr("auth.signed_in_as", "zh", user="wang") == "已登录：wang"
    assert tr("no.such.key", "en") == "no.such.key"
    assert tr("nav.map", "fr") == MESSAGES["nav.map"]["zh"]

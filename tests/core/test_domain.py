"""Domain vocabulary, units, dates and the config file."""

import datetime as dt

import pytest

from landinv import domain
from landinv.errors import UsageError


def test_mu_is_exactly_ten_thousand_fifteenths_of_a_square_metre():
    assert domain.M2_PER_MU == 10000 / 15
    assert domain.mu_to_m2(15) == pytest.approx(10000, rel=0, abs=1e-9)
    assert domain.m2_to_mu(domain.mu_to_m2(2000)) == pytest.approx(2000, abs=1e-9)
    assert domain.m2_to_ha(10000) == 1


def test_default_config_has_three_zones_and_three_categories():
    cfg = domain.Config()
    assert cfg.zone_codes == ("xindu", "huibu", "jinchuan")
    assert [c.name_zh for c in cfg.categories] == ["工业熟地", "盘活低效用地", "新开发土地"]
    assert cfg.ready_land_floor_mu == 2000
    assert cfg.factory_floor_m2 == 100_000
    assert cfg.annual_targets_mu[2025] == {"revitalised": 410, "new": 400}


@pytest.mark.parametrize(
    "text,code",
    [
        ("xindu", "xindu"),
        ("新都片区", "xindu"),
        ("新都", "xindu"),
        ("Huibu", "huibu"),
        (" 金川片区 ", "jinchuan"),
        ("nowhere", None),
        (None, None),
    ],
)
def test_match_zone_accepts_codes_and_names(text, code):
    assert domain.Config().match_zone(text) == code


@pytest.mark.parametrize(
    "text,code",
    [
        ("工业熟地", "ready"),
        ("Ready industrial land", "ready"),
        ("盘活低效用地", "revitalised"),
        ("新开发土地", "new"),
        ("new", "new"),
        ("耕地", None),
    ],
)
def test_match_category_accepts_chinese_and_english(text, code):
    assert domain.Config().match_category(text) == code


def test_unknown_zone_message_is_bilingual_and_lists_choices():
    with pytest.raises(UsageError) as info:
        domain.Config().zone("moon")
    assert "未知片区" in info.value.zh and "xindu" in info.value.zh
    assert "Unknown zone" in info.value.en and "jinchuan" in info.value.en


def test_parse_date():
    assert domain.parse_date("2025-06-30") == dt.date(2025, 6, 30)
    assert domain.parse_date(dt.date(2025, 1, 1)) == dt.date(2025, 1, 1)
    with pytest.raises(UsageError, match="YYYY-MM-DD"):
        domain.parse_date("2025-13-01")
    with pytest.raises(UsageError):
        domain.parse_date("30/06/2025")


def test_config_file_overrides_floors_and_zones(tmp_path):
    path = tmp_path / "other.toml"
    path.write_text(
        """
[zone]
name_zh = "某开发区"
name_en = "Some Zone"
[[subareas]]
code = "north"
name_zh = "北区"
name_en = "North"
[floors]
ready_land_mu = 500
[targets.2026]
ready = 1800
""",
        encoding="utf-8",
    )
    cfg = domain.load_config(path)
    assert cfg.zone_codes == ("north",)
    assert cfg.ready_land_floor_mu == 500
    assert cfg.factory_floor_m2 == 100_000  # default kept
    assert cfg.annual_targets_mu == {2026: {"ready": 1800}}
    assert cfg.match_zone("北区") == "north"


def test_shipped_config_equals_the_defaults():
    from pathlib import Path

    shipped = Path(__file__).resolve().parents[2] / "landinv.toml"
    assert domain.load_config(shipped) == domain.Config()


def test_bad_config_file_gives_a_clear_error(tmp_path):
    path = tmp_path / "bad.toml"
    path.write_text("[floors\nready_land_mu = ", encoding="utf-8")
    with pytest.raises(UsageError, match="cannot be parsed"):
        domain.load_config(path)
    with pytest.raises(UsageError, match="not found"):
        domain.load_config(tmp_path / "missing.toml")

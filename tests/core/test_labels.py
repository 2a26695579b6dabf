"""Code-to-label lookups of landinv.labels."""

from __future__ import annotations

from landinv.domain import DEFAULT_SCENARIO
from landinv.labels import scenario_label


def test_the_default_scenario_is_named_and_others_keep_their_name():
    assert scenario_label(DEFAULT_SCENARIO, "zh") == "plan（默认方案）"
    assert scenario_label(DEFAULT_SCENARIO, "en") == "plan (default scenario)"
    assert scenario_label("加快供地", "en") == "加快供地"

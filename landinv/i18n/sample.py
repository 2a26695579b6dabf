"""Messages of the sample-data generator (:mod:`landinv.sample`): what to edit when the
story tables or layouts no longer produce the sample the reports expect."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    "sample.err_lot_does_not_fit": {
        "zh": "示例数据：{zone} 片区放不下 {lot}（{mu} 亩）。请在 LAYOUTS 里加大街区或减少地块。",
        "en": "Sample data: lot {lot} ({mu} mu) does not fit in zone {zone}. "
        "Enlarge the blocks in LAYOUTS or shrink the story.",
    },
    "sample.err_invalid_geometry": {
        "zh": "示例数据：生成了无效的几何图形，请检查 LAYOUTS。",
        "en": "Sample data: a generated geometry is invalid; check LAYOUTS.",
    },
    "sample.err_buildings_do_not_fit": {
        "zh": "示例数据：{parcel} 地块放不下 {count} 栋厂房，请加大地块或减少厂房。",
        "en": "Sample data: {count} buildings do not fit on parcel {parcel}; "
        "enlarge the parcel or build fewer.",
    },
    "sample.err_story": {
        "zh": "示例数据的故事表不再符合报告数字：{problems}",
        "en": "The sample story tables no longer match the report: {problems}",
    },
}

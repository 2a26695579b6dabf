"""Input vocabulary of the plan sheet (XLSX): header aliases and event words.

Plain data, read by :mod:`landinv.planning.sheet`. Headers and values are
matched after trimming and lower-casing; English forms are accepted too.
"""

from __future__ import annotations

#: Field -> accepted column headers.
PLAN_HEADERS: dict[str, tuple[str, ...]] = {
    "object_id": ("地块编号", "宗地编号", "编号", "厂房编号", "parcel_id", "parcel", "id"),
    "kind": ("事件", "事项", "计划事项", "类型事件", "event", "kind"),
    "date": ("预计日期", "计划日期", "日期", "预计时间", "date", "expected date"),
    "project": ("项目", "项目名称", "供应项目", "project"),
    "category": ("地类", "类型", "转为类型", "category"),
    "zone": ("片区", "zone"),
    "floor_area_m2": ("建筑面积", "建筑面积(平方米)", "厂房面积", "floor_area_m2", "floor area"),
    "scenario": ("方案", "情景", "scenario"),
    "note": ("备注", "说明", "note"),
    "wkt": ("边界", "边界WKT", "范围WKT", "wkt", "outline"),
}

#: Event word -> (kind, sign): sign -1 marks a demolition (floor area removed).
PLAN_EVENT_WORDS: dict[str, tuple[str, int]] = {
    "供应": ("supply", 1),
    "出让": ("supply", 1),
    "供地": ("supply", 1),
    "supply": ("supply", 1),
    "转为熟地": ("ready", 1),
    "开发完成": ("ready", 1),
    "盘活完成": ("ready", 1),
    "变为熟地": ("ready", 1),
    "ready": ("ready", 1),
    "新增熟地": ("new", 1),
    "新增土地": ("new", 1),
    "new": ("new", 1),
    "厂房竣工": ("building", 1),
    "厂房完工": ("building", 1),
    "竣工": ("building", 1),
    "building": ("building", 1),
    "completed": ("building", 1),
    "厂房拆除": ("building", -1),
    "拆除": ("building", -1),
    "demolished": ("building", -1),
}

#: Date formats accepted in the 预计日期 column when it holds text.
PLAN_DATE_FORMATS: tuple[str, ...] = ("%Y-%m-%d", "%Y/%m/%d", "%Y.%m.%d", "%Y年%m月%d日")

#: Default targets for named target areas (landinv.toml ``[[area_targets]]``):
#: 2026, form 1,800 mu of ready land on the special eco-industry platform.
DEFAULT_AREA_TARGETS: tuple[dict, ...] = (
    {
        "year": 2026,
        "category": "ready",
        "mu": 1800.0,
        "area": "eco_platform",
        "name_zh": "特色生态产业平台",
        "name_en": "Special eco-industry platform",
    },
)

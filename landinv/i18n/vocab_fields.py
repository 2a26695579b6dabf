"""Input vocabulary of uploads: the field names and yes/no words surveyors use.

Plain data, not messages: :mod:`landinv.ingest.fields` matches an upload's
attribute field names against :data:`ALIASES` (per layer, per schema column,
most specific first) and reads ``是/否``-style flags with :data:`TRUE_WORDS` and
:data:`FALSE_WORDS`. Kept here because Chinese literals live in the catalogue.
"""

from __future__ import annotations

ALIASES: dict[str, dict[str, tuple[str, ...]]] = {
    "parcels": {
        "parcel_id": (
            "parcel_id",
            "地块编号",
            "地块编码",
            "地块代码",
            "宗地编号",
            "宗地代码",
            "DKBH",
            "DKBM",
            "DKDM",
            "ZDBH",
            "ZDDM",
            "parcelid",
            "parcel_no",
            "编号",
            "BH",
        ),
        "name": ("name", "地块名称", "宗地名称", "名称", "DKMC", "ZDMC", "MC"),
        "zone": ("zone", "片区", "所属片区", "片区名称", "PQ", "SSPQ", "PQMC"),
        "category": (
            "category",
            "地块类型",
            "土地类型",
            "类型",
            "地类",
            "类别",
            "DKLX",
            "DL",
            "LX",
            "LB",
            "type",
        ),
        "land_use_code": (
            "land_use_code",
            "用地代码",
            "地类编码",
            "用地性质代码",
            "DLBM",
            "YDDM",
            "landuse",
        ),
        "project": ("project", "供应项目", "项目名称", "项目", "XMMC"),
        "declared_area_m2": (
            "declared_area_m2",
            "面积",
            "地块面积",
            "宗地面积",
            "图斑面积",
            "MJ",
            "TBMJ",
            "DKMJ",
            "ZDMJ",
            "area",
            "area_m2",
        ),
        "declared_area_mu": (
            "declared_area_mu",
            "面积亩",
            "亩数",
            "亩",
            "MJMU",
            "MJ_MU",
            "MUS",
            "area_mu",
        ),
    },
    "buildings": {
        "building_id": (
            "building_id",
            "厂房编号",
            "建筑编号",
            "楼栋编号",
            "CFBH",
            "JZBH",
            "LDBH",
            "编号",
            "BH",
        ),
        "parcel_id": ("parcel_id", "所在地块", "地块编号", "宗地编号", "DKBH", "ZDBH"),
        "name": ("name", "厂房名称", "建筑名称", "名称", "CFMC", "JZMC", "MC"),
        "zone": ("zone", "片区", "所属片区", "片区名称", "PQ", "SSPQ", "PQMC"),
        "is_standard_factory": (
            "is_standard_factory",
            "是否标准厂房",
            "标准厂房",
            "SFBZCF",
            "BZCF",
            "standard",
        ),
        "floors": ("floors", "楼层", "层数", "楼层数", "地上层数", "CS", "LC", "DSCS"),
        "declared_footprint_m2": (
            "declared_footprint_m2",
            "footprint_m2",
            "占地面积",
            "基底面积",
            "ZDMJ",
            "JDMJ",
            "footprint",
        ),
        "floor_area_m2": ("floor_area_m2", "建筑面积", "总建筑面积", "JZMJ", "floor_area"),
    },
}

#: Words read as yes / no in a flag field (compared case-folded).
TRUE_WORDS = {"1", "是", "y", "yes", "true", "t", "标准厂房", "标准", "√"}
FALSE_WORDS = {"0", "否", "n", "no", "false", "f", "非标准厂房", "非标准", "×"}

#: A bracketed unit in a field name, dropped before matching (``面积（平方米）`` is ``面积``).
UNIT_PATTERN = r"[（(\[【].*?[）)\]】]"
#: Separators dropped before matching field names (spaces, underscores, full-width colon ...).
PUNCT_PATTERN = r"[\s_\-./:：]"
#: Thousands separators removed before reading a number from text (``1,234.5㎡``).
THOUSANDS_SEPARATORS = (",", "，")
#: Separators between field names typed in one box (the first is canonical).
LIST_SEPARATORS = (",", "，", "、", ";", "；")

"""Input vocabulary of enterprise files: header aliases, units and value words.

Plain data read by :mod:`landinv.efficiency.reading`. Headers are matched after
removing the unit part (``税收(万元)`` → ``税收``) and spaces, case-insensitively.
"""

from __future__ import annotations

#: Field -> header aliases (Chinese as departments write them, and English).
FIELD_ALIASES: dict[str, tuple[str, ...]] = {
    "credit_code": (
        "统一社会信用代码",
        "社会信用代码",
        "信用代码",
        "统一代码",
        "纳税人识别号",
        "credit_code",
        "creditcode",
        "uscc",
    ),
    "name": (
        "企业名称",
        "单位名称",
        "纳税人名称",
        "企业",
        "单位详细名称",
        "name",
        "enterprise",
        "enterprise_name",
    ),
    "industry_code": (
        "行业代码",
        "国民经济行业代码",
        "国民经济行业分类代码",
        "行业",
        "industry_code",
        "industry",
    ),
    "scale": ("规模", "企业规模", "是否规上", "是否规上企业", "规上规下", "scale"),
    "state": ("状态", "生产状态", "经营状态", "企业状态", "state"),
    "parcel_id": ("地块编号", "宗地编号", "用地地块", "地块", "parcel_id", "parcel"),
    "building_id": ("厂房编号", "租用厂房", "建筑编号", "租用厂房编号", "building_id", "building"),
    "rented_m2": (
        "租用面积",
        "租赁面积",
        "租用建筑面积",
        "租用厂房面积",
        "rented_m2",
        "rented_area",
        "rented",
    ),
    "tax": (
        "税收",
        "实缴税金",
        "实缴税收",
        "税收实际贡献",
        "入库税金",
        "实缴税金总额",
        "税收总额",
        "tax",
    ),
    "revenue": ("营业收入", "主营业务收入", "销售收入", "营收", "revenue"),
    "value_added": ("工业增加值", "增加值", "value_added"),
    "energy_tce": ("综合能耗", "能耗", "综合能源消费量", "总能耗", "energy", "energy_tce"),
    "electricity_kwh": (
        "用电量",
        "总用电量",
        "电量",
        "工业用电量",
        "electricity",
        "electricity_kwh",
    ),
    "emissions_t": (
        "主要污染物排放量",
        "污染物排放量",
        "排放量",
        "主要污染物排放",
        "emissions",
        "emissions_t",
    ),
    "employees": (
        "年平均职工人数",
        "职工人数",
        "年平均从业人员",
        "从业人员",
        "从业人数",
        "employees",
    ),
    "rd": ("研发经费", "研发费用", "研发经费支出", "R&D经费", "研究与试验发展经费", "rd", "r&d"),
}

#: Unit words in headers -> (dimension, factor to the stored unit).
#: Stored units: money 万元 (10k yuan), energy tce, electricity kWh,
#: emissions t, people, floor area m².
UNITS: dict[str, tuple[str, float]] = {
    "万元": ("money", 1.0),
    "元": ("money", 1e-4),
    "千元": ("money", 0.1),
    "亿元": ("money", 1e4),
    "10kyuan": ("money", 1.0),
    "yuan": ("money", 1e-4),
    "cny": ("money", 1e-4),
    "10kcny": ("money", 1.0),
    "吨标准煤": ("energy", 1.0),
    "吨标煤": ("energy", 1.0),
    "tce": ("energy", 1.0),
    "万吨标准煤": ("energy", 1e4),
    "千克标准煤": ("energy", 1e-3),
    "kgce": ("energy", 1e-3),
    "千瓦时": ("electricity", 1.0),
    "度": ("electricity", 1.0),
    "kwh": ("electricity", 1.0),
    "万千瓦时": ("electricity", 1e4),
    "万度": ("electricity", 1e4),
    "mwh": ("electricity", 1e3),
    "吨": ("mass", 1.0),
    "t": ("mass", 1.0),
    "千克": ("mass", 1e-3),
    "公斤": ("mass", 1e-3),
    "kg": ("mass", 1e-3),
    "人": ("people", 1.0),
    "persons": ("people", 1.0),
    "person": ("people", 1.0),
    "平方米": ("area", 1.0),
    "m2": ("area", 1.0),
    "m²": ("area", 1.0),
    "㎡": ("area", 1.0),
}

#: Dimension of each numeric field and its unit when the header names none.
FIELD_DIMENSION: dict[str, tuple[str, str]] = {
    "tax": ("money", "万元"),
    "revenue": ("money", "万元"),
    "value_added": ("money", "万元"),
    "rd": ("money", "万元"),
    "energy_tce": ("energy", "吨标准煤"),
    "electricity_kwh": ("electricity", "千瓦时"),
    "emissions_t": ("mass", "吨"),
    "employees": ("people", "人"),
    "rented_m2": ("area", "平方米"),
}

#: Words for the scale column -> 'above' / 'below'.
SCALE_WORDS: dict[str, str] = {
    "规上": "above",
    "规模以上": "above",
    "规上企业": "above",
    "规上工业": "above",
    "是": "above",
    "above": "above",
    "abovescale": "above",
    "above-scale": "above",
    "y": "above",
    "yes": "above",
    "规下": "below",
    "规模以下": "below",
    "规下企业": "below",
    "规下工业": "below",
    "否": "below",
    "below": "below",
    "belowscale": "below",
    "below-scale": "below",
    "n": "below",
    "no": "below",
}

#: Words for the state column -> 'producing' / 'building' / 'stopped'.
STATE_WORDS: dict[str, str] = {
    "在产": "producing",
    "生产": "producing",
    "正常生产": "producing",
    "投产": "producing",
    "已投产": "producing",
    "正常": "producing",
    "producing": "producing",
    "在建": "building",
    "建设中": "building",
    "未投产": "building",
    "筹建": "building",
    "building": "building",
    "停产": "stopped",
    "关停": "stopped",
    "停业": "stopped",
    "歇业": "stopped",
    "半停产": "stopped",
    "stopped": "stopped",
}

#: Separators between several parcel or building IDs in one cell.
LIST_SEPARATORS = ("；", ";", "，", ",", "、", "/", "\n")

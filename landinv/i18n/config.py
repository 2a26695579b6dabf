"""Texts and vocabulary of the domain core and ``landinv.toml``: zones, categories, dates, config.

Besides ``MESSAGES`` this module holds plain data the core reads: the built-in
(Changshan) zone and category names and the category aliases planners type.
"""

from __future__ import annotations

#: The development zone's name, Chinese and English (built-in default).
DEFAULT_ZONE_NAME = ("常山经济开发区", "Changshan Economic Development Zone")
#: Built-in sub-areas: (code, Chinese name, English name).
DEFAULT_SUBAREAS = (
    ("xindu", "新都片区", "Xindu"),
    ("huibu", "辉埠片区", "Huibu"),
    ("jinchuan", "金川片区", "Jinchuan"),
)
#: Built-in categories: (code, Chinese name, English name, map colour).
DEFAULT_CATEGORIES = (
    ("ready", "工业熟地", "Ready industrial land", "#2e7d32"),
    ("revitalised", "盘活低效用地", "Revitalised low-efficiency land", "#f9a825"),
    ("new", "新开发土地", "Newly developed land", "#1565c0"),
)
#: Suffix of sub-area names that planners often leave out ("新都" for "新都片区").
SUBAREA_SUFFIX = "片区"
#: Other words planners use for the categories (lower-case) -> category code.
CATEGORY_ALIASES = {
    "熟地": "ready",
    "工业熟地": "ready",
    "ready land": "ready",
    "ready": "ready",
    "低效用地": "revitalised",
    "盘活": "revitalised",
    "盘活低效": "revitalised",
    "revitalized": "revitalised",
    "revitalised land": "revitalised",
    "新开发": "new",
    "新增": "new",
    "new land": "new",
    "newly developed": "new",
}

MESSAGES: dict[str, dict[str, str]] = {
    "status.available": {"zh": "可供应", "en": "Available"},
    "status.supplied": {"zh": "已供应", "en": "Supplied"},
    "config.unknown_zone": {
        "zh": "未知片区 “{value}”。可选：{known}",
        "en": "Unknown zone '{value}'. Choose one of: {known}",
    },
    "config.unknown_category": {
        "zh": "未知地块类型 “{value}”。可选：{known}",
        "en": "Unknown category '{value}'. Choose one of: {known}",
    },
    "config.date_missing": {"zh": "缺少日期。", "en": "A date is required."},
    "config.date_format": {
        "zh": "日期格式不对：“{value}”。请写成 年-月-日，例如 2025-06-30。",
        "en": "Malformed date '{value}'. Write it as YYYY-MM-DD, e.g. 2025-06-30.",
    },
    "config.file_not_found": {
        "zh": "找不到配置文件：{path}",
        "en": "Config file not found: {path}",
    },
    "config.parse_error": {
        "zh": "配置文件 {path} 无法解析：{detail}",
        "en": "Config file {path} cannot be parsed: {detail}",
    },
    "config.unknown_keys": {
        "zh": "配置文件 {file} 的 {section} 中有未知项：{keys}。可用：{known}",
        "en": "Unknown keys in {section} of {file}: {keys}. Known: {known}",
    },
    "config.bad_number": {
        "zh": "配置文件 {file} 中 {key} 的值 {value} 不是正数。请写一个大于 0 的数，例如 {example}"
        "。",
        "en": "In {file}, {key} = {value} is not a positive number. Write a number above 0, "
        "e.g. {example}.",
    },
    "config.missing_key": {
        "zh": "配置文件 {file} 中 {key} 缺失或为空。请补上（文字，用引号括起）。",
        "en": "In {file}, {key} is missing or empty. Add it (text, in quotes).",
    },
    "config.bad_text": {
        "zh": "配置文件 {file} 中 {key} 的值 {value} 不是文字。请用引号括起。",
        "en": "In {file}, {key} = {value} is not text. Put it in quotes.",
    },
    "config.bad_table": {
        "zh": "配置文件 {file} 中 {key} 的写法不对：应为 {expected}。",
        "en": "In {file}, {key} is written the wrong way: it should be {expected}.",
    },
    "config.duplicate_code": {
        "zh": "配置文件 {file} 中 {key} 的代码 “{value}” 重复。每个代码只能出现一次。",
        "en": "In {file}, the code '{value}' appears twice in {key}. Each code must be unique.",
    },
    "config.need_ready": {
        "zh": '配置文件 {file} 里必须有代码为 ready 的工业熟地类型（[[categories]] code = "ready"'
        "）。",
        "en": "{file} must keep a category with code 'ready' ([[categories]] code = \"ready\").",
    },
}

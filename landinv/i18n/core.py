"""Texts of errors and notices raised below the user interfaces (domain, store, services)."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    # The name of each language, written in that language (the language switch).
    "lang.zh": {"zh": "中文", "en": "中文"},
    "lang.en": {"zh": "English", "en": "English"},
    "err.legacy": {"zh": "{text}", "en": "{text}"},
}

MESSAGES.update(
    {
        "err.file_not_found": {"zh": "找不到文件：{path}", "en": "File not found: {path}"},
        "err.backup_not_found": {
            "zh": "找不到备份文件：{path}",
            "en": "Backup file not found: {path}",
        },
        "err.supply_needs_project": {
            "zh": "请填写供应给哪个项目。",
            "en": "Say which project the parcel is supplied to.",
        },
        "err.category_required": {"zh": "请指定新的地块类型。", "en": "Give the new category."},
        "err.xlsx_needs_out": {
            "zh": "xlsx 格式需要 --out 指定输出文件。",
            "en": "--format xlsx needs --out PATH.",
        },
        "err.sample_parent": {
            "zh": "输出文件夹的上级不存在：{path}",
            "en": "The parent of the output folder does not exist: {path}",
        },
        "err.no_parcel": {"zh": "没有地块 “{parcel}”。", "en": "No parcel '{parcel}'."},
        "err.assets_missing": {
            "zh": "地图组件（Leaflet）没有安装在 {path}。请在项目目录运行 bash scripts/assets.sh"
            "（需要 npm），然后刷新页面。",
            "en": "The map assets (Leaflet) are not installed in {path}. Run "
            "bash scripts/assets.sh in the project folder (needs npm), then reload the page.",
        },
        "hist.action.import": {"zh": "导入", "en": "Import"},
        "hist.action.seed": {"zh": "载入示例数据", "en": "Sample data loaded"},
        "hist.action.undo": {"zh": "撤销导入", "en": "Undo import"},
        "hist.action.supply": {"zh": "供应项目", "en": "Supplied"},
        "hist.action.reclassify": {"zh": "调整类型", "en": "Reclassified"},
        "hist.kind_joiner": {"zh": "、", "en": " + "},
        "hist.kind.parcels": {"zh": "地块", "en": "Parcels"},
        "hist.kind.buildings": {"zh": "厂房", "en": "Buildings"},
    }
)

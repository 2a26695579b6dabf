"""Texts of errors and notices raised below the user interfaces (domain, store, services)."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    # The name of each language, written in that language (the language switch).
    "lang.zh": {"zh": "中文", "en": "中文"},
    "lang.en": {"zh": "English", "en": "English"},
    "err.legacy": {"zh": "{text}", "en": "{text}"},
}

MESSAGES.update({
    "err.file_not_found": {"zh": "找不到文件：{path}", "en": "File not found: {path}"},
    "err.backup_not_found": {"zh": "找不到备份文件：{path}", "en": "Backup file not found: {path}"},
    "err.supply_needs_project": {"zh": "请填写供应给哪个项目。",
                                 "en": "Say which project the parcel is supplied to."},
    "err.category_required": {"zh": "请指定新的地块类型。", "en": "Give the new category."},
    "err.xlsx_needs_out": {"zh": "xlsx 格式需要 --out 指定输出文件。",
                           "en": "--format xlsx needs --out PATH."},
    "err.sample_parent": {"zh": "输出文件夹的上级不存在：{path}",
                          "en": "The parent of the output folder does not exist: {path}"},
    "err.no_parcel": {"zh": "没有地块 “{parcel}”。", "en": "No parcel '{parcel}'."},
})

"""Texts the ``landinv`` command prints (its errors come from the other catalogue modules)."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    "cli.description": {"zh": "工业用地与标准厂房台账", "en": "Land and factory-space inventory"},
    "cli.usage_error": {
        "zh": "参数错误：{message}。用 `{prog} --help` 查看用法。",
        "en": "Usage error: {message}. See `{prog} --help`.",
    },
    "cli.error_prefix": {"zh": "错误：", "en": "Error:"},
    "cli.interrupted": {"zh": "已中断", "en": "Interrupted"},
    "cli.internal_error": {
        "zh": "内部错误：{detail}。台账未被修改；设置 LANDINV_DEBUG=1 可看详细信息，请报告此问题。",
        "en": "Internal error: {detail}. The inventory was not changed; set LANDINV_DEBUG=1 "
        "for details and please report it.",
    },
    "cli.status_available": {"zh": "在库（可供应）地块", "en": "Parcels in stock (available)"},
    "cli.status_supplied": {"zh": "已供应地块", "en": "Parcels supplied to projects"},
    "cli.status_all": {"zh": "全部地块（含已供应）", "en": "All parcels (including supplied)"},
    "cli.holds": {"zh": "达标", "en": "holds"},
    "cli.breached": {"zh": "未达标", "en": "BREACHED"},
    "cli.as_of": {"zh": "截至 {date}", "en": "as of {date}"},
    "cli.exported": {"zh": "已导出 {n} 条 → {path}", "en": "{n} rows → {path}"},
    "cli.imported": {"zh": "已导入，批次 {import_id}", "en": "Imported as {import_id}"},
    "cli.dry_run_ok": {
        "zh": "试运行：可以导入，未写入。",
        "en": "Dry run: would import; nothing stored.",
    },
    "cli.undone": {
        "zh": "已撤销 {import_id}，关闭 {n} 条记录",
        "en": "Undone {import_id}: {n} rows closed",
    },
    "cli.supplied": {
        "zh": "已记录：{parcel} 供应给 {project}",
        "en": "Recorded: {parcel} supplied to {project}",
    },
    "cli.reclassified": {
        "zh": "已记录：{parcel} 转为{name}",
        "en": "Recorded: {parcel} is now {name}",
    },
    "cli.backup_written": {"zh": "备份已写入：{path}", "en": "Backup written: {path}"},
    "cli.restored": {"zh": "已恢复到：{location}", "en": "Restored into: {location}"},
}

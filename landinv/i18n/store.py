"""Texts of the inventory store (landinv/store/): its errors and its table descriptions.

Every error says what is wrong and what to do. Driver errors (SQLite,
PostgreSQL) are translated into these codes by the store itself, so the CLI and
the app show the same words for the same failure.
"""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    # -- table descriptions (gpkg_contents, PostgreSQL COMMENT ON TABLE) -------------
    "store.table.parcels": {"zh": "地块（全部版本）", "en": "Land parcels, every version"},
    "store.table.buildings": {"zh": "标准厂房等建筑（全部版本）", "en": "Buildings, every version"},
    "store.table.zones": {"zh": "片区边界", "en": "Sub-area boundaries"},
    "store.table.imports": {"zh": "导入记录", "en": "Import log"},
    "store.table.changes": {"zh": "变更记录", "en": "Change log"},
    "store.table.landinv_meta": {
        "zh": "landinv 元数据（schema_version）",
        "en": "landinv metadata (schema_version)",
    },
    # -- any backend -------------------------------------------------------------------
    "store.schema_newer": {
        "zh": "库的结构版本 {version} 比本程序（{supported}）新，请升级 landinv。",
        "en": "The store's schema version {version} is newer than this landinv "
        "({supported}); upgrade landinv.",
    },
    "store.no_upgrade_step": {
        "zh": "缺少从结构版本 {old} 升级到 {new} 的步骤，请安装完整的 landinv。",
        "en": "No upgrade step from schema version {old} to {new}; install a complete "
        "landinv release.",
    },
    "store.write_conflict": {
        "zh": "写入被拒绝：与库中已有的数据冲突（{detail}）。请刷新后重试。",
        "en": "The write was refused: it conflicts with what is stored ({detail}). "
        "Reload and try again.",
    },
    "store.corrupt_geometry": {
        "zh": "GeoPackage 几何数据损坏。请从备份恢复（landinv restore）。",
        "en": "Corrupt GeoPackage geometry blob. Restore from a backup (landinv restore).",
    },
    "store.unknown_layer": {
        "zh": "未知图层 “{kind}”，应为 parcels 或 buildings。",
        "en": "Unknown layer '{kind}': use parcels or buildings.",
    },
    "store.no_features": {
        "zh": "文件里没有可导入的要素。",
        "en": "The file has no features to import.",
    },
    "store.duplicate_ids_in_file": {
        "zh": "文件内编号重复：{ids}。请改正编号后重新上传。",
        "en": "Duplicate IDs within the file: {ids}. Fix the IDs and upload again.",
    },
    "store.duplicate_file": {
        "zh": "该文件已导入过（批次 {import_id}），不会重复导入。如需替换，请先撤销该批次。",
        "en": "This file was already imported (import {import_id}); it is not imported "
        "twice. Undo that import first to replace it.",
    },
    "store.ids_exist": {
        "zh": "以下编号在库中已存在：{ids}。请使用新编号，或先撤销原导入。",
        "en": "These IDs already exist in the inventory: {ids}. Use new IDs or undo the "
        "earlier import first.",
    },
    "store.no_import": {
        "zh": "没有导入批次 “{import_id}”。用 landinv history 查看批次编号。",
        "en": "No import '{import_id}'. See `landinv history` for IDs.",
    },
    "store.already_undone": {
        "zh": "导入批次 {import_id} 已于 {when} 撤销。",
        "en": "Import {import_id} was already undone at {when}.",
    },
    "store.no_current_row": {
        "zh": "库中没有现行的编号 “{object_id}”。",
        "en": "No current row with ID '{object_id}' in the inventory.",
    },
    "store.date_before_current": {
        "zh": "日期 {date} 早于该地块当前记录的生效日期 {start}。",
        "en": "Date {date} is before the current record's start {start}.",
    },
    "store.project_needed": {
        "zh": "请填写供应的项目名称。",
        "en": "Give the name of the project supplied.",
    },
    "store.already_supplied": {
        "zh": "地块 {parcel_id} 已供应给 {project}。",
        "en": "Parcel {parcel_id} is already supplied to {project}.",
    },
    "store.same_category": {
        "zh": "地块 {parcel_id} 已经是该类型（{category}）。",
        "en": "Parcel {parcel_id} already has category '{category}'.",
    },
    "store.not_empty": {
        "zh": "目标库不是空的，不能在其上载入备份。请换一个新的库路径。",
        "en": "The target store is not empty; load the snapshot into a new store.",
    },
    "store.failed": {
        "zh": "库读写失败：{detail}",
        "en": "The store could not be read or written: {detail}",
    },
    # -- GeoPackage ----------------------------------------------------------------------
    "store.gpkg_suffix": {
        "zh": "库文件应以 .gpkg 结尾：{path}",
        "en": "A GeoPackage store path must end in .gpkg: {path}",
    },
    "store.gpkg_no_folder": {
        "zh": "库文件所在文件夹不存在：{folder}。请先创建文件夹，或换一个路径。",
        "en": "The folder of the store does not exist: {folder}. Create it first or choose "
        "another path.",
    },
    "store.gpkg_not_sqlite": {
        "zh": "{path} 不是 GeoPackage 文件。",
        "en": "{path} is not a GeoPackage file.",
    },
    "store.gpkg_foreign": {
        "zh": "{path} 是其他程序的 GeoPackage，不是 landinv 库；landinv 不会往里写表。"
        "请为库另选一个新路径（不存在的 .gpkg 文件），再用 landinv import 导入该文件。",
        "en": "{path} is another program's GeoPackage, not a landinv store; landinv will not "
        "write its tables into it. Choose a new path for the store (a .gpkg that does "
        "not exist yet) and import that file with landinv import.",
    },
    "store.gpkg_missing": {
        "zh": "库文件 {path} 已不存在（被删除或移走）。请把它放回原处或从备份恢复"
        "（landinv restore），然后重新打开。",
        "en": "The store file {path} is gone (deleted or moved). Put it back or restore a "
        "backup (landinv restore), then open it again.",
    },
    "store.gpkg_cannot_open": {
        "zh": "无法打开库文件 {path}（{detail}）。请检查文件权限。",
        "en": "Cannot open the store file {path} ({detail}). Check the file's permissions.",
    },
    "store.gpkg_locked": {
        "zh": "库文件 {path} 被另一个程序锁定，等待超过 {seconds} 秒。请关闭正在写入它的程序"
        "（如 QGIS 的编辑会话）后重试。",
        "en": "The store file {path} is locked by another program; waited over {seconds} s. "
        "Close the program writing to it (e.g. a QGIS editing session) and try again.",
    },
    "store.gpkg_not_landinv": {
        "zh": "库文件 {path} 已被替换，不再是 landinv 库（{detail}）。请放回原文件或从备份恢复。",
        "en": "The store file {path} was replaced and is no longer a landinv store "
        "({detail}). Put the original back or restore a backup.",
    },
    "store.gpkg_read_only": {
        "zh": "库文件 {path} 只读，无法写入。请检查文件和文件夹的写权限。",
        "en": "The store file {path} is read-only. Check write permission on the file and "
        "its folder.",
    },
    "store.gpkg_io": {
        "zh": "读写库文件 {path} 时出现磁盘错误（{detail}）。请检查磁盘或网络盘。",
        "en": "Disk error on the store file {path} ({detail}). Check the disk or network share.",
    },
    "store.gpkg_full": {
        "zh": "磁盘已满，库文件 {path} 无法写入。请腾出空间后重试；库内容未改变。",
        "en": "The disk is full; the store file {path} cannot be written. Free some space "
        "and try again; the store is unchanged.",
    },
    "store.gpkg_corrupt": {
        "zh": "库文件 {path} 已损坏（{detail}）。请从备份恢复（landinv restore）。",
        "en": "The store file {path} is damaged ({detail}). Restore a backup (landinv restore).",
    },
    "store.gpkg_failed": {
        "zh": "GeoPackage 库 {path} 读写失败：{detail}",
        "en": "The GeoPackage store {path} could not be read or written: {detail}",
    },
    # -- PostGIS ---------------------------------------------------------------------------
    "store.pg_not_url": {
        "zh": "不是 PostgreSQL 地址：{location}。格式：postgresql://用户@主机:端口/数据库",
        "en": "Not a PostgreSQL URL: {location}. Use postgresql://user@host:port/database",
    },
    "store.pg_bad_url": {
        "zh": "PostgreSQL 地址格式不对：{location}",
        "en": "Malformed PostgreSQL URL: {location}",
    },
    "store.pg_bad_schema": {
        "zh": "模式名 {schema} 不可用：只能用小写字母、数字和下划线，且不以数字开头。",
        "en": "Schema name {schema} is not usable: use lower-case letters, digits and "
        "underscores, not starting with a digit.",
    },
    "store.pg_no_database": {
        "zh": "地址里缺少数据库名：{location}",
        "en": "The URL names no database: {location}",
    },
    "store.pg_no_postgis": {
        "zh": "数据库 {database} 没有安装 PostGIS 扩展，当前用户也无权安装。"
        "请数据库管理员执行：CREATE EXTENSION postgis;",
        "en": "Database {database} has no PostGIS extension and this user may not create "
        "it. Ask the database administrator to run: CREATE EXTENSION postgis;",
    },
    "store.pg_no_schema_privilege": {
        "zh": "无权在数据库 {database} 中创建模式 {schema}。请管理员执行："
        "CREATE SCHEMA {schema} AUTHORIZATION {user};",
        "en": "No privilege to create schema {schema} in database {database}. Ask the "
        "administrator to run: CREATE SCHEMA {schema} AUTHORIZATION {user};",
    },
    "store.pg_lock_timeout": {
        "zh": "另一位用户正在写入，等待超过 {seconds} 秒。请稍后重试。",
        "en": "Another user has been writing for over {seconds} s. Try again later.",
    },
    "store.pg_unreachable": {
        "zh": "无法连接 PostgreSQL（{where}）：{detail}。"
        "请检查服务器是否运行、地址、用户名和密码。",
        "en": "Cannot connect to PostgreSQL at {where}: {detail}. Check that the server is "
        "running and the URL, user name and password are right.",
    },
    "store.pg_connection_lost": {
        "zh": "与 PostgreSQL（{where}）的连接中断：{detail}。正在进行的写入已整体撤回，库未改变。"
        "请确认服务器在运行后重试。",
        "en": "The connection to PostgreSQL at {where} was lost: {detail}. The write in "
        "progress was rolled back whole; the store is unchanged. Check that the server "
        "is running and try again.",
    },
    "store.pg_privilege": {
        "zh": "数据库用户权限不足（{detail}）。所需权限见 docs/postgis.md。",
        "en": "The database user lacks a privilege ({detail}). See docs/postgis.md for the "
        "privileges landinv needs.",
    },
    "store.pg_failed": {
        "zh": "PostgreSQL 库（{where}）读写失败：{detail}",
        "en": "The PostgreSQL store at {where} could not be read or written: {detail}",
    },
    # -- backups ------------------------------------------------------------------------------
    "store.backup_suffix": {
        "zh": "备份文件名应以 .gpkg 结尾：{path}",
        "en": "The backup file name must end in .gpkg: {path}",
    },
    "store.backup_no_folder": {
        "zh": "备份文件夹不存在：{folder}。请先创建它。",
        "en": "The backup folder does not exist: {folder}. Create it first.",
    },
    "store.backup_exists": {
        "zh": "文件已存在：{path}。请换一个文件名，或删除旧文件后重试。",
        "en": "The file already exists: {path}. Choose another name or remove the old file first.",
    },
    "store.backup_missing": {"zh": "找不到备份文件：{path}", "en": "Backup file not found: {path}"},
    "store.backup_not_gpkg": {
        "zh": "{path} 不是 GeoPackage 文件，无法恢复。",
        "en": "{path} is not a GeoPackage file; it cannot be restored.",
    },
    "store.backup_not_landinv": {
        "zh": "{path} 不是 landinv 备份（由 landinv backup 生成）。",
        "en": "{path} is not a landinv backup (made by `landinv backup`).",
    },
    "store.backup_format": {
        "zh": "备份格式 {found} 不受支持（本程序读取 {supported}）。",
        "en": "Backup format {found} is not supported (this landinv reads {supported}).",
    },
    "store.backup_incomplete": {
        "zh": "备份不完整，缺少图层：{layers}",
        "en": "The backup is incomplete; layers missing: {layers}",
    },
    "store.backup_damaged": {
        "zh": "备份损坏：{layer} 应有 {expected} 行，实际 {found} 行。",
        "en": "The backup is damaged: {layer} should have {expected} rows, has {found}.",
    },
    "store.restore_counts": {
        "zh": "恢复后行数不符：{counts}",
        "en": "Row counts differ after restore: {counts}",
    },
}

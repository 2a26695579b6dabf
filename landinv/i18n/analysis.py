"""Texts of the analysis: floor names, event kinds and descriptions, table row labels,
and the bilingual headers of every column the reports and exports write."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    # -- the two floors -----------------------------------------------------------
    "floor.ready_land": {"zh": "工业熟地保有量", "en": "Ready industrial land in stock"},
    "floor.factory_floor_space": {
        "zh": "标准厂房保有量",
        "en": "Standard factory floor space in stock",
    },
    # -- event kinds ------------------------------------------------------------------
    "event.added": {"zh": "新增熟地", "en": "Ready land added"},
    "event.became_ready": {"zh": "转为熟地", "en": "Became ready land"},
    "event.supplied": {"zh": "供应项目", "en": "Supplied to a project"},
    "event.returned": {"zh": "收回入库", "en": "Returned to stock"},
    "event.reclassified": {"zh": "调出熟地", "en": "No longer ready land"},
    "event.area_changed": {"zh": "面积变更", "en": "Area changed"},
    "event.removed": {"zh": "移出台账", "en": "Removed from the inventory"},
    "event.building_completed": {"zh": "厂房入库", "en": "Building completed"},
    "event.building_changed": {"zh": "厂房变更", "en": "Building changed"},
    "event.building_removed": {"zh": "厂房移出", "en": "Building removed"},
    # -- event descriptions (one line each: what happened, then the amount) -----------
    "event.who": {"zh": "{name}（{id}）", "en": "{name} ({id})"},
    "event.amount_mu": {"zh": "{delta:+,.2f} 亩", "en": "{delta:+,.2f} mu"},
    "event.amount_m2": {"zh": "{delta:+,.2f} 平方米", "en": "{delta:+,.2f} m²"},
    "event.line": {"zh": "{text}，{amount}", "en": "{text}, {amount}"},
    "event.desc.added": {"zh": "新增工业熟地 {who}", "en": "Ready land added: {who}"},
    "event.desc.became_ready": {
        "zh": "{who} 由{was}转为工业熟地",
        "en": "{who} became ready land (was {was})",
    },
    "event.desc.supplied": {"zh": "{who} 供应给 {project}", "en": "{who} supplied to {project}"},
    "event.desc.returned": {"zh": "{who} 收回，重新可供应", "en": "{who} returned to stock"},
    "event.desc.reclassified": {"zh": "{who} 调整为{now}", "en": "{who} reclassified as {now}"},
    "event.desc.area_changed": {"zh": "{who} 面积变更", "en": "{who} area changed"},
    "event.desc.removed": {
        "zh": "{who} 移出台账（如撤销导入）",
        "en": "{who} removed from the inventory (e.g. an undone import)",
    },
    "event.desc.building_completed": {
        "zh": "标准厂房 {who} 入库",
        "en": "Standard factory {who} added",
    },
    "event.desc.building_removed": {
        "zh": "标准厂房 {who} 移出台账",
        "en": "Standard factory {who} removed from the inventory",
    },
    "event.desc.building_unmarked": {
        "zh": "厂房 {who} 不再计为标准厂房",
        "en": "Building {who} no longer counts as a standard factory",
    },
    "event.desc.building_marked": {
        "zh": "厂房 {who} 认定为标准厂房",
        "en": "Building {who} now counts as a standard factory",
    },
    "event.desc.building_area": {
        "zh": "标准厂房 {who} 建筑面积变更",
        "en": "Standard factory {who}: floor area changed",
    },
    # -- row labels of the zone x category table ------------------------------------
    "row.zone_subtotal": {"zh": "小计", "en": "Subtotal"},
    "row.category_total": {"zh": "全区", "en": "All zones"},
    "row.grand_total": {"zh": "合计", "en": "Total"},
    "row.unspecified": {"zh": "未指定", "en": "Unspecified"},
    # -- errors -------------------------------------------------------------------------
    "err.unknown_status": {
        "zh": "未知状态 “{status}”。可选：{known}",
        "en": "Unknown status '{status}'. Choose one of: {known}",
    },
    "err.history_columns": {
        "zh": "{kind} 历史记录缺少字段：{columns}。请检查台账数据库是否完整。",
        "en": "The {kind} history lacks columns: {columns}. Check the store.",
    },
    "err.history_date": {
        "zh": "{kind} 的 {column} 中有无法识别的日期：{detail}。请修正台账数据。",
        "en": "Unreadable date in {kind}.{column}: {detail}. Fix the stored rows.",
    },
    "err.history_no_start": {
        "zh": "{kind} 中有 {count} 行没有生效日期。请修正台账数据。",
        "en": "{count} {kind} rows have no valid_from. Fix the stored rows.",
    },
    "err.span_order": {
        "zh": "起始日期 {start} 晚于结束日期 {end}。请调换两者。",
        "en": "Start date {start} is after end date {end}. Swap them.",
    },
    # -- headers of the columns the reports add (stored columns: col.* in schema texts)
    "col.row_type": {"zh": "行类型", "en": "Row type"},
    "col.zone_code": {"zh": "片区代码", "en": "Zone code"},
    "col.category_code": {"zh": "类型代码", "en": "Category code"},
    "col.count": {"zh": "宗数", "en": "Count"},
    "col.date": {"zh": "日期", "en": "Date"},
    "col.ready_land_mu": {"zh": "工业熟地(亩)", "en": "Ready land (mu)"},
    "col.ready_land_floor_mu": {"zh": "熟地底线(亩)", "en": "Ready land floor (mu)"},
    "col.ready_land_min_mu": {"zh": "期间最低熟地(亩)", "en": "Lowest ready land in period (mu)"},
    "col.factory_floor_area_m2": {
        "zh": "标准厂房面积(平方米)",
        "en": "Standard factory floor space (m²)",
    },
    "col.factory_floor_m2": {"zh": "厂房底线(平方米)", "en": "Factory floor (m²)"},
    "col.factory_floor_area_min_m2": {
        "zh": "期间最低厂房面积(平方米)",
        "en": "Lowest factory floor space in period (m²)",
    },
    "col.ready_ok": {"zh": "熟地达标", "en": "Ready land holds"},
    "col.factory_ok": {"zh": "厂房达标", "en": "Factory space holds"},
    "col.stock": {"zh": "存量", "en": "Stock"},
    "col.kind": {"zh": "变动类型", "en": "Event"},
    "col.object_id": {"zh": "编号", "en": "ID"},
    "col.delta_mu": {"zh": "变动(亩)", "en": "Change (mu)"},
    "col.delta_m2": {"zh": "变动(平方米)", "en": "Change (m²)"},
    "col.stock_after": {"zh": "变动后存量", "en": "Stock after"},
    "col.unit": {"zh": "单位", "en": "Unit"},
    "col.description_zh": {"zh": "说明(中文)", "en": "Description (Chinese)"},
    "col.description_en": {"zh": "说明(英文)", "en": "Description (English)"},
    "col.category_zh": {"zh": "类型(中文)", "en": "Category (Chinese)"},
    "col.category_en": {"zh": "类型(英文)", "en": "Category (English)"},
    "col.target_mu": {"zh": "年度目标(亩)", "en": "Target (mu)"},
    "col.ratio": {"zh": "完成比例", "en": "Share of target"},
    "col.key": {"zh": "底线代码", "en": "Floor key"},
    "col.label": {"zh": "底线", "en": "Floor"},
    "col.value": {"zh": "现值", "en": "Value"},
    "col.floor": {"zh": "底线值", "en": "Floor value"},
    "col.margin": {"zh": "余量", "en": "Margin"},
    "col.holds": {"zh": "是否达标", "en": "Holds"},
    "col.start": {"zh": "开始", "en": "From"},
    "col.end": {"zh": "结束", "en": "To"},
    "col.days": {"zh": "天数", "en": "Days"},
    "col.min_value": {"zh": "最低值", "en": "Lowest value"},
    "col.item": {"zh": "项目", "en": "Item"},
    "col.detail": {"zh": "内容", "en": "Detail"},
    "col.zone_name": {"zh": "片区名称", "en": "Zone name"},
    "col.category_name": {"zh": "类型名称", "en": "Category name"},
    "col.status_name": {"zh": "状态名称", "en": "Status name"},
}

"""Texts of planning (issue 11): planned events, forecast, supply guard, targets, monthly report.

Size: catalogue data, one entry per message of the planning capability;
nothing here runs.
"""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    # -- errors ------------------------------------------------------------------
    "err.plan_kind": {
        "zh": "未知的计划事项 “{kind}”。可选：{kinds}（供应、转为熟地、新增熟地、厂房竣工/拆除）。",
        "en": "Unknown planned event '{kind}'. Choose one of: {kinds}.",
    },
    "err.plan_no_date": {
        "zh": "计划事项缺少预计日期。请写成 年-月-日，例如 2026-06-30。",
        "en": "A planned event needs an expected date, e.g. 2026-06-30.",
    },
    "err.plan_past_date": {
        "zh": "预计日期 {date} 早于今天（{today}），不予登记。已发生的事项请直接登记"
        "（如 landinv supply），或填写今天及以后的日期。",
        "en": "The expected date {date} is before today ({today}); it is refused, not "
        "recorded. Record what has already happened directly (e.g. landinv supply), "
        "or give today or a later date.",
    },
    "err.plan_no_parcel": {
        "zh": "计划事项（{kind}）需要地块编号。",
        "en": "A planned '{kind}' event needs a parcel ID.",
    },
    "err.plan_no_project": {
        "zh": "请填写地块 {parcel} 供应的项目名称。",
        "en": "Give the project parcel {parcel} is supplied to.",
    },
    "err.plan_no_outline": {
        "zh": "新增地块 {parcel} 需要有效的边界（--outline 文件或表格中的“边界”WKT）。",
        "en": "New parcel {parcel} needs a valid outline (--outline FILE, or WKT in the "
        "sheet's outline column).",
    },
    "err.plan_no_floor_area": {
        "zh": "厂房竣工或拆除需要非零的建筑面积（平方米）。",
        "en": "A factory completion or demolition needs a non-zero floor area (m²).",
    },
    "err.plan_twice": {
        "zh": "地块 {parcel} 在方案“{scenario}”中已有同类计划事项，不能重复计划。"
        "请修改或撤销原事项。",
        "en": "Parcel {parcel} already has this planned event in scenario '{scenario}'; it "
        "cannot be planned twice. Change or drop the existing event.",
    },
    "err.plan_unknown_parcel": {
        "zh": "库中没有现行的地块 {parcel}（也不是本方案计划新增的地块）。请检查编号。",
        "en": "No current parcel {parcel} in the inventory (nor planned as new in this "
        "scenario). Check the ID.",
    },
    "err.plan_already_supplied": {
        "zh": "地块 {parcel} 已供应给 {project}，不能再计划或登记供应。",
        "en": "Parcel {parcel} is already supplied to {project}; it cannot be planned or "
        "supplied again.",
    },
    "err.plan_already_category": {
        "zh": "地块 {parcel} 已经是该类型（{category}），无需计划转换。",
        "en": "Parcel {parcel} already has category '{category}'; nothing to plan.",
    },
    "err.plan_new_exists": {
        "zh": "编号 {parcel} 已是库中现有地块。计划新增地块请用新编号。",
        "en": "{parcel} is already a parcel in the inventory. Give a planned new parcel a new ID.",
    },
    "err.plan_new_overlaps": {
        "zh": "计划新增地块 {parcel} 与现有地块重叠：{others}。请改正边界。",
        "en": "Planned new parcel {parcel} overlaps parcels in stock: {others}. Fix the outline.",
    },
    "err.plan_unknown_event": {
        "zh": "没有计划事项 “{event}”。用 landinv plan list 查看编号。",
        "en": "No planned event '{event}'. See `landinv plan list`.",
    },
    "err.plan_event_closed": {
        "zh": "计划事项 {event} 已是“{state}”状态，不能再修改。",
        "en": "Planned event {event} is already {state}; it cannot change.",
    },
    "err.plan_scenario_name": {
        "zh": "方案名称 “{name}” 不可用，请换一个。",
        "en": "Scenario name '{name}' cannot be used; choose another.",
    },
    "err.plan_scenario_exists": {
        "zh": "方案 “{name}” 已存在。请换一个名称。",
        "en": "Scenario '{name}' already exists. Choose another name.",
    },
    "err.plan_supply_before_row": {
        "zh": "日期 {date} 早于当前记录的生效日期 {start}。",
        "en": "Date {date} is before the current record's start {start}.",
    },
    "err.plan_area_code": {
        "zh": "请给目标区域一个代码，例如 eco_platform。",
        "en": "Give the target area a code, e.g. eco_platform.",
    },
    "err.plan_area_empty": {
        "zh": "目标区域 {area} 没有有效的面状边界。",
        "en": "Target area {area} has no valid polygon outline.",
    },
    "err.plan_file_missing": {"zh": "找不到文件：{path}", "en": "File not found: {path}"},
    "err.plan_outline_crs": {
        "zh": "文件 {path} 没有坐标系信息，请附上 .prj 或改用 GeoPackage。",
        "en": "File {path} has no CRS; add a .prj or use a GeoPackage.",
    },
    "err.plan_sheet_unreadable": {
        "zh": "无法读取计划表 {path}：{detail}",
        "en": "Cannot read the plan sheet {path}: {detail}",
    },
    "err.plan_sheet_columns": {
        "zh": "计划表 {path} 缺少列：{missing}。表头应含 {headers} 等。",
        "en": "The plan sheet {path} lacks columns: {missing}. Headers should include "
        "{headers} (parcel, event, expected date, project).",
    },
    "err.plan_sheet_rows": {
        "zh": "计划表 {path} 中以下行无法识别（行号: 值）：{rows}。未导入任何事项。",
        "en": "Rows of the plan sheet {path} could not be read (row: value): {rows}. "
        "Nothing was imported.",
    },
    "err.plan_sheet_empty": {
        "zh": "计划表 {path} 中没有计划事项。",
        "en": "The plan sheet {path} holds no planned events.",
    },
    "err.supply_breach": {
        "zh": "供应地块 {parcel} 将突破底线：{month} 缺口 {shortfall} 亩"
        "（今日熟地将为 {after} 亩，底线 {floor} 亩）。未登记。确认仍要供应请加 --allow-breach。",
        "en": "Supplying parcel {parcel} would break a floor: short by {shortfall} mu in "
        "{month} (ready land today would be {after} mu against a floor of {floor} mu). "
        "Nothing recorded. Add --allow-breach to supply it anyway.",
    },
    "err.plan_restore_not_empty": {
        "zh": "目标库中已有计划事项或目标区域，不能在其上恢复备份。请换一个新的库。",
        "en": "The target store already holds planned events or target areas; restore into a "
        "new store.",
    },
    "err.report_month": {
        "zh": "月份格式不对：“{month}”。请写成 年-月，例如 2025-05。",
        "en": "Malformed month '{month}'. Write it as YYYY-MM, e.g. 2025-05.",
    },
    "err.report_format": {
        "zh": "月报目前只支持 docx 格式。",
        "en": "The monthly report is docx only.",
    },
    # -- notices -----------------------------------------------------------------
    "plan.breach_acknowledged": {
        "zh": "已确认突破底线：供应 {parcel} 后 {month} 缺口 {shortfall} 亩",
        "en": "breach acknowledged: after supplying {parcel}, short by {shortfall} mu in {month}",
    },
    "plan.effect_ok": {
        "zh": "供应 {parcel}（{area} 亩）后，今日工业熟地 {before} → {after} 亩（底线 {floor}，"
        "余量 {margin}）；预测期内不会因此突破底线。",
        "en": "Supplying {parcel} ({area} mu): ready land today {before} → {after} mu "
        "(floor {floor}, margin {margin}); it breaks no floor in the forecast.",
    },
    "plan.effect_breaks": {
        "zh": "警告：供应 {parcel}（{area} 亩）后，今日工业熟地 {before} → {after} 亩（底线 "
        "{floor}，余量 {margin}）；预测于 {month} 突破底线。",
        "en": "Warning: supplying {parcel} ({area} mu): ready land today {before} → {after} mu "
        "(floor {floor}, margin {margin}); the forecast breaks a floor in {month}.",
    },
    "plan.added": {"zh": "已加入计划：{event}", "en": "Added to the plan: {event}"},
    "plan.dropped": {"zh": "已撤销计划事项：{event}", "en": "Dropped planned event: {event}"},
    "plan.changed": {"zh": "已修改计划事项：{event}", "en": "Changed planned event: {event}"},
    "plan.copied": {
        "zh": "已复制 {n} 个事项到方案 {name}",
        "en": "Copied {n} events to {name}",
        "en_one": "Copied {n} event to {name}",
    },
    "plan.imported": {
        "zh": "已导入 {n} 个计划事项",
        "en": "Imported {n} planned events",
        "en_one": "Imported {n} planned event",
    },
    "plan.dry_run": {
        "zh": "试运行：{n} 个事项可以导入，未写入。",
        "en": "Dry run: {n} events would be imported; nothing stored.",
        "en_one": "Dry run: {n} event would be imported; nothing stored.",
    },
    "plan.area_set": {"zh": "目标区域 {area} 已更新", "en": "Target area {area} updated"},
    "plan.fulfilled": {"zh": "完成计划事项：{events}", "en": "Fulfils planned events: {events}"},
    "plan.no_breach": {
        "zh": "预测期内两条底线均保持。",
        "en": "Both floors hold over the horizon.",
    },
    "plan.first_breach.ready_land": {
        "zh": "首次突破：{month}（工业熟地），缺口 {shortfall} 亩",
        "en": "First breach: {month} (ready land), short by {shortfall} mu",
    },
    "plan.first_breach.factory_floor_space": {
        "zh": "首次突破：{month}（标准厂房），缺口 {shortfall} 平方米",
        "en": "First breach: {month} (standard factory space), short by {shortfall} m²",
    },
    "plan.need.ready_land": {
        "zh": "须在 {by} 前另有 {cumulative} 亩工业熟地入库（比前一阶段多 {add} 亩）",
        "en": "By {by}, {cumulative} mu more ready land must be in stock ({add} mu more "
        "than the step before)",
    },
    "plan.need.ready_land_first": {
        "zh": "须在 {by} 前另有 {cumulative} 亩工业熟地入库",
        "en": "By {by}, {cumulative} mu more ready land must be in stock",
    },
    "plan.need.factory_floor_space_first": {
        "zh": "须在 {by} 前另有 {cumulative} 平方米标准厂房入库",
        "en": "By {by}, {cumulative} m² more standard factory space must be in stock",
    },
    "plan.need.factory_floor_space": {
        "zh": "须在 {by} 前另有 {cumulative} 平方米标准厂房入库（比前一阶段多 {add} 平方米）",
        "en": "By {by}, {cumulative} m² more standard factory space must be in stock "
        "({add} m² more than the step before)",
    },
    # -- column headers, kinds, states -------------------------------------------------
    "plan.kind.supply": {"zh": "供应", "en": "Supply"},
    "plan.kind.ready": {"zh": "转为熟地", "en": "Becomes ready"},
    "plan.kind.new": {"zh": "新增熟地", "en": "New ready land"},
    "plan.kind.building": {"zh": "厂房竣工/拆除", "en": "Factory completed/demolished"},
    "plan.state.planned": {"zh": "计划中", "en": "Planned"},
    "plan.state.dropped": {"zh": "已撤销", "en": "Dropped"},
    "plan.state.done": {"zh": "已完成", "en": "Done"},
    "plan.col.month": {"zh": "月份", "en": "Month"},
    "plan.col.ready": {"zh": "工业熟地(亩)", "en": "Ready land (mu)"},
    "plan.col.ready_min": {"zh": "月内最低熟地(亩)", "en": "Lowest ready land (mu)"},
    "plan.col.factory": {"zh": "标准厂房(平方米)", "en": "Standard factory space (m²)"},
    "plan.col.factory_min": {"zh": "月内最低厂房(平方米)", "en": "Lowest factory space (m²)"},
    "plan.col.ok": {"zh": "达标", "en": "Holds"},
    "plan.col.event": {"zh": "事项编号", "en": "Event"},
    "plan.col.kind": {"zh": "事项", "en": "Kind"},
    "plan.col.date": {"zh": "预计日期", "en": "Expected date"},
    "plan.col.object": {"zh": "地块/厂房", "en": "Parcel/building"},
    "plan.col.project": {"zh": "项目", "en": "Project"},
    "plan.col.zone": {"zh": "片区", "en": "Zone"},
    "plan.col.state": {"zh": "状态", "en": "State"},
    "plan.col.scenario": {"zh": "方案", "en": "Scenario"},
    "plan.col.target": {"zh": "目标", "en": "Target"},
    "plan.col.target_mu": {"zh": "目标(亩)", "en": "Target (mu)"},
    "plan.col.done_mu": {"zh": "年初至今(亩)", "en": "Year to date (mu)"},
    "plan.col.forecast_mu": {"zh": "预计年末(亩)", "en": "Forecast year end (mu)"},
    "plan.col.ratio": {"zh": "完成比例", "en": "Share done"},
    "plan.overdue": {"zh": "已逾期", "en": "overdue"},
    "plan.area_missing": {
        "zh": "（目标区域边界未录入）",
        "en": "(target area outline not in the store)",
    },
    "plan.whole_zone": {"zh": "全区", "en": "Whole zone"},
    # -- the monthly report ------------------------------------------------------------
    "report.title": {
        "zh": "{zone}工业用地与标准厂房月报（{year}年{month}月）",
        "en": "{zone}: land and factory space, monthly report ({year}-{month:02d})",
    },
    "report.subtitle": {
        "zh": "数据截至 {end}（月末）；编制日期 {made}。",
        "en": "Figures as of {end} (month end); made on {made}.",
    },
    "report.sample": {
        "zh": "注意：本报告基于示例数据（示意，非地籍登记资料）。",
        "en": "Note: this report is made from illustrative sample data, not cadastral records.",
    },
    "report.h_floors": {"zh": "一、两条底线（月末）", "en": "1. The two floors at the month end"},
    "report.h_table": {"zh": "二、片区 × 类型 地块面积", "en": "2. Parcels by zone and category"},
    "report.h_events": {"zh": "三、本月变动", "en": "3. This month's events"},
    "report.h_chart": {"zh": "四、存量走势与底线", "en": "4. Stocks over time against the floors"},
    "report.h_forecast": {
        "zh": "五、未来 {n} 个月预测",
        "en": "5. Forecast for the next {n} months",
    },
    "report.h_targets": {"zh": "六、{year}年目标进度", "en": "6. Progress to the {year} targets"},
    "report.h_map": {"zh": "七、地块分布图", "en": "7. Map of the parcels"},
    "report.col_floor": {"zh": "底线", "en": "Floor"},
    "report.col_value": {"zh": "现值", "en": "Value"},
    "report.col_floor_value": {"zh": "底线值", "en": "Floor value"},
    "report.col_margin": {"zh": "余量", "en": "Margin"},
    "report.col_holds": {"zh": "是否达标", "en": "Holds"},
    "report.col_unit": {"zh": "单位", "en": "Unit"},
    "report.col_zone": {"zh": "片区", "en": "Zone"},
    "report.col_category": {"zh": "类型", "en": "Category"},
    "report.col_count": {"zh": "宗数", "en": "Count"},
    "report.col_mu": {"zh": "面积(亩)", "en": "Area (mu)"},
    "report.col_m2": {"zh": "面积(平方米)", "en": "Area (m²)"},
    "report.col_date": {"zh": "日期", "en": "Date"},
    "report.col_kind": {"zh": "变动类型", "en": "Event"},
    "report.col_id": {"zh": "编号", "en": "ID"},
    "report.col_delta": {"zh": "变动量", "en": "Change"},
    "report.col_desc": {"zh": "说明", "en": "Description"},
    "report.col_file": {"zh": "文件", "en": "File"},
    "report.col_layer": {"zh": "图层", "en": "Layer"},
    "report.unit_mu": {"zh": "亩", "en": "mu"},
    "report.unit_m2": {"zh": "平方米", "en": "m²"},
    "report.holds": {"zh": "达标", "en": "holds"},
    "report.breached": {"zh": "未达标", "en": "BREACHED"},
    "report.no_events": {"zh": "本月两项存量均无变动。", "en": "Neither stock changed this month."},
    "report.imports": {"zh": "本月生效的导入批次：", "en": "Imports taking effect this month:"},
    "report.undone": {"zh": "已撤销", "en": "undone"},
    "report.no_targets": {"zh": "{year}年没有设定目标。", "en": "No targets are set for {year}."},
    "report.last_year": {
        "zh": "{year}年目标完成情况（全年）：",
        "en": "The {year} targets (whole year):",
    },
    "report.chart_ready": {"zh": "工业熟地（亩）", "en": "Ready industrial land (mu)"},
    "report.chart_factory": {
        "zh": "标准厂房建筑面积（平方米）",
        "en": "Standard factory floor space (m²)",
    },
    "report.legend_history": {"zh": "实际", "en": "Recorded"},
    "report.legend_forecast": {"zh": "预测（按计划）", "en": "Forecast (plan)"},
    "report.legend_floor": {"zh": "底线", "en": "Floor"},
    "report.chart_caption": {
        "zh": "实线为台账记录的存量，虚线为按计划事项预测的存量，红线为底线。",
        "en": "Solid: the stock as recorded; dashed: forecast from the planned events; "
        "red: the floor.",
    },
    "report.map_title": {"zh": "片区与地块（按类型）", "en": "Sub-areas and parcels by category"},
    "report.map_title_at": {
        "zh": "片区与地块（按类型，{date}）",
        "en": "Sub-areas and parcels by category ({date})",
    },
    "report.map_overview": {"zh": "全区", "en": "Whole zone"},
    "report.table_note": {
        "zh": "月末有效的全部地块（含已供应），与看板一致；工业熟地底线只计可供应的熟地。",
        "en": "Every parcel valid at the month end, available and supplied, as on the "
        "dashboard; the ready-land floor counts available ready land only.",
    },
    "report.forecast_from": {
        "zh": "预测自 {date} 起，按方案“{scenario}”的计划事项。",
        "en": "Forecast from {date}, with the planned events of scenario '{scenario}'.",
    },
    "report.map_supplied": {"zh": "已供应", "en": "Supplied"},
    "report.map_zone": {"zh": "片区边界", "en": "Sub-area boundary"},
    "report.map_target_area": {"zh": "目标区域（平台）", "en": "Target area (platform)"},
    "report.map_note": {"zh": "CGCS2000 经纬度；离线绘制", "en": "CGCS2000 lon/lat; drawn offline"},
    "report.source": {"zh": "数据来源：{source}", "en": "Source: {source}"},
    # -- app: dashboard forecast and the plan editor ---------------------------------
    "nav.plan": {"zh": "计划", "en": "Plan"},
    "plan.ui.fc_title": {
        "zh": "底线预测（按计划）",
        "en": "Forecast of the floors (from the plan)",
    },
    "plan.ui.fc_months": {"zh": "预测月数", "en": "Months ahead"},
    "plan.ui.fc_caption": {
        "zh": "自 {date} 起，按所选方案的 {n} 个计划事项逐日推算；每月取月内最低值判断是否达标。",
        "en": "Day by day from {date} with the scenario's {n} planned events; a month holds "
        "when its lowest day meets the floor.",
    },
    "plan.ui.fc_caption_none": {
        "zh": "自 {date} 起逐日推算：所选方案中还没有计划事项（可在“计划”页添加）；"
        "每月取月内最低值判断是否达标。",
        "en": "Day by day from {date}: the scenario holds no planned events yet (add them on "
        "the Plan page); a month holds when its lowest day meets the floor.",
    },
    "plan.ui.scenario_default": {"zh": "plan（默认方案）", "en": "plan (default scenario)"},
    "plan.ui.fc_table": {"zh": "逐月预测表", "en": "Month-by-month table"},
    "plan.ui.fc_zones": {
        "zh": "各片区月末工业熟地（亩）",
        "en": "Ready land per sub-area at month end (mu)",
    },
    "plan.ui.targets": {
        "zh": "{year}年目标：年初至今与预计年末",
        "en": "{year} targets: year to date and forecast year end",
    },
    "plan.ui.target_line": {
        "zh": "目标 {target}，已完成 {done}；预计年末 {forecast}（{share}）",
        "en": "Target {target}, {done} done; forecast year end {forecast} ({share})",
    },
    "plan.ui.title": {"zh": "计划事项", "en": "Planned events"},
    "plan.ui.intro": {
        "zh": "预计的供应、熟地形成、新增熟地和厂房竣工/拆除。每次修改或撤销都留有记录；"
        "登记实际供应后，对应的计划事项自动完成。",
        "en": "Expected supplies, land becoming ready, new ready land and factory completions or "
        "demolitions. Every change or drop is kept; recording an actual supply closes its "
        "planned event.",
    },
    "plan.ui.history": {
        "zh": "全部版本（含修改、撤销、完成）",
        "en": "Every version (changed, dropped, done)",
    },
    "plan.ui.add": {"zh": "新增计划事项", "en": "Add a planned event"},
    "plan.ui.add_submit": {"zh": "加入计划", "en": "Add to the plan"},
    "plan.ui.drop": {"zh": "撤销计划事项", "en": "Drop a planned event"},
    "plan.ui.drop_submit": {"zh": "撤销", "en": "Drop"},
    "plan.ui.copy": {"zh": "复制为新方案（假设分析）", "en": "Copy into a what-if scenario"},
    "plan.ui.copy_name": {"zh": "新方案名称", "en": "New scenario name"},
    "plan.ui.copy_submit": {"zh": "复制", "en": "Copy"},
    "plan.ui.import": {"zh": "从表格导入", "en": "Import from a sheet"},
    "plan.ui.import_file": {"zh": "计划表（XLSX）", "en": "Plan sheet (XLSX)"},
    "plan.ui.import_hint": {
        "zh": "表头：地块编号、事件、预计日期、项目（可选：地类、片区、建筑面积、方案、备注）。",
        "en": "Headers: parcel ID, event, expected date, project (optional: category, zone, "
        "floor area, scenario, note) — Chinese or English.",
    },
    "plan.ui.import_submit": {"zh": "导入", "en": "Import"},
    "plan.ui.none": {"zh": "没有计划中的事项。", "en": "No planned events."},
    "plan.ui.new_id": {"zh": "新地块编号", "en": "New parcel ID"},
    "plan.ui.outline": {
        "zh": "地块边界文件（GeoPackage/GeoJSON/压缩的 Shapefile）",
        "en": "Outline file (GeoPackage, GeoJSON, zipped shapefile)",
    },
    "plan.ui.building_id": {"zh": "厂房编号（可选）", "en": "Building ID (optional)"},
    "plan.ui.floor_area": {"zh": "建筑面积(平方米)", "en": "Floor area (m²)"},
    "plan.ui.demolish": {"zh": "拆除（减少面积）", "en": "Demolition (floor area removed)"},
    "plan.ui.note": {"zh": "备注", "en": "Note"},
    "plan.ui.user": {"zh": "登记人", "en": "Entered by"},
    "plan.ui.version": {"zh": "版本", "en": "Version"},
    "plan.ui.recorded": {"zh": "登记时间", "en": "Recorded at"},
    "plan.ui.report": {"zh": "月报（Word）", "en": "Monthly report (Word)"},
    "plan.ui.report_month": {"zh": "月份", "en": "Month"},
    "plan.ui.report_hint": {
        "zh": "月末的两条底线、片区×类型表、本月变动、走势图、"
        "按方案“{scenario}”的预测、目标进度和地块分布图。",
        "en": "Floors at the month end, zone × category table, the month's events, the timeline, "
        "the forecast of scenario '{scenario}', target progress and a map.",
    },
    "plan.ui.report_make": {"zh": "生成月报", "en": "Make the report"},
    "plan.ui.report_download": {"zh": "下载月报", "en": "Download the report"},
    "plan.ui.report_file": {"zh": "月报-{month}.docx", "en": "monthly-report-{month}.docx"},
}

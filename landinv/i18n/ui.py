"""Texts of the app's pages, sidebar and map, keyed by page (``dash.``, ``upload.`` ...).

Size: catalogue data, one entry per page text; grouped by page inside.
"""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    # -- app shell and sidebar ------------------------------------------------
    "app.title": {"zh": "常山经开区土地与厂房台账", "en": "Changshan EDZ land & factory inventory"},
    "app.short": {"zh": "土地台账", "en": "Land inventory"},
    "nav.map": {"zh": "地图", "en": "Map"},
    "nav.dashboard": {"zh": "底线看板", "en": "Dashboard"},
    "nav.upload": {"zh": "上传", "en": "Upload"},
    "nav.downloads": {"zh": "下载", "en": "Downloads"},
    "nav.history": {"zh": "历史", "en": "History"},
    "side.lang": {"zh": "语言 / Language", "en": "Language / 语言"},
    "side.as_of": {"zh": "截至日期", "en": "As of"},
    "side.as_of_help": {
        "zh": "台账按该日期的状态显示；改动历史全部保留。输入日期后按回车生效，或从日历中点选。",
        "en": "The inventory as it stood on this date; history is never lost. Type a date "
        "and press Enter, or pick one in the calendar.",
    },
    "side.filters": {"zh": "筛选", "en": "Filters"},
    "side.zones": {"zh": "片区", "en": "Zones"},
    "side.categories": {"zh": "地块类型", "en": "Categories"},
    "side.statuses": {"zh": "状态", "en": "Status"},
    "side.search": {
        "zh": "查找地块（编号、名称或项目）",
        "en": "Find a parcel (ID, name or project)",
    },
    "side.store": {"zh": "数据库", "en": "Store"},
    "side.filters_note": {
        "zh": "筛选作用于地图、片区×类型表和图层下载；两条底线始终按全区计算。空白表示全部。",
        "en": "Filters apply to the map, the zone × category table and layer downloads; the "
        "two floors always count the whole zone. Empty means all.",
    },
    # -- auth -----------------------------------------------------------------
    "auth.local_mode": {
        "zh": "单用户本地模式：未配置 [auth]，任何人都可修改台账。",
        "en": "Single-user local mode: no [auth] configured, anyone may edit.",
    },
    "auth.sign_in": {"zh": "编辑登录", "en": "Editor sign-in"},
    "auth.user": {"zh": "用户名", "en": "User name"},
    "auth.password": {"zh": "密码", "en": "Password"},
    "auth.submit": {"zh": "登录", "en": "Sign in"},
    "auth.sign_out": {"zh": "退出登录", "en": "Sign out"},
    "auth.signed_in_as": {"zh": "已登录：{user}", "en": "Signed in as {user}"},
    "auth.failed": {
        "zh": "用户名或密码不对。请重新输入，或请管理员核对 secrets.toml 中的 [auth]。",
        "en": "Wrong user name or password. Try again, or ask the administrator to "
        "check [auth] in secrets.toml.",
    },
    "auth.needed": {
        "zh": "浏览无需登录；上传、撤销和状态变更需要编辑登录（见侧栏）。",
        "en": "Viewing is open; uploads, undo and status changes need an editor "
        "sign-in (see the sidebar).",
    },
    "auth.bad_config": {
        "zh": "secrets.toml 中的 [auth] 配置有误：{detail}。"
        "请按 .streamlit/secrets.toml.example 修正。",
        "en": "[auth] in secrets.toml is malformed: {detail}. Fix it following "
        ".streamlit/secrets.toml.example.",
    },
    # -- dashboard ------------------------------------------------------------
    "dash.title": {"zh": "两条底线", "en": "The two floors"},
    "dash.as_of": {"zh": "截至 {date}", "en": "As of {date}"},
    "dash.sample": {
        "zh": "当前为示例数据（虚构，仅供演示），不是地籍记录。",
        "en": "Showing the illustrative sample data, not cadastral records.",
    },
    "dash.holds": {"zh": "达标", "en": "Holds"},
    "dash.breached": {"zh": "低于底线", "en": "Below the floor"},
    "dash.floor_of": {"zh": "底线 {floor}", "en": "Floor {floor}"},
    "dash.margin_above": {"zh": "高于底线 {margin}", "en": "{margin} above the floor"},
    "dash.margin_below": {"zh": "低于底线 {margin}", "en": "{margin} below the floor"},
    "dash.ready_rule": {
        "zh": "类型为工业熟地且状态为可供应的地块面积之和。",
        "en": "Area of parcels tagged ready industrial land and still available.",
    },
    "dash.factory_rule": {
        "zh": "认定为标准厂房的建筑面积之和。",
        "en": "Gross floor area of buildings marked as standard factories.",
    },
    "dash.breakdown": {"zh": "片区 × 类型", "en": "Zone × category"},
    "dash.breakdown_status": {"zh": "统计范围", "en": "Count"},
    "dash.breakdown_filtered": {
        "zh": "默认只计在库（可供应）地块，与上方底线口径一致；可切换为已供应或全部。"
        "同时按侧栏筛选（片区、类型、状态）统计。",
        "en": "Counts land in stock (available) by default, as the floor above does; switch "
        "to supplied or all. The sidebar filters (zone, category, status) apply too.",
    },
    "dash.area_mu_tab": {"zh": "面积（亩）", "en": "Area (mu)"},
    "dash.count_tab": {"zh": "宗数", "en": "Count"},
    "dash.detail_tab": {"zh": "明细", "en": "Details"},
    "dash.zone": {"zh": "片区", "en": "Zone"},
    "dash.subtotal": {"zh": "小计", "en": "Subtotal"},
    "dash.annual": {"zh": "{year} 年度新增土地", "en": "Land added in {year}"},
    "dash.annual_progress": {
        "zh": "{done} / 目标 {target} 亩（{share}）",
        "en": "{done} of the {target} mu target ({share})",
    },
    "dash.annual_until": {
        "zh": "统计当年 1 月 1 日至 {until} 新进入该类型的地块面积。",
        "en": "Land that entered the category from 1 January to {until}.",
    },
    "dash.annual_none": {
        "zh": "配置中没有 {year} 年的年度目标。",
        "en": "The config has no annual targets for {year}.",
    },
    "dash.timeline": {"zh": "存量走势", "en": "Stock over time"},
    "dash.timeline_span": {
        "zh": "{start} 至 {end} 每日存量；红色虚线为底线，圆点为变动事件（悬停查看原因）。",
        "en": "Daily stock from {start} to {end}; the dashed red line is the floor, dots "
        "are the events behind each change (hover for details).",
    },
    "dash.span": {"zh": "时间范围", "en": "Period"},
    "dash.span_12m": {"zh": "近 12 个月", "en": "Last 12 months"},
    "dash.span_year": {"zh": "截至日期所在年度", "en": "The as-of year"},
    "dash.span_all": {"zh": "全部历史", "en": "Whole history"},
    "dash.ready_axis": {"zh": "工业熟地（亩）", "en": "Ready land (mu)"},
    "dash.factory_axis": {"zh": "标准厂房（平方米）", "en": "Standard factory space (m²)"},
    "dash.date_axis": {"zh": "日期", "en": "Date"},
    "dash.floor_line": {"zh": "底线", "en": "Floor"},
    "dash.breaches": {"zh": "低于底线的时段及原因", "en": "When a floor was breached, and why"},
    "dash.no_breach": {
        "zh": "{start} 以来两条底线均未被突破。",
        "en": "Neither floor was breached since {start}.",
    },
    "dash.breach_line": {
        "zh": "**{label}**：{start} 至 {end} 低于底线，最低 {low}。",
        "en": "**{label}**: below the floor from {start} to {end}, lowest {low}.",
    },
    "dash.breach_open": {
        "zh": "**{label}**：自 {start} 起低于底线，截至 {end} 仍未恢复，最低 {low}。",
        "en": "**{label}**: below the floor since {start} and still on {end}, lowest {low}.",
    },
    "dash.events_all": {
        "zh": "这段时间的全部变动（{n} 项）",
        "en": "Every change in this period ({n})",
    },
    "dash.event": {"zh": "变动", "en": "Change"},
    "dash.no_events": {"zh": "这段时间没有变动。", "en": "No changes in this period."},
    "dash.empty": {
        "zh": "台账里还没有地块。请在“上传”页导入地块文件。",
        "en": "The inventory has no parcels yet. Import a parcel file on the Upload page.",
    },
    # -- upload ---------------------------------------------------------------
    "up.title": {"zh": "上传地块或厂房", "en": "Upload parcels or buildings"},
    "up.kind": {"zh": "图层", "en": "Layer"},
    "up.kind_parcels": {"zh": "地块", "en": "Parcels"},
    "up.kind_buildings": {"zh": "厂房", "en": "Buildings"},
    "up.effective": {"zh": "生效日期", "en": "Effective date"},
    "up.effective_help": {
        "zh": "新要素自该日期起计入台账（底线按日期计算）。",
        "en": "The new features count in the inventory from this date (floors are by date).",
    },
    "up.files": {"zh": "选择文件", "en": "Choose files"},
    "up.files_help": {
        "zh": "Shapefile 压缩包（.zip），或同时选中 .shp/.shx/.dbf/.prj/.cpg；"
        "也可上传 GeoPackage、GeoJSON、KML。上限 50 MB。",
        "en": "A zipped shapefile (.zip), or select .shp/.shx/.dbf/.prj/.cpg together; "
        "GeoPackage, GeoJSON and KML work too. Up to 50 MB.",
    },
    "up.start": {
        "zh": "选择一个文件开始。检查通过并确认之前，台账不会有任何改动。",
        "en": "Choose a file to start. Nothing is stored until the file passes the checks "
        "and you confirm.",
    },
    "up.reading": {"zh": "正在读取和检查文件…", "en": "Reading and checking the file…"},
    "up.read_done": {
        "zh": "已读取 {n} 个要素",
        "en": "{n} features read",
        "en_one": "{n} feature read",
    },
    "up.read_failed": {"zh": "无法按所选选项读取", "en": "Cannot read with these options"},
    "up.options": {
        "zh": "读取选项（图层、编码、坐标系、字段对应）",
        "en": "Reading options (layer, encoding, CRS, field mapping)",
    },
    "up.layer": {"zh": "文件中的图层", "en": "Layer in the file"},
    "up.layer_help": {
        "zh": "文件含多个图层或多个 Shapefile 时填写要读取的名称。",
        "en": "The layer (or shapefile) to read when the upload holds several.",
    },
    "up.encoding": {"zh": "属性编码", "en": "Text encoding"},
    "up.auto": {"zh": "自动识别", "en": "Automatic"},
    "up.crs": {"zh": "坐标系（EPSG）", "en": "CRS (EPSG)"},
    "up.crs_help": {
        "zh": "留空自动判断；例如 4490（CGCS2000）、4549（CGCS2000 3 度带 120°E）。",
        "en": "Leave empty to decide automatically; e.g. 4490 (CGCS2000), 4549 "
        "(CGCS2000 3-degree CM 120°E).",
    },
    "up.default_zone": {"zh": "默认片区（字段缺失时）", "en": "Zone when the field is blank"},
    "up.default_category": {
        "zh": "默认类型（字段缺失时）",
        "en": "Category when the field is blank",
    },
    "up.allow_outside": {"zh": "接受片区范围外的要素", "en": "Accept features outside the zones"},
    "up.field_map_help": {
        "zh": "字段对应：在对应的框里填写文件中的字段名（留空则自动识别）。",
        "en": "Field mapping: type the file's field name under the column it holds "
        "(leave empty to recognise automatically).",
    },
    "up.report": {"zh": "检查报告", "en": "Check report"},
    "up.ok": {
        "zh": "检查通过：{n} 个要素可以导入。请查看下方预览，再点“确认导入”。",
        "en": "Passed: {n} features can be imported. Check the preview below, then confirm.",
        "en_one": "Passed: {n} feature can be imported. Check the preview below, then confirm.",
    },
    "up.choose": {
        "zh": "需要您做一个选择（见下方），文件才能读取。",
        "en": "The file needs a choice from you (below) before it can be read.",
    },
    "up.refused": {
        "zh": "未通过：有 {n} 项必须修改。请改正文件后重新上传。",
        "en": "Refused: {n} items must be fixed. Correct the file and upload it again.",
        "en_one": "Refused: {n} item must be fixed. Correct the file and upload it again.",
    },
    "up.r_item": {"zh": "项目", "en": "Item"},
    "up.r_value": {"zh": "读取结果", "en": "What was read"},
    "up.r_file": {"zh": "文件", "en": "File"},
    "up.r_format": {"zh": "格式 · 图层", "en": "Format · layer"},
    "up.r_encoding": {"zh": "属性编码", "en": "Text encoding"},
    "up.r_crs": {"zh": "坐标系", "en": "Coordinate system"},
    "up.n_read": {"zh": "读取", "en": "Read"},
    "up.n_accepted": {"zh": "可导入", "en": "Importable"},
    "up.n_fixed": {"zh": "已自动修复", "en": "Fixed"},
    "up.n_must_fix": {"zh": "必须修改", "en": "Must fix"},
    "up.n_warnings": {"zh": "请注意", "en": "Warnings"},
    "up.must_fix": {"zh": "必须修改", "en": "Must be fixed"},
    "up.fixed": {"zh": "已自动修复", "en": "Fixed automatically"},
    "up.warnings": {"zh": "请注意", "en": "Worth a look"},
    "up.notes": {
        "zh": "如何读取（编码、坐标系、字段的判断依据）",
        "en": "How the file was read (encoding, CRS, fields and why)",
    },
    "up.more": {"zh": "另有 {n} 条，见报告文件。", "en": "{n} more in the report file."},
    "up.report_download": {"zh": "下载检查报告", "en": "Download the report"},
    "up.floor_preview": {
        "zh": "对两条底线的影响（截至 {date}）",
        "en": "Effect on the two floors (as of {date})",
    },
    "up.floor_help": {
        "zh": "导入前 {before}；底线 {floor}",
        "en": "Before: {before}; floor {floor}",
    },
    "up.floor_below": {"zh": "导入后仍低于底线。", "en": "Still below the floor after import."},
    "up.choices": {"zh": "请选择", "en": "Please choose"},
    "up.choose_layer": {"zh": "读取哪个图层？", "en": "Which layer should be read?"},
    "up.choose_encoding": {
        "zh": "属性用哪种编码？（看哪一行的中文正确）",
        "en": "Which text encoding? (pick the one whose Chinese reads right)",
    },
    "up.choose_crs": {"zh": "用哪个坐标系？", "en": "Which coordinate system?"},
    "up.preview": {"zh": "预览", "en": "Preview"},
    "up.preview_note": {
        "zh": "紫色粗线为本次新增的要素，底图为台账中现有的地块、厂房和片区。",
        "en": "Thick purple outlines are the new features, drawn over the stored parcels, "
        "buildings and zones.",
    },
    "up.duplicate": {
        "zh": "这个文件已经导入过（批次 {import_id}）。如需替换，请先在“历史”页撤销该批次。",
        "en": "This file was already imported (import {import_id}). To replace it, undo that "
        "import on the History page first.",
    },
    "up.nothing_stored": {
        "zh": "确认之前，台账没有任何改动。",
        "en": "Nothing has been stored yet.",
    },
    "up.confirm_none": {"zh": "没有可导入的要素", "en": "Nothing to import"},
    "up.confirm": {
        "zh": "确认导入 {n} 个要素",
        "en": "Confirm: import {n} features",
        "en_one": "Confirm: import {n} feature",
    },
    "up.committed": {
        "zh": "已导入 {n} 个要素（批次 {import_id}，自 {date} 起生效）。",
        "en": "Imported {n} features (import {import_id}, effective {date}).",
        "en_one": "Imported {n} feature (import {import_id}, effective {date}).",
    },
    # -- downloads ------------------------------------------------------------
    "down.title": {"zh": "下载", "en": "Downloads"},
    "down.summary": {"zh": "汇总与底线核查", "en": "Summary and floors check"},
    "down.summary_xlsx": {"zh": "汇总表 XLSX", "en": "Summary XLSX"},
    "down.summary_csv": {"zh": "汇总表 CSV", "en": "Summary CSV"},
    "down.floors_json": {"zh": "底线核查 JSON", "en": "Floors check JSON"},
    "down.summary_note": {
        "zh": "汇总按全区统计（不受侧栏筛选影响），与命令行 landinv summary / check 结果一致。"
        "XLSX 与 JSON 是数据文件（全精度）；CSV 供报告使用：在库地块的片区×类型表和两条底线，"
        "数值已四舍五入。CSV 为带 BOM 的 UTF-8，Excel 可直接打开。",
        "en": "The summary counts the whole zone (sidebar filters do not apply) and matches "
        "`landinv summary` / `landinv check`. XLSX and JSON are data files (full "
        "precision); the CSV is for reports: the zone × category table of land in stock "
        "and both floors, rounded. CSV is UTF-8 with a BOM, so Excel opens it cleanly.",
    },
    "down.floor": {"zh": "底线", "en": "Floor"},
    "down.value": {"zh": "现值", "en": "Value"},
    "down.floor_value": {"zh": "底线值", "en": "Floor value"},
    "down.margin": {"zh": "余量", "en": "Margin"},
    "down.holds": {"zh": "是否达标", "en": "Holds"},
    "down.layers": {"zh": "当前显示的图层", "en": "Layers as currently shown"},
    "down.filtered": {
        "zh": "已应用侧栏筛选：下载的只是筛选后的要素。",
        "en": "Sidebar filters are on: the downloads hold only the filtered features.",
    },
    "down.parcels": {"zh": "地块", "en": "Parcels"},
    "down.buildings": {"zh": "厂房", "en": "Buildings"},
    "down.rows": {"zh": "{n} 个要素", "en": "{n} features", "en_one": "{n} feature"},
    "down.nothing": {"zh": "没有符合筛选的要素。", "en": "No features match the filters."},
    "down.elsewhere": {
        "zh": "其他文件在各自的页面下载：亩均效益公示表（XLSX）在“{efficiency}”页，"
        "月度报告（Word）在“{plan}”页。",
        "en": "Other files are on their own pages: the per-mu public-notice table (XLSX) on "
        "“{efficiency}”, the monthly report (Word) on “{plan}”.",
    },
    "down.fmt_gpkg": {"zh": "GeoPackage", "en": "GeoPackage"},
    "down.fmt_shp": {"zh": "Shapefile 压缩包", "en": "Shapefile (zip)"},
    "down.fmt_geojson": {"zh": "GeoJSON", "en": "GeoJSON"},
    "down.fmt_csv": {"zh": "CSV（含 WKT）", "en": "CSV (with WKT)"},
    "down.layer_note": {
        "zh": "图层为 CGCS2000（EPSG:4490）坐标，附椭球面积（平方米、亩、公顷）；"
        "Shapefile 压缩包内含 .cpg（UTF-8）和字段对照表。",
        "en": "Layers are in CGCS2000 (EPSG:4490) with ellipsoidal areas (m², mu, ha); the "
        "zipped shapefile holds a .cpg (UTF-8) and a table of what each field means.",
    },
    # -- history --------------------------------------------------------------
    "hist.title": {"zh": "历史与变更", "en": "History and changes"},
    "hist.imports": {"zh": "导入记录", "en": "Import log"},
    "hist.no_imports": {"zh": "还没有导入记录。", "en": "No imports yet."},
    "hist.status_changes": {"zh": "地块状态变更", "en": "Parcel status changes"},
    "hist.no_changes": {"zh": "还没有状态变更。", "en": "No status changes yet."},
    "hist.all_changes": {
        "zh": "操作记录（{n} 条：导入、撤销、供地、类型调整等由谁何时录入）",
        "en": "Change log ({n}: imports, undos, supplies, category changes and who recorded them)",
    },
    "hist.status_note": {
        "zh": "台账历史中工业熟地的供应、收回、转入和调出，截至 {date}，最新在前。",
        "en": "Ready land supplied, returned, turned ready or reclassified in the inventory "
        "history up to {date}, newest first.",
    },
    "hist.col_delta": {"zh": "熟地变动(亩)", "en": "Ready land change (mu)"},
    "hist.col_change": {"zh": "说明", "en": "Description"},
    "hist.parcel_versions": {"zh": "“{search}” 的历史版本", "en": "Versions of “{search}”"},
    "hist.no_match": {"zh": "没有匹配的地块。", "en": "No parcel matches."},
    "hist.live": {"zh": "有效", "en": "Live"},
    "hist.undone": {"zh": "已撤销（{when}）", "en": "Undone ({when})"},
    "hist.col_import": {"zh": "导入批次", "en": "Import ID"},
    "hist.col_kind": {"zh": "图层", "en": "Layer"},
    "hist.col_file": {"zh": "文件", "en": "File"},
    "hist.col_features": {"zh": "要素数", "en": "Features"},
    "hist.col_effective": {"zh": "生效日期", "en": "Effective"},
    "hist.col_crs": {"zh": "原坐标系", "en": "Source CRS"},
    "hist.col_encoding": {"zh": "编码", "en": "Encoding"},
    "hist.col_user": {"zh": "操作人", "en": "User"},
    "hist.col_time": {"zh": "记录时间（UTC）", "en": "Recorded (UTC)"},
    "hist.col_state": {"zh": "状态", "en": "State"},
    "hist.col_date": {"zh": "日期", "en": "Date"},
    "hist.col_action": {"zh": "操作", "en": "Action"},
    "hist.col_object": {"zh": "编号", "en": "ID"},
    "hist.col_project": {"zh": "项目", "en": "Project"},
    "hist.col_note": {"zh": "备注", "en": "Note"},
    "hist.undo": {"zh": "撤销导入", "en": "Undo an import"},
    "hist.nothing_to_undo": {"zh": "没有可撤销的导入。", "en": "No import to undo."},
    "hist.undo_which": {"zh": "要撤销的导入批次", "en": "Import to undo"},
    "hist.undo_date": {"zh": "撤销生效日期", "en": "Undo takes effect on"},
    "hist.undo_date_help": {
        "zh": "此日期起该批次的要素退出台账；之前日期的查询不受影响，记录保留。",
        "en": "From this date the import's features leave the inventory; queries for "
        "earlier dates are unchanged and the record is kept.",
    },
    "hist.undo_start": {"zh": "撤销…", "en": "Undo…"},
    "hist.undo_confirm_text": {
        "zh": "确认撤销 {label}？自 {date} 起将移出 {parcels} 个地块、{buildings} 栋厂房，"
        "工业熟地减少 {land}，标准厂房减少 {factory}。导入记录会保留并标记为已撤销。",
        "en": "Undo {label}? From {date} this takes out the rows it added (parcels: "
        "{parcels}, buildings: {buildings}): {land} of ready land and {factory} of standard "
        "factory space. The import record stays, marked undone.",
    },
    "hist.undo_breach": {
        "zh": "注意：撤销后将低于底线（工业熟地 {land}，标准厂房 {factory}）。",
        "en": "Warning: after the undo a floor is breached (ready land {land}, standard "
        "factory space {factory}).",
    },
    "hist.undo_confirm": {"zh": "确认撤销", "en": "Yes, undo it"},
    "hist.undo_cancel": {"zh": "取消", "en": "Cancel"},
    "hist.undo_done": {
        "zh": "已撤销导入 {import_id}，关闭 {n} 条记录。",
        "en": "Import {import_id} undone: {n} rows closed.",
        "en_one": "Import {import_id} undone: {n} row closed.",
    },
    "hist.supply": {"zh": "记录供地", "en": "Record a supply"},
    "hist.no_available": {
        "zh": "截至日期没有可供应的工业熟地。",
        "en": "No ready land is available on the as-of date.",
    },
    "hist.supply_parcel": {"zh": "地块（可供应的工业熟地）", "en": "Parcel (available ready land)"},
    "hist.supply_project": {"zh": "供应项目", "en": "Project"},
    "hist.supply_date": {"zh": "供地日期", "en": "Date supplied"},
    "hist.supply_submit": {"zh": "记录供地", "en": "Record supply"},
    "hist.supply_need_project": {
        "zh": "请填写供应的项目名称，再点“记录供地”。",
        "en": "Give the project's name, then press Record supply.",
    },
    "hist.supply_done": {
        "zh": "已记录：地块 {parcel} 于 {date} 供应给 {project}。",
        "en": "Recorded: parcel {parcel} supplied to {project} on {date}.",
    },
    "hist.reclassify": {"zh": "记录类型调整", "en": "Record a category change"},
    "hist.reclassify_none": {
        "zh": "截至日期没有可供应的地块可调整类型。",
        "en": "No available parcel to reclassify on the as-of date.",
    },
    "hist.reclassify_parcel": {"zh": "地块（可供应）", "en": "Parcel (available)"},
    "hist.reclassify_category": {"zh": "调整为", "en": "New category"},
    "hist.reclassify_date": {"zh": "调整日期", "en": "Date of the change"},
    "hist.reclassify_note": {
        "zh": "备注（可选，如批复文号）",
        "en": "Note (optional, e.g. the approval's reference)",
    },
    "hist.reclassify_submit": {"zh": "记录类型调整", "en": "Record category change"},
    "hist.reclassify_done": {
        "zh": "已记录：地块 {parcel} 自 {date} 起为{category}。",
        "en": "Recorded: parcel {parcel} is {category} from {date}.",
    },
    # -- map (MAP's keys; see landinv/ui/map_page.py) -------------------------
    "map.title": {"zh": "地块地图", "en": "Parcel map"},
    "map.caption": {
        "zh": "地块按类型着色，已供应的地块为浅色斜线、虚线边框，实色的是仍可供应的土地。"
        "鼠标悬停看概要，点击地块看全部属性和历史；右上角按钮切换图层，"
        "左上角“测量”量距离和面积，底图在右侧选择。",
        "en": "Parcels are coloured by category; supplied parcels are pale and hatched with a "
        "dashed outline, so solid colour is land still available. Hover for a summary, "
        "click a parcel for all its attributes and history; the button at the top "
        'right switches layers, "Measure" at the top left measures distance and '
        "area, and the basemap is chosen on the right.",
    },
    "map.basemap": {"zh": "底图", "en": "Basemap"},
    "map.basemap_help": {
        "zh": "底图瓦片需要联网；内网或离线时选“无底图”，地块照常显示。"
        "设置天地图密钥后可选天地图。",
        "en": "Basemap tiles need the internet; on an intranet or offline choose "
        '"No basemap" and the parcels still show. Tianditu appears once a key is set.',
    },
    "map.counts": {
        "zh": "显示 {parcels} 个地块、{buildings} 栋厂房（截至 {date}）。",
        "en": "Showing {parcels} parcels and {buildings} buildings as of {date}.",
    },
    "map.no_parcels": {
        "zh": "当前筛选条件下没有地块：放宽侧栏的片区、类型或状态筛选。",
        "en": "No parcel matches the filters: widen the zone, category or status "
        "filters in the sidebar.",
    },
    "map.search_found": {
        "zh": "查找“{query}”：找到 {n} 个地块，已在地图上标出并放大。",
        "en": 'Search "{query}": {n} parcels found, outlined and zoomed to on the map.',
        "en_one": 'Search "{query}": {n} parcel found, outlined and zoomed to on the map.',
    },
    "map.search_many": {
        "zh": "查找“{query}”：找到 {n} 个地块，地图只标出前 {k} 个；请输入更完整的编号或名称。",
        "en": 'Search "{query}": {n} parcels found; the map outlines the first {k}. '
        "Type more of the ID or name to narrow it.",
    },
    "map.search_none": {
        "zh": "查找“{query}”：没有编号、名称或项目名称含此文字的地块（任何日期都没有）。",
        "en": 'Search "{query}": no parcel has this in its ID, name or project, on any date.',
    },
    "map.click_hint": {
        "zh": "点击地图上的地块或厂房，这里显示它的全部属性和历史版本。",
        "en": "Click a parcel or building on the map to see all its attributes and history here.",
    },
    "map.parcel_details": {"zh": "地块 {id}", "en": "Parcel {id}"},
    "map.building_details": {"zh": "厂房 {id}", "en": "Building {id}"},
    "map.not_current": {
        "zh": "{id} 在 {date} 不在台账中（或被筛选掉）；下面是它的历史。",
        "en": "{id} is not in the inventory on {date} (or is filtered out); its history is below.",
    },
    "map.history": {"zh": "历史版本", "en": "History"},
    "map.history_note": {
        "zh": "每次导入、供地或撤销都会关闭旧记录、新增一条；失效日期为空的是现行记录。",
        "en": "Every import, supply or undo closes the old row and adds a new one; the row "
        "without a valid-to date is the current one.",
    },
    "map.field": {"zh": "字段", "en": "Field"},
    "map.value": {"zh": "值", "en": "Value"},
    "map.yes": {"zh": "是", "en": "Yes"},
    "map.no": {"zh": "否", "en": "No"},
    # -- generic --------------------------------------------------------------
    "common.mu": {"zh": "亩", "en": "mu"},
    "common.m2": {"zh": "平方米", "en": "m²"},
    "common.total": {"zh": "合计", "en": "Total"},
    "common.none": {"zh": "无", "en": "None"},
    "common.error": {"zh": "出错了", "en": "Something went wrong"},
    "common.unexpected": {
        "zh": "意外错误：{detail}。台账未被修改；请重试，若仍出错请把这段文字发给维护人员。",
        "en": "Unexpected error: {detail}. Nothing was changed in the inventory; try "
        "again and send this text to the maintainer if it recurs.",
    },
    "common.store_error": {
        "zh": "无法打开台账数据库：{detail}",
        "en": "Cannot open the inventory store: {detail}",
    },
}

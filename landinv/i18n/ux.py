"""Texts of the shared view bar (active filters, clear, copy link), the map's
tools and search, and other first-use fixes (issue 13)."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    # -- sidebar ------------------------------------------------------------------
    "side.all": {"zh": "全部", "en": "All"},
    "side.search_help": {
        "zh": "地块编号、名称或项目名称的一部分，按回车生效。",
        "en": "Part of a parcel ID, name or project name; press Enter to apply.",
    },
    # -- the view bar on every page ---------------------------------------------------
    "view.filters": {"zh": "当前筛选：{items}", "en": "Active filters: {items}"},
    "view.none": {
        "zh": "未筛选：显示全部片区、类型和状态。",
        "en": "No filter: every zone, category and status is shown.",
    },
    "view.search": {"zh": "查找“{q}”", "en": "search “{q}”"},
    "view.sep": {"zh": "；", "en": "; "},
    "view.list_sep": {"zh": "、", "en": ", "},
    "view.clear": {"zh": "清除筛选", "en": "Clear filters"},
    "view.link": {"zh": "复制链接", "en": "Copy link"},
    "view.link_help": {
        "zh": "此链接打开同一视图（页面、语言、截至日期、筛选和查找）。点右侧图标复制。",
        "en": "This link opens the same view (page, language, as-of date, filters and "
        "search). Click the icon on its right to copy it.",
    },
    # -- map search ------------------------------------------------------------------
    "map.search_hidden": {
        "zh": "查找“{query}”：有 {n} 个地块符合，但被筛选隐藏（{why}）。清除筛选即可看到。",
        "en": 'Search "{query}": {n} parcels match but the filters hide them ({why}). '
        "Clear the filters to see them.",
        "en_one": 'Search "{query}": {n} parcel matches but the filters hide it ({why}). '
        "Clear the filters to see it.",
    },
    "map.search_hidden_by": {"zh": "{filter}不含“{value}”", "en": "{filter} leaves out “{value}”"},
    "map.search_absent": {
        "zh": "查找“{query}”：{date} 的台账中没有此地块；它只出现在其他日期的历史版本中"
        "（见“历史”页），请调整截至日期。",
        "en": 'Search "{query}": no such parcel on {date}; it exists only in versions of '
        "other dates (see History). Change the as-of date.",
    },
    "map.hits": {
        "zh": "匹配的地块（点选一行即在下方显示详情）",
        "en": "Matching parcels (pick a row to show its details below)",
    },
}

MESSAGES.update(
    {
        # -- the summary CSV (a display file) -----------------------------------------------
        "csv.floor_label": {"zh": "底线", "en": "Floor"},
        "csv.floor_value": {"zh": "现值", "en": "Value"},
        "csv.floor_floor": {"zh": "底线值", "en": "Floor value"},
        "csv.floor_margin": {"zh": "余量", "en": "Margin"},
        "csv.floor_unit": {"zh": "单位", "en": "Unit"},
        "csv.floor_holds": {"zh": "是否达标", "en": "Holds"},
        "csv.yes": {"zh": "是", "en": "yes"},
        "csv.no": {"zh": "否", "en": "no"},
        "csv.as_of": {"zh": "截至日期", "en": "As of"},
        "csv.counted": {"zh": "统计口径", "en": "Parcels counted"},
        "csv.status_available": {
            "zh": "在库（可供应）的地块",
            "en": "parcels in stock (available)",
        },
        "csv.status_supplied": {"zh": "已供应的地块", "en": "parcels supplied to projects"},
        "csv.status_all": {
            "zh": "全部地块（在库和已供应）",
            "en": "every parcel (in stock and supplied)",
        },
        "csv.note": {"zh": "说明", "en": "Note"},
        "csv.rounded": {
            "zh": "本文件供报告使用，数值已四舍五入（亩保留 2 位小数，平方米取整，公顷保留 4 位）；"
            "全精度数据见 XLSX 或 JSON 导出",
            "en": "A display file for reports: values are rounded (mu to 2 decimals, m² to whole "
            "metres, ha to 4 decimals); full-precision data is in the XLSX or JSON export",
        },
    }
)

MESSAGES.update(
    {
        # -- dashboard: which parcels the zone x category table counts -------------------
        "dash.counted": {"zh": "统计哪些地块", "en": "Parcels counted"},
        "dash.counted_available": {
            "zh": "在库（可供应，与底线口径一致）",
            "en": "In stock (available, as the floor counts)",
        },
        "dash.counted_supplied": {"zh": "已供应给项目", "en": "Supplied to projects"},
        "dash.counted_all": {"zh": "全部（在库 + 已供应）", "en": "All (in stock + supplied)"},
    }
)

MESSAGES.update(
    {
        "hist.undo_pick": {"zh": "选择要撤销的导入", "en": "Choose the import to undo"},
    }
)

MESSAGES.update(
    {
        # -- map tools (browser side, landinv/map/tools.js) -------------------------------
        "map.tool_measure": {"zh": "测量", "en": "Measure"},
        "map.tool_measure_help": {
            "zh": "测距离和面积：点击地图逐点添加，再点此按钮结束",
            "en": "Measure distance and area: click points on the map; "
            "click this button again to finish",
        },
        "map.tool_measure_start": {
            "zh": "在地图上点击第一个点",
            "en": "Click the first point on the map",
        },
        "map.tool_measure_note": {
            "zh": "球面近似，仅供读图；台账面积按椭球计算",
            "en": "Spherical approximation for reading the map; inventory areas are ellipsoidal",
        },
        "map.tool_distance": {"zh": "距离", "en": "Distance"},
        "map.tool_area": {"zh": "面积", "en": "Area"},
        "map.tool_mu": {"zh": "亩", "en": "mu"},
        "map.tool_north": {"zh": "指北针（地图上方为正北）", "en": "North arrow (north is up)"},
        "map.tool_north_letter": {"zh": "北", "en": "N"},
        "map.tool_tiles_offline": {
            "zh": "底图瓦片无法加载（可能没有联网或密钥无效）。地块、厂房和片区图层不受影响；"
            "可在上方选择“无底图”。",
            "en": "Basemap tiles cannot load (no internet, or the key is not valid). Parcels, "
            'buildings and zones are unaffected; choose "No basemap" above.',
        },
    }
)

MESSAGES.update(
    {
        # -- the map as a PNG -----------------------------------------------------------
        "map.png_legend": {"zh": "图例", "en": "Legend"},
        "map.png_supplied": {"zh": "已供应（斜线）", "en": "Supplied (hatched)"},
        "map.png_scale": {"zh": "比例尺（米制）", "en": "Scale (metric)"},
        "map.png_title": {
            "zh": "{zone} 地块图 · 截至 {date}",
            "en": "{zone} parcels · as of {date}",
        },
        "map.png_button": {"zh": "导出地图图片 (PNG)", "en": "Export map image (PNG)"},
        "map.png_help": {
            "zh": "当前视图（所选片区、查找结果或全区）及筛选后的图层，"
            "含图例、比例尺和指北针，供报告使用。",
            "en": "The current view (the chosen zone, the search hits or the whole zone) with the "
            "filtered layers, a legend, a scale bar and a north arrow, for reports.",
        },
        "map.zoom_zone": {"zh": "缩放到片区", "en": "Zoom to zone"},
        "map.zoom_all": {"zh": "全区", "en": "Whole zone"},
    }
)

MESSAGES.update(
    {
        # -- Streamlit's built-in texts, replaced (landinv/ui/builtin_texts.py) ----------
        "builtin.upload": {"zh": "选择文件", "en": "Choose files"},
        "builtin.per_file": {"zh": "每个文件不超过 {mb} MB", "en": "Up to {mb} MB per file"},
        "builtin.no_results": {"zh": "无匹配项", "en": "No match"},
    }
)

MESSAGES.update(
    {
        # -- upload: field mapping targets, by planner's name ----------------------------
        "up.field_help": {
            "zh": "文件中哪个字段是“{field}”？填写字段名，留空则自动识别。",
            "en": "Which field of the file holds “{field}”? Type its name; "
            "leave empty to recognise it automatically.",
        },
        "up.field.parcels.declared_area_mu": {"zh": "申报面积(亩)", "en": "Declared area (mu)"},
        "up.field.buildings.name": {"zh": "厂房名称", "en": "Building name"},
        "up.field.buildings.parcel_id": {"zh": "所在地块编号", "en": "Parcel ID (where it stands)"},
        "up.field.buildings.declared_footprint_m2": {
            "zh": "申报占地面积(平方米)",
            "en": "Declared footprint (m²)",
        },
    }
)

MESSAGES.update(
    {
        "tables.current": {"zh": "至今", "en": "current"},
    }
)

MESSAGES.update(
    {
        # -- dashboard: the breaches table -------------------------------------------------
        "dash.b_floor": {"zh": "底线", "en": "Floor"},
        "dash.b_start": {"zh": "开始", "en": "From"},
        "dash.b_end": {"zh": "结束", "en": "To"},
        "dash.b_open": {"zh": "尚未恢复", "en": "not yet back"},
        "dash.b_days": {"zh": "持续天数", "en": "Days"},
        "dash.b_low": {"zh": "最低", "en": "Lowest"},
        "dash.b_caused": {"zh": "起因（首日的变动）", "en": "Caused by (events of its first day)"},
        "dash.b_ended": {"zh": "恢复（次日的变动）", "en": "Ended by (events of the day after)"},
        "dash.b_events": {
            "zh": "{label} {start} 起的低于底线期间的全部变动（{n} 条）",
            "en": "All {n} events of the {label} breach from {start}",
        },
        "dash.reached": {
            "zh": "{label}于 {date} 首次达到底线，此前为台账建设期，不计为低于底线。",
            "en": "{label} first reached its floor on {date}; the build-up before "
            "it is not counted as a breach.",
        },
        "dash.never_reached": {
            "zh": "{label}尚未达到过底线。",
            "en": "{label} has never reached its floor.",
        },
    }
)

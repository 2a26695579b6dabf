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
    "view.none": {"zh": "未筛选：显示全部片区、类型和状态。",
                  "en": "No filter: every zone, category and status is shown."},
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
        "en": "Search \"{query}\": {n} parcel(s) match but the filters hide them ({why}). "
              "Clear the filters to see them.",
    },
    "map.search_hidden_by": {"zh": "{filter}不含“{value}”", "en": "{filter} leaves out “{value}”"},
    "map.search_absent": {
        "zh": "查找“{query}”：{date} 的台账中没有此地块；它只出现在其他日期的历史版本中"
              "（见“历史”页），请调整截至日期。",
        "en": "Search \"{query}\": no such parcel on {date}; it exists only in versions of "
              "other dates (see History). Change the as-of date.",
    },
    "map.hits": {"zh": "匹配的地块（点选一行即在下方显示详情）",
                 "en": "Matching parcels (pick a row to show its details below)"},
}

MESSAGES.update({
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
    "csv.status_available": {"zh": "在库（可供应）的地块", "en": "parcels in stock (available)"},
    "csv.status_supplied": {"zh": "已供应的地块", "en": "parcels supplied to projects"},
    "csv.status_all": {"zh": "全部地块（在库和已供应）",
                       "en": "every parcel (in stock and supplied)"},
    "csv.note": {"zh": "说明", "en": "Note"},
    "csv.rounded": {
        "zh": "本文件供报告使用，数值已四舍五入（亩保留 2 位小数，平方米取整，公顷保留 4 位）；"
              "全精度数据见 XLSX 或 JSON 导出",
        "en": "A display file for reports: values are rounded (mu to 2 decimals, m² to whole "
              "metres, ha to 4 decimals); full-precision data is in the XLSX or JSON export",
    },
})

MESSAGES.update({
    # -- dashboard: which parcels the zone x category table counts -------------------
    "dash.counted": {"zh": "统计哪些地块", "en": "Parcels counted"},
    "dash.counted_available": {"zh": "在库（可供应，与底线口径一致）",
                               "en": "In stock (available, as the floor counts)"},
    "dash.counted_supplied": {"zh": "已供应给项目", "en": "Supplied to projects"},
    "dash.counted_all": {"zh": "全部（在库 + 已供应）", "en": "All (in stock + supplied)"},
})

MESSAGES.update({
    "hist.undo_pick": {"zh": "选择要撤销的导入", "en": "Choose the import to undo"},
})

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

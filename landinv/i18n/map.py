"""Texts drawn by the map builder (:mod:`landinv.map`): legend, layer names, basemaps,
tooltips and its errors.

The map *page*'s own texts (title, search messages, details) are the ``map.*``
codes of :mod:`landinv.i18n.ui`; the codes here are those the map itself draws.
"""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    # -- legend and layer control ------------------------------------------------------
    "map.legend_title": {"zh": "图例", "en": "Legend"},
    "map.layer_parcels": {"zh": "地块", "en": "Parcels"},
    "map.layer_buildings": {"zh": "厂房", "en": "Buildings"},
    "map.layer_zones": {"zh": "片区边界", "en": "Zone boundaries"},
    "map.layer_highlight": {"zh": "查找结果", "en": "Search result"},
    "map.legend_standard": {"zh": "标准厂房", "en": "Standard factory building"},
    "map.legend_other_building": {"zh": "其他厂房", "en": "Other building"},
    "map.legend_supplied_hint": {
        "zh": "已供应的地块保留类型颜色，显示为浅色斜线填充、虚线边框",
        "en": "Supplied parcels keep their category colour, pale and hatched with a dashed outline",
    },
    # -- tooltips (a building's "standard factory" column) --------------------------------
    "map.tip_yes": {"zh": "是", "en": "yes"},
    "map.tip_no": {"zh": "否", "en": "no"},
    # -- basemaps ------------------------------------------------------------------------
    "map.basemap_none": {"zh": "无底图（离线可用）", "en": "No basemap (works offline)"},
    "map.basemap_tianditu_vec": {"zh": "天地图 矢量", "en": "Tianditu map"},
    "map.basemap_tianditu_img": {"zh": "天地图 影像", "en": "Tianditu imagery"},
    "map.basemap_osm": {"zh": "OpenStreetMap", "en": "OpenStreetMap"},
    "map.basemap_satellite": {"zh": "卫星影像（Esri）", "en": "Satellite (Esri)"},
    # Tile attribution: the provider's own words, the same in both languages.
    "map.attr_tianditu": {"zh": "© 天地图 Tianditu", "en": "© 天地图 Tianditu"},
    # -- errors --------------------------------------------------------------------------
    "map.err_unknown_basemap": {
        "zh": "未知底图 “{basemap}”。可选：{known}",
        "en": "Unknown basemap '{basemap}'. Choose one of: {known}",
    },
    "map.err_tianditu_key": {
        "zh": "天地图底图需要密钥：在 .streamlit/secrets.toml 的 [map] 下设置 tianditu_key，"
        "或设置环境变量 LANDINV_TIANDITU_KEY。",
        "en": "Tianditu needs a key: set tianditu_key under [map] in .streamlit/secrets.toml "
        "or the environment variable LANDINV_TIANDITU_KEY.",
    },
    "map.err_highlight_needs_parcels": {
        "zh": "按编号高亮地块需要地块图层（GeoDataFrame）。",
        "en": "Highlighting parcels by ID needs the parcels as a GeoDataFrame.",
    },
}

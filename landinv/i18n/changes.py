"""Texts of recording a supply, correcting it, taking land back and editing a parcel.

Used by :mod:`landinv.store.revisions`, :mod:`landinv.services.changes`,
:mod:`landinv.services.edits`, the CLI (``correct-supply``, ``take-back``,
``edit-parcel``) and the app's supply and edit panels (:mod:`landinv.ui.changes_panel`).
"""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    # -- errors -------------------------------------------------------------------------
    "err.chg_reason_required": {
        "zh": "请写明原因（谁要求、依据什么），它会和这次操作一起记录。",
        "en": "Give the reason (who asked, on what grounds); it is recorded with the change."},
    "err.chg_no_parcel": {
        "zh": "库中没有现行的地块 “{parcel}”。请检查地块编号。",
        "en": "No current parcel '{parcel}' in the inventory. Check the parcel ID."},
    "err.chg_no_parcel_on": {
        "zh": "{date} 库中没有地块 “{parcel}”。请检查地块编号和日期。",
        "en": "No parcel '{parcel}' in the inventory on {date}. Check the ID and the date."},
    "err.chg_not_supplied": {
        "zh": "地块 {parcel} 目前不是“已供应”状态，无需更正或收回。",
        "en": "Parcel {parcel} is not supplied now; there is no supply to correct or take back."},
    "err.chg_supply_not_recorded": {
        "zh": "地块 {parcel} 是随导入批次以“已供应”状态入库的，不是一条供地记录，不能更正。"
              "如数据有误，请撤销该导入批次或使用“收回”。",
        "en": "Parcel {parcel} came into the inventory already supplied (in an import), not "
              "through a recorded supply, so there is nothing to correct. Undo that import, or "
              "take the parcel back."},
    "err.chg_take_back_date": {
        "zh": "收回日期 {date} 必须晚于地块 {parcel} 的供地日期 {start}。"
              "如果供地本身是误录，请用“更正误录的供地”。",
        "en": "The take-back date {date} must be after parcel {parcel}'s supply on {start}. "
              "If the supply itself was a mistake, correct it instead."},
    "err.chg_supply_breach": {
        "zh": "供应地块 {parcel}（{area} 亩）后，{date} 工业熟地保有量将为 {land_after} 亩，"
              "低于 {land_floor} 亩底线（供应前 {land_before} 亩）。未记录。"
              "如确需供应，请勾选确认突破底线后再提交。",
        "en": "Supplying parcel {parcel} ({area} mu) leaves {land_after} mu of ready land on "
              "{date}, below the {land_floor} mu floor (was {land_before} mu). Nothing was "
              "recorded. To supply anyway, tick the box confirming the breach and submit "
              "again."},
    "chg.breach_confirmed": {
        "zh": "已确认突破底线：供应后工业熟地 {land_after} 亩，低于 {land_floor} 亩（供应前 "
              "{land_before} 亩）",
        "en": "Breach confirmed: ready land {land_after} mu after the supply, below the "
              "{land_floor} mu floor (was {land_before} mu)"},
    "err.chg_edit_field": {
        "zh": "不能用“修改地块”更改这些字段：{fields}。可改：名称、用地代码、供应项目、片区、边界。",
        "en": "These fields cannot be edited: {fields}. Editable: name, land-use code, "
              "project, zone, outline."},
    "err.chg_edit_nothing": {
        "zh": "地块 {parcel} 没有任何改动，未记录。",
        "en": "Nothing changes for parcel {parcel}; nothing was recorded."},
    "err.chg_edit_date": {
        "zh": "日期 {date} 早于地块 {parcel} 当前记录的生效日期 {start}。请选 {start} 或之后的日期。",
        "en": "Date {date} is before parcel {parcel}'s current version ({start}). Pick "
              "{start} or later."},
    "err.chg_edit_zone_blank": {
        "zh": "地块 {parcel} 的片区不能为空。", "en": "Parcel {parcel} needs a zone."},
    "err.chg_outline_unreadable": {
        "zh": "读不懂新边界。请在地图上画一个多边形，或给出 GeoJSON / WKT（经纬度，CGCS2000）。",
        "en": "The new outline cannot be read. Draw a polygon on the map, or give GeoJSON / "
              "WKT (longitude/latitude, CGCS2000)."},
    "err.chg_outline_invalid": {
        "zh": "地块 {parcel} 的新边界不是有效的多边形（{reason}）。请重新绘制，边线不要自相交。",
        "en": "The new outline of parcel {parcel} is not a valid polygon ({reason}). Draw it "
              "again without crossing edges."},
    "err.chg_outline_outside": {
        "zh": "地块 {parcel} 的新边界有 {share} 在开发区各片区之外。请在片区范围内绘制。",
        "en": "{share} of parcel {parcel}'s new outline lies outside the zones of the "
              "development zone. Draw it inside them."},
    "err.chg_outline_zone": {
        "zh": "地块 {parcel} 的新边界落在片区 {found}，而地块属于片区 {zone}。"
              "请同时修改片区，或重新绘制。",
        "en": "Parcel {parcel}'s new outline lies in zone {found}, but the parcel belongs to "
              "zone {zone}. Change the zone too, or draw it again."},
    "err.chg_outline_overlap": {
        "zh": "地块 {parcel} 的新边界与库中地块重叠：{others}。请调整边界，避免重复计算面积。",
        "en": "Parcel {parcel}'s new outline overlaps stored parcels: {others}. Adjust it so "
              "no area is counted twice."},
    "chg.outline": {"zh": "边界", "en": "Outline"},
    # -- CLI ------------------------------------------------------------------------------
    "chg.cli_corrected": {
        "zh": "已更正：地块 {parcel} 供应给 {project} 的记录标为误录，自 {date} 起回到库存。",
        "en": "Corrected: the supply of parcel {parcel} to {project} is marked a mistake; the "
              "parcel is back in stock from {date}."},
    "chg.cli_taken_back": {
        "zh": "已收回：地块 {parcel}（原供应给 {project}）自 {date} 起重新入库。",
        "en": "Taken back: parcel {parcel} (supplied to {project}) is in stock again from "
              "{date}."},
    "chg.cli_edited": {
        "zh": "已修改地块 {parcel}（{fields}），自 {date} 起生效。",
        "en": "Parcel {parcel} edited ({fields}), in effect from {date}."},
    "chg.cli_effect": {
        "zh": "供地影响（{date}）：工业熟地 {land_before} → {land_after} 亩（底线 {land_floor}）；"
              "标准厂房 {factory_before} → {factory_after} 平方米（底线 {factory_floor}）",
        "en": "Effect on {date}: ready land {land_before} → {land_after} mu (floor "
              "{land_floor}); standard factory space {factory_before} → {factory_after} m² "
              "(floor {factory_floor})"},
    "chg.cli_breach_recorded": {
        "zh": "注意：本次供地突破底线，确认已记录。",
        "en": "Note: this supply breaks a floor; the confirmation is recorded."},
}

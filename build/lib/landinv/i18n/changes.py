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
        "en": "Give the reason (who asked, on what grounds); it is recorded with the change.",
    },
    "err.chg_no_parcel": {
        "zh": "库中没有现行的地块 “{parcel}”。请检查地块编号。",
        "en": "No current parcel '{parcel}' in the inventory. Check the parcel ID.",
    },
    "err.chg_no_parcel_on": {
        "zh": "{date} 库中没有地块 “{parcel}”。请检查地块编号和日期。",
        "en": "No parcel '{parcel}' in the inventory on {date}. Check the ID and the date.",
    },
    "err.chg_not_supplied": {
        "zh": "地块 {parcel} 目前不是“已供应”状态，无需更正或收回。",
        "en": "Parcel {parcel} is not supplied now; there is no supply to correct or take back.",
    },
    "err.chg_supply_not_recorded": {
        "zh": "地块 {parcel} 是随导入批次以“已供应”状态入库的，不是一条供地记录，不能更正。"
        "如数据有误，请撤销该导入批次或使用“收回”。",
        "en": "Parcel {parcel} came into the inventory already supplied (in an import), not "
        "through a recorded supply, so there is nothing to correct. Undo that import, or "
        "take the parcel back.",
    },
    "err.chg_take_back_date": {
        "zh": "收回日期 {date} 必须晚于地块 {parcel} 的供地日期 {start}。"
        "如果供地本身是误录，请用“更正误录的供地”。",
        "en": "The take-back date {date} must be after parcel {parcel}'s supply on {start}. "
        "If the supply itself was a mistake, correct it instead.",
    },
    "err.chg_supply_breach": {
        "zh": "供应地块 {parcel}（{area} 亩）后，{date} 工业熟地保有量将为 {land_after} 亩，"
        "低于 {land_floor} 亩底线（供应前 {land_before} 亩）。未记录。"
        "如确需供应，请勾选确认突破底线后再提交。",
        "en": "Supplying parcel {parcel} ({area} mu) leaves {land_after} mu of ready land on "
        "{date}, below the {land_floor} mu floor (was {land_before} mu). Nothing was "
        "recorded. To supply anyway, tick the box confirming the breach and submit "
        "again.",
    },
    "chg.breach_confirmed": {
        "zh": "已确认突破底线：供应后工业熟地 {land_after} 亩，低于 {land_floor} 亩（供应前 "
        "{land_before} 亩）",
        "en": "Breach confirmed: ready land {land_after} mu after the supply, below the "
        "{land_floor} mu floor (was {land_before} mu)",
    },
    "err.chg_edit_field": {
        "zh": "不能用“修改地块”更改这些字段：{fields}。"
        "可改：名称、用地代码、供应项目、片区、边界。",
        "en": "These fields cannot be edited: {fields}. Editable: name, land-use code, "
        "project, zone, outline.",
    },
    "err.chg_edit_nothing": {
        "zh": "地块 {parcel} 没有任何改动，未记录。",
        "en": "Nothing changes for parcel {parcel}; nothing was recorded.",
    },
    "err.chg_edit_date": {
        "zh": "日期 {date} 早于地块 {parcel} 当前记录的生效日期 {start}。"
        "请选 {start} 或之后的日期。",
        "en": "Date {date} is before parcel {parcel}'s current version ({start}). Pick "
        "{start} or later.",
    },
    "err.chg_edit_zone_blank": {
        "zh": "地块 {parcel} 的片区不能为空。",
        "en": "Parcel {parcel} needs a zone.",
    },
    "err.chg_outline_unreadable": {
        "zh": "读不懂新边界。请在地图上画一个多边形，或给出 GeoJSON / WKT（经纬度，CGCS2000）。",
        "en": "The new outline cannot be read. Draw a polygon on the map, or give GeoJSON / "
        "WKT (longitude/latitude, CGCS2000).",
    },
    "err.chg_outline_invalid": {
        "zh": "地块 {parcel} 的新边界不是有效的多边形（{reason}）。请重新绘制，边线不要自相交。",
        "en": "The new outline of parcel {parcel} is not a valid polygon ({reason}). Draw it "
        "again without crossing edges.",
    },
    "err.chg_outline_outside": {
        "zh": "地块 {parcel} 的新边界有 {share} 在开发区各片区之外。请在片区范围内绘制。",
        "en": "{share} of parcel {parcel}'s new outline lies outside the zones of the "
        "development zone. Draw it inside them.",
    },
    "err.chg_outline_zone": {
        "zh": "地块 {parcel} 的新边界落在片区 {found}，而地块属于片区 {zone}。"
        "请同时修改片区，或重新绘制。",
        "en": "Parcel {parcel}'s new outline lies in zone {found}, but the parcel belongs to "
        "zone {zone}. Change the zone too, or draw it again.",
    },
    "err.chg_outline_overlap": {
        "zh": "地块 {parcel} 的新边界与库中地块重叠：{others}。请调整边界，避免重复计算面积。",
        "en": "Parcel {parcel}'s new outline overlaps stored parcels: {others}. Adjust it so "
        "no area is counted twice.",
    },
    "chg.outline": {"zh": "边界", "en": "Outline"},
    # -- app: the supply / correct / take-back panel (landinv/ui/changes_panel.py) ----------
    "chg.choose_parcel": {"zh": "请选择地块", "en": "Choose a parcel"},
    "chg.project_placeholder": {"zh": "项目名称", "en": "Project name"},
    "chg.need_parcel": {"zh": "请先选择地块。", "en": "Choose a parcel first."},
    "chg.need_project": {
        "zh": "请填写供应的项目名称，再点“核对供地”。",
        "en": "Give the project's name, then press Review supply.",
    },
    "chg.need_reason": {"zh": "请写明原因，再点核对。", "en": "Give the reason, then review."},
    "chg.supply_review": {"zh": "核对供地", "en": "Review supply"},
    "chg.supply_review_title": {
        "zh": "请核对后确认：以下供地尚未记录",
        "en": "Check, then confirm: this supply is not recorded yet",
    },
    "chg.parcel": {"zh": "地块", "en": "Parcel"},
    "chg.area": {"zh": "面积", "en": "Area"},
    "chg.zone": {"zh": "片区", "en": "Zone"},
    "chg.effect_on": {"zh": "对两条底线的影响（{date}）", "en": "Effect on both floors ({date})"},
    "chg.col_floor": {"zh": "底线", "en": "Floor"},
    "chg.col_floor_value": {"zh": "底线值", "en": "Floor value"},
    "chg.col_before": {"zh": "之前", "en": "Before"},
    "chg.col_after": {"zh": "之后", "en": "After"},
    "chg.col_state": {"zh": "之后是否达标", "en": "After: floor met?"},
    "chg.col_field": {"zh": "项目", "en": "Item"},
    "chg.col_value": {"zh": "内容", "en": "Value"},
    "chg.floor_land": {"zh": "工业熟地保有量", "en": "Ready industrial land"},
    "chg.floor_factory": {"zh": "标准厂房保有量", "en": "Standard factory floor space"},
    "chg.holds": {"zh": "达标", "en": "Met"},
    "chg.still_below": {"zh": "仍低于底线", "en": "Still below"},
    "chg.breaks": {"zh": "低于底线", "en": "Below the floor"},
    "chg.supply_breaks_warning": {
        "zh": "这次供地会使工业熟地保有量降到 {land_after} 亩，低于 {land_floor} 亩底线"
        "（供应前 {land_before} 亩）。如确需供应，请勾选下面的确认，确认会和供地一起记录。",
        "en": "This supply takes ready land to {land_after} mu, below the {land_floor} mu "
        "floor (was {land_before} mu). To supply anyway, tick the confirmation below; "
        "it is recorded with the supply.",
    },
    "chg.confirm_breach": {
        "zh": "我确认本次供地突破底线，并记录在案",
        "en": "I confirm this supply breaks the floor; record it",
    },
    "chg.not_counted": {
        "zh": "该地块不计入工业熟地保有量，供地不改变两条底线。",
        "en": "This parcel does not count as ready land in stock; the floors do not change.",
    },
    "chg.supply_confirm": {"zh": "确认记录供地", "en": "Confirm supply"},
    "chg.back": {"zh": "返回修改", "en": "Back"},
    "chg.none_supplied": {"zh": "目前没有已供应的地块。", "en": "No parcel is supplied now."},
    "chg.none_correctable": {
        "zh": "没有可更正的供地记录（随导入批次入库的“已供应”地块请用撤销导入或收回）。",
        "en": "No recorded supply to correct (parcels imported as supplied: undo the import "
        "or take them back).",
    },
    "chg.supplied_parcel": {"zh": "地块（已供应）", "en": "Parcel (supplied)"},
    "chg.take_back_date": {"zh": "收回日期", "en": "Date taken back"},
    "chg.reason": {"zh": "原因", "en": "Reason"},
    "chg.reason_placeholder": {
        "zh": "例如：录错地块；企业退地（文号）",
        "en": "e.g. wrong parcel entered; land returned (ref. no.)",
    },
    "chg.correct": {"zh": "更正误录的供地", "en": "Correct a mistaken supply"},
    "chg.take_back": {"zh": "收回入库", "en": "Take land back into stock"},
    "chg.correct_review": {"zh": "核对更正", "en": "Review correction"},
    "chg.take_back_review": {"zh": "核对收回", "en": "Review take-back"},
    "chg.correct_review_title": {
        "zh": "请核对后确认：更正误录的供地",
        "en": "Check, then confirm: correct a mistaken supply",
    },
    "chg.take_back_review_title": {
        "zh": "请核对后确认：收回入库",
        "en": "Check, then confirm: take land back into stock",
    },
    "chg.recorded_by": {"zh": "供地记录人 · 时间", "en": "Supply recorded by · at"},
    "chg.back_in_stock_from": {"zh": "重新入库日期", "en": "Back in stock from"},
    "chg.correct_explain": {
        "zh": "更正后，该地块自 {date} 起视同从未供应：历史查询和底线曲线都不再显示这次供地；"
        "供地记录保留，标为“已更正（误录）”，并记下更正人、时间和原因。",
        "en": "After the correction the parcel counts as never supplied from {date}: as-of "
        "views and the floor curves no longer show this supply; the supply record stays, "
        "marked corrected, with who corrected it, when and why.",
    },
    "chg.correct_confirm": {"zh": "确认更正", "en": "Confirm correction"},
    "chg.take_back_confirm": {"zh": "确认收回", "en": "Confirm take-back"},
    "chg.correct_done": {
        "zh": "已更正：地块 {parcel} 供应给 {project} 的记录标为误录，自 {date} 起回到库存。",
        "en": "Corrected: the supply of parcel {parcel} to {project} is marked a mistake; the "
        "parcel is back in stock from {date}.",
    },
    "chg.take_back_done": {
        "zh": "已收回：地块 {parcel}（原供应给 {project}）自 {date} 起重新入库。",
        "en": "Taken back: parcel {parcel} (supplied to {project}) is in stock again from {date}.",
    },
    # -- app: the parcel's details on the map (landinv/ui/parcel_actions.py) --------------
    "chg.actions": {"zh": "操作", "en": "Actions"},
    "chg.edit": {"zh": "修改属性", "en": "Edit attributes"},
    "chg.edit_date": {"zh": "生效日期", "en": "In effect from"},
    "chg.edit_reason_placeholder": {
        "zh": "例如：按不动产登记更正名称",
        "en": "e.g. name corrected from the land register",
    },
    "chg.edit_save": {"zh": "保存修改", "en": "Save changes"},
    "chg.edit_done": {
        "zh": "已修改地块 {parcel}（{fields}），自 {date} 起生效。",
        "en": "Parcel {parcel} edited ({fields}), in effect from {date}.",
    },
    "chg.outline_tab": {"zh": "修改边界", "en": "Edit outline"},
    "chg.draw_missing": {
        "zh": "绘图组件（Leaflet.draw）未安装。"
        "请在项目目录运行 bash scripts/assets.sh，然后刷新页面。",
        "en": "The drawing tool (Leaflet.draw) is not installed. Run bash scripts/assets.sh in "
        "the project folder, then reload the page.",
    },
    "chg.outline_help": {
        "zh": "用地图左上角的编辑按钮拖动边界顶点（或删除后重新绘制多边形），点“Save”保存绘制，"
        "再填写原因并保存为新版本。灰色为相邻地块。",
        "en": "Use the edit button at the map's top left to drag the outline's vertices (or "
        "delete it and draw a new polygon), press Save in the toolbar, then give a reason "
        "and save it as a new version. Grey: neighbouring parcels.",
    },
    "chg.outline_one": {"zh": "请只保留一个多边形。", "en": "Keep exactly one polygon."},
    "chg.outline_unchanged": {
        "zh": "边界未改动（当前面积 {area}）。",
        "en": "The outline is unchanged (area now {area}).",
    },
    "chg.outline_new_area": {
        "zh": "新边界面积：{before} → {after}（保存时由台账按椭球面重新计算）。",
        "en": "New outline's area: {before} → {after} (recomputed on the "
        "ellipsoid by the store when saved).",
    },
    "chg.outline_reason_placeholder": {
        "zh": "例如：按 2025 年测绘成果更正",
        "en": "e.g. corrected from the 2025 survey",
    },
    "chg.outline_save": {"zh": "保存新边界", "en": "Save the new outline"},
    "chg.outline_done": {
        "zh": "已保存地块 {parcel} 的新边界（{area}），自 {date} 起生效。",
        "en": "New outline of parcel {parcel} saved ({area}), in effect from {date}.",
    },
    "chg.never_in_effect": {"zh": "未生效", "en": "never in effect"},
    "chg.col_act": {"zh": "操作", "en": "Act"},
    "chg.col_changed": {"zh": "改动", "en": "Changed"},
    "chg.col_by": {"zh": "操作人", "en": "By"},
    "chg.col_at": {"zh": "记录时间", "en": "Recorded at"},
    "chg.col_why": {"zh": "原因 / 文件", "en": "Why / file"},
    # -- app: History's supply records ---------------------------------------------------
    "chg.records": {"zh": "供地记录", "en": "Supply records"},
    "chg.records_note": {
        "zh": "每条供地记录及其后续：有效、已更正（误录，视同未供应）或已收回。",
        "en": "Every recorded supply and what became of it: live, corrected (a mistake, "
        "counted as never supplied) or taken back.",
    },
    "chg.no_records": {"zh": "还没有供地记录。", "en": "No supply recorded yet."},
    "chg.col_recorded": {"zh": "记录人 · 时间", "en": "Recorded by · at"},
    "chg.col_record_state": {"zh": "状态", "en": "State"},
    "chg.col_state_detail": {
        "zh": "更正/收回：日期 · 人 · 原因",
        "en": "Corrected / taken back: date · by · reason",
    },
    "chg.col_note": {"zh": "备注", "en": "Note"},
    "chg.state.live": {"zh": "有效", "en": "Live"},
    "chg.state.corrected": {"zh": "已更正（误录）", "en": "Corrected (mistake)"},
    "chg.state.taken_back": {"zh": "已收回", "en": "Taken back"},
    # -- change-log actions of this work (History; the others are in ui.py) --------------
    "hist.action.correct_supply": {"zh": "更正误录供地", "en": "Supply corrected"},
    "hist.action.take_back": {"zh": "收回入库", "en": "Taken back"},
    "hist.action.edit": {"zh": "修改地块", "en": "Parcel edited"},
    # -- CLI ------------------------------------------------------------------------------
    "chg.cli_corrected": {
        "zh": "已更正：地块 {parcel} 供应给 {project} 的记录标为误录，自 {date} 起回到库存。",
        "en": "Corrected: the supply of parcel {parcel} to {project} is marked a mistake; the "
        "parcel is back in stock from {date}.",
    },
    "chg.cli_taken_back": {
        "zh": "已收回：地块 {parcel}（原供应给 {project}）自 {date} 起重新入库。",
        "en": "Taken back: parcel {parcel} (supplied to {project}) is in stock again from {date}.",
    },
    "chg.cli_edited": {
        "zh": "已修改地块 {parcel}（{fields}），自 {date} 起生效。",
        "en": "Parcel {parcel} edited ({fields}), in effect from {date}.",
    },
    "chg.cli_effect": {
        "zh": "供地影响（{date}）：工业熟地 {land_before} → {land_after} 亩（底线 {land_floor}）；"
        "标准厂房 {factory_before} → {factory_after} 平方米（底线 {factory_floor}）",
        "en": "Effect on {date}: ready land {land_before} → {land_after} mu (floor "
        "{land_floor}); standard factory space {factory_before} → {factory_after} m² "
        "(floor {factory_floor})",
    },
    "chg.cli_breach_recorded": {
        "zh": "注意：本次供地突破底线，确认已记录。",
        "en": "Note: this supply breaks a floor; the confirmation is recorded.",
    },
}

"""Texts of enterprises and per-mu efficiency (亩均论英雄): import report, evaluation.

Size: catalogue data (one entry per text of the import report, the evaluation and the page);
splitting it would only scatter the codes of one capability.
"""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    "eff.log.import_note": {
        "zh": "{file}：企业登记 {changed} 个版本、用地关联 {links} 条、"
        "年度指标 {figures} 条（{year} 年）",
        "en": "{file}: {changed} register versions, {links} links, {figures} figures ({year})",
    },
    "eff.table.enterprises": {
        "zh": "企业名录（全部版本）",
        "en": "Enterprise register, every version",
    },
    "eff.table.enterprise_sites": {
        "zh": "企业用地与租用厂房（全部版本）",
        "en": "Enterprise land use and rented floor space, every version",
    },
    "eff.table.enterprise_figures": {
        "zh": "企业年度指标",
        "en": "Enterprise yearly figures",
    },
    "err.eff.xls": {
        "zh": "不支持旧版 Excel（.xls）文件 {path}。请在 Excel 中另存为 .xlsx 或 CSV 后再导入。",
        "en": "Old Excel files (.xls) such as {path} are not supported. Save it as .xlsx "
        "or CSV in Excel and import that.",
    },
    "err.eff.format": {
        "zh": "{path} 不是 XLSX 或 CSV 文件。企业数据请用 .xlsx 或 .csv 导入。",
        "en": "{path} is not an XLSX or CSV file. Import enterprise data as .xlsx or .csv.",
    },
    "err.eff.xlsx_corrupt": {
        "zh": "无法打开 Excel 文件 {path}（文件损坏或不是 xlsx）。请重新导出后再试。",
        "en": "The Excel file {path} cannot be opened (corrupt or not xlsx). Export it "
        "again and retry.",
    },
    "err.eff.encoding": {
        "zh": "CSV 文件的编码无法识别（既不是 UTF-8 也不是 GBK）。请另存为 UTF-8 CSV。",
        "en": "The CSV file's encoding is neither UTF-8 nor GBK. Save it as UTF-8 CSV.",
    },
    "err.eff.not_found": {
        "zh": "找不到文件：{path}",
        "en": "File not found: {path}",
    },
    "err.eff.already_imported": {
        "zh": "该文件已导入过（批次 {import_id}），不会重复导入。如需替换，请先撤销该批次。",
        "en": "This file was already imported (import {import_id}); it is not imported "
        "twice. Undo that import first to replace it.",
    },
    "err.eff.unknown_enterprise": {
        "zh": "企业 {credit_code} 不在企业名录中，文件里也没有企业名称。请补上企业名称列。",
        "en": "Enterprise {credit_code} is not in the register and the file gives no name. "
        "Add the enterprise name column.",
    },
    "err.eff.before_current": {
        "zh": "企业 {credit_code} 的现行记录自 {start} 起生效，晚于本次导入日期 "
        "{date}。请使用更晚的日期。",
        "en": "The current record of enterprise {credit_code} starts {start}, after this "
        "import's date {date}. Use a later date.",
    },
    "err.eff.refused": {
        "zh": "企业数据未导入：{n} 个问题需要修正（见报告）。",
        "en": "The enterprise data was not imported: {n} problems must be fixed (see the report).",
    },
    "err.eff.year": {
        "zh": "年份 {year} 不合理，请写四位年份，例如 2025。",
        "en": "Year {year} is not plausible; write a four-digit year such as 2025.",
    },
    "err.eff.no_scheme": {
        "zh": "landinv.toml 中没有 {year} 年的评价办法 "
        "[evaluation.{year}]，也没有更早年份的可沿用。请按 docs/efficiency.md 添加。",
        "en": "landinv.toml has no evaluation scheme [evaluation.{year}] and no earlier "
        "year to carry forward. Add one as described in docs/efficiency.md.",
    },
    "err.eff.config": {
        "zh": "配置 {key} 有误：{detail}。请按 docs/efficiency.md 修正 landinv.toml。",
        "en": "Setting {key} is wrong: {detail}. Fix landinv.toml as described in "
        "docs/efficiency.md.",
    },
    "err.eff.out_needed": {
        "zh": "--format {fmt} 需要 --out 指定输出文件。",
        "en": "--format {fmt} needs --out PATH.",
    },
    "err.eff.not_candidate": {
        "zh": "地块 {parcel_id} 不在 {year} 年低效用地候选清单中。",
        "en": "Parcel {parcel_id} is not a {year} low-efficiency candidate.",
    },
    "err.eff.reason_needed": {
        "zh": "请填写认定为盘活低效用地的理由。",
        "en": "Give the reason for marking the parcel as revitalisation land.",
    },
    "eff.report.head": {
        "zh": "企业数据 {file}（{year} 年）：读取 {rows} 行，编码 {encoding}",
        "en": "Enterprise data {file} ({year}): {rows} rows read, encoding {encoding}",
    },
    "eff.report.accepted": {
        "zh": "结论：可以导入。",
        "en": "Verdict: can be imported.",
    },
    "eff.report.refused": {
        "zh": "结论：不能导入，请先修正下列问题。",
        "en": "Verdict: refused; fix the problems below first.",
    },
    "eff.report.counts": {
        "zh": "企业 {enterprises} 家（新增 {new} 家），指标 {figures} 项，用地/租用关系 {links} 条",
        "en": "{enterprises} enterprises ({new} new), {figures} figures, {links} "
        "land/floor-space links",
    },
    "eff.report.must_fix": {
        "zh": "必须修正（{n}）：",
        "en": "Must fix ({n}):",
    },
    "eff.report.warnings": {
        "zh": "请核对（{n}）：",
        "en": "Please check ({n}):",
    },
    "eff.report.notes": {
        "zh": "说明（{n}）：",
        "en": "Notes ({n}):",
    },
    "eff.report.more": {
        "zh": "……另有 {n} 条，见 JSON 报告",
        "en": "... {n} more in the JSON report",
    },
    "eff.report.row": {
        "zh": "第 {row} 行",
        "en": "row {row}",
    },
    "eff.report.imported": {
        "zh": "已导入，批次 {import_id}",
        "en": "Imported as {import_id}",
    },
    "eff.report.dry_run": {
        "zh": "试运行：可以导入，未写入。",
        "en": "Dry run: would import; nothing stored.",
    },
    "eff.issue.column_ignored": {
        "zh": "未识别的列“{column}”已忽略。",
        "en": "Column '{column}' is not recognised and was ignored.",
    },
    "eff.issue.duplicate_column": {
        "zh": "列“{column}”与“{other}”是同一项指标，请删去其中一列。",
        "en": "Columns '{column}' and '{other}' hold the same field; delete one of them.",
    },
    "eff.issue.missing_column": {
        "zh": "缺少“统一社会信用代码”列：企业数据按信用代码对应，请加上这一列。",
        "en": "The unified social credit code column is missing: rows are joined on it, so add it.",
    },
    "eff.issue.nothing_to_import": {
        "zh": "除信用代码和名称外没有可识别的列（如 税收、营业收入、地块编号）。请检查表头。",
        "en": "Besides the credit code and name there is no recognised column (such as "
        "tax, revenue or parcel ID). Check the header row.",
    },
    "eff.issue.no_rows": {
        "zh": "文件里没有数据行。",
        "en": "The file has no data rows.",
    },
    "eff.issue.unit_assumed": {
        "zh": "列“{column}”未注明单位，按 {unit} 读取。",
        "en": "Column '{column}' names no unit; read as {unit}.",
    },
    "eff.issue.unknown_unit": {
        "zh": "列“{column}”的单位“{unit}”无法识别，应为 {expected} 一类的单位。",
        "en": "Column '{column}': unit '{unit}' is not recognised; use a unit like {expected}.",
    },
    "eff.issue.wrong_unit": {
        "zh": "列“{column}”的单位“{unit}”不适用于该指标，应为 {expected} 一类的单位。",
        "en": "Column '{column}': unit '{unit}' does not fit this field; use a unit like "
        "{expected}.",
    },
    "eff.issue.missing_code": {
        "zh": "缺少统一社会信用代码。",
        "en": "The credit code is missing.",
    },
    "eff.issue.bad_credit_code": {
        "zh": "统一社会信用代码格式不对（{length} 位）：应为 18 位数字或大写字母（不含 "
        "I、O、Z、S、V）。",
        "en": "Malformed credit code ({length} characters): it has 18 digits or capitals "
        "(no I, O, Z, S, V).",
    },
    "eff.issue.bad_check_digit": {
        "zh": "统一社会信用代码校验位不对（GB 32100-2015），多半有字符录错。请对照营业执照核对。",
        "en": "The credit code's check character is wrong (GB 32100-2015): a character is "
        "probably mistyped. Check it against the business licence.",
    },
    "eff.issue.duplicate_code": {
        "zh": "信用代码在文件中重复出现（第 {rows} 行）。每家企业只能一行。",
        "en": "The credit code appears more than once (rows {rows}). Keep one row per enterprise.",
    },
    "eff.issue.unknown_scale": {
        "zh": "规模“{value}”无法识别，请填 规上 或 规下。",
        "en": "Scale '{value}' is not recognised; write above-scale or below-scale (or yes / no).",
    },
    "eff.issue.unknown_state": {
        "zh": "状态“{value}”无法识别，请填 在产、在建 或 停产。",
        "en": "State '{value}' is not recognised; write producing, building or stopped.",
    },
    "eff.issue.unknown_enterprise": {
        "zh": "该信用代码不在企业名录中，文件里也没有企业名称：无法对应。请核对代码或加上企"
        "业名称列。",
        "en": "This credit code is not in the register and the file gives no name, so it "
        "matches nothing. Check the code or add the name column.",
    },
    "eff.issue.scale_missing": {
        "zh": "新企业未注明规上/规下，暂不参加评价。",
        "en": "New enterprise without above/below-scale: not evaluated until it is given.",
    },
    "eff.issue.unknown_parcel": {
        "zh": "地块编号“{parcel}”在台账中不存在。请核对编号。",
        "en": "Parcel ID '{parcel}' is not in the inventory. Check the ID.",
    },
    "eff.issue.unknown_building": {
        "zh": "厂房编号“{building}”在台账中不存在。请核对编号。",
        "en": "Building ID '{building}' is not in the inventory. Check the ID.",
    },
    "eff.issue.rented_mismatch": {
        "zh": "厂房编号有 {buildings} 个，租用面积有 {areas} 个：请逐个对应填写。",
        "en": "{buildings} building IDs but {areas} rented areas: give one area per building.",
    },
    "eff.issue.rented_invalid": {
        "zh": "厂房 {building} 的租用面积缺失或不是正数。",
        "en": "The rented area in building {building} is missing or not positive.",
    },
    "eff.issue.rented_exceeds": {
        "zh": "厂房 {building} 的租用面积 {rented} 平方米超过其建筑面积 {floor} 平方米。",
        "en": "Rented area {rented} m² in building {building} exceeds its floor area {floor} m².",
    },
    "eff.issue.duplicate_site": {
        "zh": "企业 {credit_code} 重复登记了 {object_id}。",
        "en": "Enterprise {credit_code} lists {object_id} twice.",
    },
    "eff.issue.not_a_number": {
        "zh": "列“{column}”的值“{value}”不是数字。",
        "en": "Column '{column}': '{value}' is not a number.",
    },
    "eff.issue.missing_value": {
        "zh": "列“{column}”有 {n} 个空值（如 {codes}），这些企业该项不导入，评价时按缺失处理。",
        "en": "Column '{column}' has {n} blank values (e.g. {codes}); they are not stored "
        "and count as missing in the evaluation.",
    },
    "eff.issue.negative_value": {
        "zh": "列“{column}”为负数（{value}），已导入，评价中该项得 0 分。",
        "en": "Column '{column}' is negative ({value}); stored, and it scores 0 in the evaluation.",
    },
    "eff.issue.magnitude": {
        "zh": "列“{column}”的中位数 {median} 不在常见范围 {low}–{high} "
        "内，单位可能差了上千倍（元与万元？）。请核对表头单位。",
        "en": "Column '{column}': median {median} is outside the usual {low}–{high}; the "
        "unit may be a thousandfold off (yuan vs 10k yuan?). Check the header's unit.",
    },
    "eff.issue.magnitude_history": {
        "zh": "列“{column}”的中位数 {median} 是往年（{earlier}）的 {ratio} "
        "倍，单位可能差了上千倍。请核对表头单位。",
        "en": "Column '{column}': median {median} is {ratio} times earlier years' "
        "({earlier}); the unit may be a thousandfold off. Check the header's unit.",
    },
    "eff.issue.outlier": {
        "zh": "列“{column}”的值 {value} 与中位数 {median} 相差数百倍以上，请核对。",
        "en": "Column '{column}': {value} is hundreds of times the median {median}; please check.",
    },
    "eff.rule.low_tax": {
        "zh": "亩均税收低于3万元",
        "en": "Tax per mu below 30,000 yuan",
    },
    "eff.rule.below_half_average": {
        "zh": "亩均税收不足全区平均的一半",
        "en": "Tax per mu below half the zone average",
    },
    "eff.rule.low_plot_ratio": {
        "zh": "容积率低于1.0",
        "en": "Plot ratio below 1.0",
    },
    "eff.rule.class_d": {
        "zh": "连续2年评为D类",
        "en": "Class D two years running",
    },
    "eff.rule.idle": {
        "zh": "供地满2年未建未投产",
        "en": "Idle: nothing built or producing 2 years after supply",
    },
    "eff.rule.stopped": {
        "zh": "企业停产",
        "en": "Enterprise stopped production",
    },
    "eff.ind.tax_per_mu": {
        "zh": "亩均税收",
        "en": "Tax per mu",
    },
    "eff.ind.value_added_per_mu": {
        "zh": "亩均增加值",
        "en": "Value added per mu",
    },
    "eff.ind.value_added_per_energy": {
        "zh": "单位能耗增加值",
        "en": "Value added per unit energy",
    },
    "eff.ind.value_added_per_emission": {
        "zh": "单位排放增加值",
        "en": "Value added per unit emissions",
    },
    "eff.ind.labour_productivity": {
        "zh": "全员劳动生产率",
        "en": "Labour productivity",
    },
    "eff.ind.rd_share": {
        "zh": "研发经费占比",
        "en": "R&D intensity",
    },
    "eff.ind.tax_per_kwh": {
        "zh": "单位电耗税收",
        "en": "Tax per kWh",
    },
    "eff.ind.revenue_per_mu": {
        "zh": "亩均营业收入",
        "en": "Revenue per mu",
    },
    "eff.unit.tax_per_mu": {
        "zh": "万元/亩",
        "en": "10k yuan/mu",
    },
    "eff.unit.value_added_per_mu": {
        "zh": "万元/亩",
        "en": "10k yuan/mu",
    },
    "eff.unit.value_added_per_energy": {
        "zh": "万元/吨标准煤",
        "en": "10k yuan/tce",
    },
    "eff.unit.value_added_per_emission": {
        "zh": "万元/吨",
        "en": "10k yuan/t",
    },
    "eff.unit.labour_productivity": {
        "zh": "万元/人",
        "en": "10k yuan/person",
    },
    "eff.unit.rd_share": {
        "zh": "%",
        "en": "%",
    },
    "eff.unit.tax_per_kwh": {
        "zh": "元/千瓦时",
        "en": "yuan/kWh",
    },
    "eff.unit.revenue_per_mu": {
        "zh": "万元/亩",
        "en": "10k yuan/mu",
    },
    "eff.col.rank": {
        "zh": "排名",
        "en": "Rank",
    },
    "eff.col.class": {
        "zh": "类别",
        "en": "Class",
    },
    "eff.col.credit_code": {
        "zh": "统一社会信用代码",
        "en": "Credit code",
    },
    "eff.col.name": {
        "zh": "企业名称",
        "en": "Enterprise",
    },
    "eff.col.zone": {
        "zh": "片区",
        "en": "Sub-area",
    },
    "eff.col.land_mu": {
        "zh": "用地面积(亩)",
        "en": "Land (mu)",
    },
    "eff.col.score": {
        "zh": "得分",
        "en": "score",
    },
    "eff.col.total": {
        "zh": "综合得分",
        "en": "Total score",
    },
    "eff.col.scale": {
        "zh": "规模",
        "en": "Scale",
    },
    "eff.col.reason": {
        "zh": "未参评原因",
        "en": "Not classed because",
    },
    "eff.col.parcel_id": {
        "zh": "地块编号",
        "en": "Parcel ID",
    },
    "eff.col.parcel_name": {
        "zh": "地块名称",
        "en": "Parcel",
    },
    "eff.col.area_mu": {
        "zh": "面积(亩)",
        "en": "Area (mu)",
    },
    "eff.col.enterprises": {
        "zh": "企业",
        "en": "Enterprises",
    },
    "eff.col.reasons": {
        "zh": "低效原因",
        "en": "Reasons",
    },
    "eff.col.tax_per_mu": {
        "zh": "亩均税收(万元/亩)",
        "en": "Tax per mu (10k yuan/mu)",
    },
    "eff.col.plot_ratio": {
        "zh": "容积率",
        "en": "Plot ratio",
    },
    "eff.scale.above": {
        "zh": "规上",
        "en": "Above-scale",
    },
    "eff.scale.below": {
        "zh": "规下",
        "en": "Below-scale",
    },
    "eff.state.producing": {
        "zh": "在产",
        "en": "Producing",
    },
    "eff.state.building": {
        "zh": "在建",
        "en": "Building",
    },
    "eff.state.stopped": {
        "zh": "停产",
        "en": "Stopped",
    },
    "eff.reason.not_producing": {
        "zh": "未投产或已停产",
        "en": "Not producing",
    },
    "eff.reason.scale_unknown": {
        "zh": "未注明规上/规下",
        "en": "Scale not given",
    },
    "eff.reason.no_land": {
        "zh": "无登记用地",
        "en": "No land recorded",
    },
    "eff.reason.below_land_threshold": {
        "zh": "规下企业用地未达参评面积",
        "en": "Below-scale, under the land threshold",
    },
    "eff.sheet.above": {
        "zh": "{year}规上企业",
        "en": "{year} above-scale",
    },
    "eff.sheet.below": {
        "zh": "{year}规下企业",
        "en": "{year} below-scale",
    },
    "eff.sheet.unclassed": {
        "zh": "未参评企业",
        "en": "Not classed",
    },
    "eff.sheet.title": {
        "zh": "{year}年度工业企业亩均效益综合评价结果（{scale}，公示）",
        "en": "{year} per-mu efficiency evaluation of industrial enterprises ({scale}), "
        "for public notice",
    },
    "eff.cli.evaluation": {
        "zh": "{year} 年亩均效益综合评价",
        "en": "Per-mu efficiency evaluation {year}",
    },
    "eff.cli.zone_line": {
        "zh": "{zone}：规上亩均税收 {tpm} 万元/亩（目标 {target}）；A {a}、B {b}、C {c}、D "
        "{d}，未参评 {n}",
        "en": "{zone}: above-scale tax per mu {tpm} (target {target}) 10k yuan/mu; A {a}, "
        "B {b}, C {c}, D {d}, not classed {n}",
    },
    "eff.cli.candidates": {
        "zh": "{year} 年低效用地候选 {n} 宗，合计 {mu} 亩（年度盘活目标 {target} 亩）",
        "en": "{year} low-efficiency candidates: {n} parcels, {mu} mu in all "
        "(revitalisation target {target} mu)",
    },
    "eff.total": {
        "zh": "全区",
        "en": "Whole zone",
    },
    "nav.efficiency": {
        "zh": "亩均效益",
        "en": "Efficiency",
    },
    "effp.title": {
        "zh": "亩均效益评价（亩均论英雄）",
        "en": "Per-mu efficiency",
    },
    "effp.caption": {
        "zh": "按 landinv.toml 中的评价办法计算；企业数据来自导入的企业文件（示例数据为虚构）。",
        "en": "Computed with the scheme in landinv.toml from the imported enterprise files "
        "(the sample enterprises are illustrative).",
    },
    "effp.year": {
        "zh": "评价年度",
        "en": "Year",
    },
    "effp.no_data": {
        "zh": "库中还没有企业数据。请用 landinv enterprises import 导入企业文件。",
        "en": "No enterprise data in the store yet. Import an enterprise file with landinv "
        "enterprises import.",
    },
    "effp.metric_tax": {
        "zh": "规上亩均税收（万元/亩）",
        "en": "Above-scale tax per mu (10k yuan/mu)",
    },
    "effp.metric_tax_help": {
        "zh": "目标 {target} 万元/亩",
        "en": "Target {target} (10k yuan/mu)",
    },
    "effp.metric_classed": {
        "zh": "参评企业",
        "en": "Enterprises classed",
    },
    "effp.metric_candidates": {
        "zh": "低效用地候选（亩）",
        "en": "Low-efficiency candidates (mu)",
    },
    "effp.metric_candidates_help": {
        "zh": "{n} 宗；年度盘活目标 {target} 亩",
        "en": "{n} parcels; revitalisation target {target} mu",
    },
    "effp.by_zone": {
        "zh": "各片区",
        "en": "By sub-area",
    },
    "effp.distribution": {
        "zh": "规上企业亩均税收分布",
        "en": "Tax per mu of above-scale enterprises",
    },
    "effp.target_line": {
        "zh": "目标 {target}",
        "en": "target {target}",
    },
    "effp.count": {
        "zh": "企业数",
        "en": "Enterprises",
    },
    "effp.map": {
        "zh": "地图着色",
        "en": "Map colouring",
    },
    "effp.colour_by": {
        "zh": "着色依据",
        "en": "Colour by",
    },
    "effp.mode.class": {
        "zh": "主要企业评价类别 A–D",
        "en": "Class A–D of the main enterprise",
    },
    "effp.mode.band": {
        "zh": "亩均税收分档",
        "en": "Tax-per-mu bands",
    },
    "effp.mode.flag": {
        "zh": "低效用地标记",
        "en": "Low-efficiency flags",
    },
    "effp.band.0": {
        "zh": "< 3 万元/亩",
        "en": "< 3 (10k yuan/mu)",
    },
    "effp.band.1": {
        "zh": "3–10 万元/亩",
        "en": "3–10",
    },
    "effp.band.2": {
        "zh": "10–20 万元/亩",
        "en": "10–20",
    },
    "effp.band.3": {
        "zh": "≥ 20 万元/亩（达标）",
        "en": "≥ 20 (target met)",
    },
    "effp.flag.yes": {
        "zh": "低效用地候选",
        "en": "Low-efficiency candidate",
    },
    "effp.flag.no": {
        "zh": "未发现低效",
        "en": "Not flagged",
    },
    "effp.nodata": {
        "zh": "无数据/未参评",
        "en": "No data / not classed",
    },
    "effp.class_label": {
        "zh": "{c} 类",
        "en": "Class {c}",
    },
    "effp.candidates": {
        "zh": "低效用地候选清单",
        "en": "Low-efficiency land candidates",
    },
    "effp.candidates_none": {
        "zh": "没有地块触发低效规则。",
        "en": "No parcel fails a low-efficiency rule.",
    },
    "effp.mark": {
        "zh": "认定为盘活低效用地",
        "en": "Mark as revitalisation land",
    },
    "effp.mark_parcel": {
        "zh": "地块",
        "en": "Parcel",
    },
    "effp.mark_reason": {
        "zh": "理由（记入变更记录）",
        "en": "Reason (kept in the change log)",
    },
    "effp.mark_date": {
        "zh": "生效日期",
        "en": "Effective date",
    },
    "effp.marked": {
        "zh": "已记录：{parcel} 转为盘活低效用地。",
        "en": "Recorded: {parcel} is now revitalisation land.",
    },
    "effp.table": {
        "zh": "评价结果",
        "en": "Evaluation",
    },
    "effp.filter_scale": {
        "zh": "规模",
        "en": "Scale",
    },
    "effp.filter_class": {
        "zh": "类别",
        "en": "Class",
    },
    "effp.filter_zone": {
        "zh": "片区",
        "en": "Sub-area",
    },
    "effp.filter_search": {
        "zh": "查找企业（名称或代码）",
        "en": "Find an enterprise (name or code)",
    },
    "effp.download": {
        "zh": "下载公示表（XLSX）",
        "en": "Download the public-notice table (XLSX)",
    },
    "effp.shown": {
        "zh": "显示 {n} / {total} 家企业",
        "en": "{n} of {total} enterprises shown",
    },
    "effp.parcel_enterprises": {
        "zh": "使用该地块的企业（{year} 年）",
        "en": "Enterprises using this parcel ({year})",
    },
    "effp.building_tenants": {
        "zh": "该厂房的租户（{year} 年）",
        "en": "Tenants of this building ({year})",
    },
    "effp.role.user": {
        "zh": "用地企业",
        "en": "Land user",
    },
    "effp.role.tenant": {
        "zh": "租户",
        "en": "Tenant",
    },
    "effp.col.role": {
        "zh": "关系",
        "en": "Role",
    },
    "effp.col.rented": {
        "zh": "租用面积(平方米)",
        "en": "Rented (m²)",
    },
    "effp.col.tax": {
        "zh": "税收(万元)",
        "en": "Tax (10k yuan)",
    },
    "effp.col.state": {
        "zh": "状态",
        "en": "State",
    },
    "eff.reason.none": {
        "zh": "未参评",
        "en": "Not classed",
    },
    "effp.count_above": {
        "zh": "规上企业数",
        "en": "Above-scale enterprises",
    },
    "effp.all": {
        "zh": "全部",
        "en": "All",
    },
    "eff.sheet.candidates": {
        "zh": "{year}低效用地候选",
        "en": "{year} candidates",
    },
    "eff.sheet.enterprises": {
        "zh": "{year}企业名录",
        "en": "{year} enterprises",
    },
    "eff.col.industry": {
        "zh": "行业代码",
        "en": "Industry code",
    },
    "eff.col.state": {
        "zh": "状态",
        "en": "State",
    },
    "eff.fig.tax": {
        "zh": "税收(万元)",
        "en": "Tax (10k yuan)",
    },
    "eff.fig.revenue": {
        "zh": "营业收入(万元)",
        "en": "Revenue (10k yuan)",
    },
    "eff.fig.value_added": {
        "zh": "工业增加值(万元)",
        "en": "Value added (10k yuan)",
    },
    "eff.fig.energy_tce": {
        "zh": "综合能耗(吨标准煤)",
        "en": "Energy (tce)",
    },
    "eff.fig.electricity_kwh": {
        "zh": "用电量(千瓦时)",
        "en": "Electricity (kWh)",
    },
    "eff.fig.emissions_t": {
        "zh": "主要污染物排放量(吨)",
        "en": "Main pollutant emissions (t)",
    },
    "eff.fig.employees": {
        "zh": "年平均职工人数",
        "en": "Average employees",
    },
    "eff.fig.rd": {
        "zh": "研发经费(万元)",
        "en": "R&D spending (10k yuan)",
    },
    "hist.kind.enterprises": {"zh": "企业数据", "en": "Enterprise data"},
}

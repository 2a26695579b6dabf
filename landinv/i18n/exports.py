"""Texts of exported files: sheet names and titles, the metadata sheet, format labels,
and the errors of writing files."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    # -- formats (labels for the CLI help and the downloads page) ---------------
    "fmt.gpkg": {"zh": "GeoPackage", "en": "GeoPackage"},
    "fmt.geojson": {"zh": "GeoJSON", "en": "GeoJSON"},
    "fmt.csv": {"zh": "CSV 表格（UTF-8 带 BOM）", "en": "CSV table (UTF-8 with BOM)"},
    "fmt.shp": {"zh": "Shapefile 压缩包（含 .cpg）", "en": "Zipped shapefile (with .cpg)"},
    "fmt.xlsx": {"zh": "Excel 工作簿", "en": "Excel workbook"},
    "fmt.json": {"zh": "JSON", "en": "JSON"},
    # -- workbook ---------------------------------------------------------------------
    "xlsx.doc_title": {"zh": "{zone} 土地与厂房台账 {date}", "en": "{zone} land inventory {date}"},
    "xlsx.as_of": {"zh": "{title}（截至 {date}）", "en": "{title} (as of {date})"},
    "sheet.summary": {"zh": "汇总 Summary", "en": "汇总 Summary"},
    "sheet.available": {"zh": "可供应 Available", "en": "可供应 Available"},
    "sheet.floors": {"zh": "底线 Floors", "en": "底线 Floors"},
    "sheet.timeline": {"zh": "时间线 Timeline", "en": "时间线 Timeline"},
    "sheet.events": {"zh": "变动 Events", "en": "变动 Events"},
    "sheet.annual": {"zh": "年度 Annual", "en": "年度 Annual"},
    "sheet.metadata": {"zh": "说明 Metadata", "en": "说明 Metadata"},
    "title.summary": {"zh": "地块汇总", "en": "Parcel summary"},
    "title.available": {"zh": "可供应地块汇总", "en": "Available parcels"},
    "title.floors": {"zh": "两条底线", "en": "The two floors"},
    "title.breaches": {"zh": "未达标时段", "en": "Periods below a floor"},
    "title.timeline": {"zh": "月度存量", "en": "Monthly stock"},
    "title.events": {"zh": "存量变动", "en": "Stock changes"},
    "title.annual": {"zh": "{year} 年度指标", "en": "{year} annual figures"},
    "title.metadata": {"zh": "说明", "en": "About this workbook"},
    "unit.mu": {"zh": "亩", "en": "mu"},
    "unit.m2": {"zh": "平方米", "en": "m²"},
    "word.yes": {"zh": "是", "en": "Yes"},
    "word.no": {"zh": "否", "en": "No"},
    "head.name": {"zh": "名称", "en": "Name"},
    "head.project": {"zh": "项目", "en": "Project"},
    "head.field": {"zh": "字段", "en": "Field"},
    "head.column": {"zh": "列名", "en": "Column"},
    # -- the metadata sheet --------------------------------------------------------------
    "meta.zone": {"zh": "开发区", "en": "Zone"},
    "meta.as_of": {"zh": "截至日期", "en": "As of"},
    "meta.span": {"zh": "时间线范围", "en": "Timeline span"},
    "meta.source": {"zh": "数据来源", "en": "Data source"},
    "meta.area_method": {"zh": "面积计算方法", "en": "Area method"},
    "meta.mu": {"zh": "亩的换算", "en": "Mu"},
    "meta.floors": {"zh": "底线", "en": "Floors"},
    "meta.precision": {"zh": "数值精度", "en": "Precision"},
    "meta.generated": {"zh": "生成时间", "en": "Generated"},
    "meta.sample": {"zh": "示例数据", "en": "Sample data"},
    "meta.area_method_text": {
        "zh": "椭球面积：在 CGCS2000（GRS80 椭球）上用等积投影计算，非平面坐标面积",
        "en": "Ellipsoidal area: equal-area projection on the CGCS2000 (GRS80) ellipsoid, "
        "not planar grid area",
    },
    "meta.mu_text": {
        "zh": "1 亩 = 10000/15 平方米（约 666.67 平方米）；15 亩 = 1 公顷",
        "en": "1 mu = 10000/15 m² (about 666.67 m²); 15 mu = 1 ha",
    },
    "meta.sample_text": {
        "zh": "示例数据，仅供演示，不是地籍登记资料",
        "en": "Illustrative sample data, not cadastral records",
    },
    "meta.floors_text": {
        "zh": "工业熟地 ≥ {land:,.0f} 亩；标准厂房 ≥ {factory:,.0f} 平方米",
        "en": "ready land ≥ {land:,.0f} mu; standard factory floor space ≥ {factory:,.0f} m²",
    },
    "meta.precision_text": {
        "zh": "数值按全精度保存，仅显示时保留两位小数",
        "en": "Stored at full precision, shown with 2 decimals",
    },
    # -- errors of writing files ----------------------------------------------------------
    "err.out_folder": {
        "zh": "输出文件夹不存在：{path}。请先建好文件夹或换一个路径。",
        "en": "Output folder does not exist: {path}. Create it or choose another path.",
    },
    "err.out_write": {
        "zh": "无法写入 {path}：{detail}。请检查路径和权限。",
        "en": "Cannot write {path}: {detail}. Check the path and permissions.",
    },
    "err.out_exists": {
        "zh": "文件已存在：{path}。为免覆盖，请换一个文件名，或加 --force 确认替换。",
        "en": "The file already exists: {path}. Choose another name, or add --force to replace it.",
    },
    "err.out_is_store": {
        "zh": "输出路径 {path} 就是台账数据库本身，不能覆盖。请换一个文件名。",
        "en": "The output path {path} is the inventory store itself and cannot be "
        "overwritten. Choose another file name.",
    },
    "err.out_not_file": {
        "zh": "输出路径 {path} 不是普通文件（如目录或系统文件），不能写入。请换一个路径。",
        "en": "The output path {path} is not a regular file (a folder or a system file) "
        "and cannot be written. Choose another path.",
    },
    "err.format": {
        "zh": "不支持的格式 “{fmt}”。可选：{known}",
        "en": "Unsupported format '{fmt}'. Choose one of: {known}",
    },
    "err.layer_needs_geometry": {
        "zh": "导出图层需要带几何的数据（GeoDataFrame）。",
        "en": "Exporting a layer needs rows with geometry (a GeoDataFrame).",
    },
    "err.gdal_write": {
        "zh": "导出 {fmt} 文件失败：{detail}。请换一种格式重试，或联系维护人员。",
        "en": "Writing the {fmt} file failed: {detail}. Try another format or contact the "
        "maintainer.",
    },
}

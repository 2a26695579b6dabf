"""Texts of the upload checks (landinv/ingest: pipeline, fields, rows, checks, CRS, report).

Codes ``ingest.<issue code>`` are the report's findings (the issue code is what
the JSON report carries); ``ingest.r.*`` the report's frame; ``ingest.kind.*``
a short title of a kind of problem, used when one line stands for many
differently worded findings; ``err.ingest_*`` the caller's mistakes.

Size: catalogue data, one entry per upload finding; kept together so the codes of the report
are in one place.
"""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    # -- the report's frame -------------------------------------------------------
    "ingest.r.title": {"zh": "上传检查报告", "en": "Upload check report"},
    "ingest.r.file": {"zh": "文件：{name}", "en": "File: {name}"},
    "ingest.r.paren": {"zh": "（{text}）", "en": " ({text})"},
    "ingest.r.format_layer": {"zh": "{format}，图层 {layer}", "en": "{format}, layer {layer}"},
    "ingest.r.encoding": {"zh": "属性编码：{encoding}", "en": "Attribute encoding: {encoding}"},
    "ingest.r.crs": {"zh": "坐标系：{crs}", "en": "Coordinate system: {crs}"},
    "ingest.r.date": {"zh": "生效日期：{date}", "en": "Effective date: {date}"},
    "ingest.r.counts_choose": {
        "zh": "要素：读取 {n}；请先完成下面的选择",
        "en": "Features: {n} read; make the choice below first",
    },
    "ingest.r.counts": {
        "zh": "要素：读取 {read}，可导入 {ok}，拒绝 {rejected}",
        "en": "Features: {read} read, {ok} importable, {rejected} rejected",
    },
    "ingest.r.notes": {"zh": "说明", "en": "How the file was read"},
    "ingest.r.fixed": {"zh": "已自动修复", "en": "Fixed automatically"},
    "ingest.r.must_fix": {"zh": "必须修改", "en": "Must be fixed"},
    "ingest.r.warnings": {"zh": "请注意", "en": "Worth a look"},
    "ingest.r.section": {
        "zh": "{title} ({n} 条，{kinds} 类):",
        "en": "{title} ({n}; {kinds} kinds):",
    },
    "ingest.r.section_plain": {"zh": "{title} ({n}):", "en": "{title} ({n}):"},
    "ingest.r.group_head": {"zh": "{ranges}，共 {n} 个要素", "en": "{ranges}: {n} features"},
    "ingest.r.group_examples": {"zh": "（例：{ids}）", "en": " (e.g. {ids})"},
    "ingest.r.group_times": {"zh": "{text}（{n} 次）", "en": "{text} ({n} times)"},
    "ingest.r.more_variants": {
        "zh": "……另有 {n} 种不同情形，见 JSON 报告",
        "en": "… {n} more variants, see the JSON report",
    },
    "ingest.r.more_kinds": {
        "zh": "另有 {n} 类，见 JSON 报告",
        "en": "{n} more kinds, see the JSON report",
    },
    "ingest.r.choose_layer": {
        "zh": "请选择图层（命令行：--layer 值）",
        "en": "Choose a layer (command line: --layer VALUE)",
    },
    "ingest.r.choose_encoding": {
        "zh": "请选择属性编码（命令行：--encoding 值）",
        "en": "Choose the attribute encoding (command line: --encoding VALUE)",
    },
    "ingest.r.choose_crs": {
        "zh": "请选择坐标系（命令行：--crs 值）",
        "en": "Choose the coordinate system (command line: --crs VALUE)",
    },
    "ingest.r.override_crs": {
        "zh": "坐标系已自动选定；如需改用其他候选（命令行：--crs 值）",
        "en": "The coordinate system was chosen automatically; to use another candidate "
        "instead (command line: --crs VALUE)",
    },
    "ingest.r.floor_head": {
        "zh": "底线预览（截至 {date}，导入前 → 导入后）：",
        "en": "Floor preview (as of {date}, before → after):",
    },
    "ingest.r.ready_land": {"zh": "工业熟地", "en": "Ready industrial land"},
    "ingest.r.factory_floor": {"zh": "标准厂房建筑面积", "en": "Standard factory floor space"},
    "ingest.r.mu": {"zh": "亩", "en": "mu"},
    "ingest.r.m2": {"zh": "平方米", "en": "m²"},
    "ingest.r.holds": {"zh": "满足", "en": "holds"},
    "ingest.r.below": {"zh": "低于底线", "en": "BELOW floor"},
    "ingest.r.floor_line": {
        "zh": "{name}: {before} → {after} {unit}（底线 {floor} {unit}，{verdict}）",
        "en": "{name}: {before} → {after} {unit} (floor {floor} {unit}, {verdict})",
    },
    "ingest.r.passed": {
        "zh": "结论：检查通过，可以导入。",
        "en": "Verdict: passed, ready to import.",
    },
    "ingest.r.refused": {
        "zh": "结论：未通过。请按“必须修改”逐条改正后重新上传。",
        "en": "Verdict: refused. Fix every item under 'Must be fixed' and upload again.",
    },
    # -- short titles of kinds whose wording differs per feature ------------------------
    "ingest.kind.area_mismatch": {
        "zh": "申报面积与按图形计算的面积相差超过 1%",
        "en": "Declared area differs from the computed one by over 1%",
    },
    "ingest.kind.unknown_category": {"zh": "地块类型不认识", "en": "Unknown category"},
    "ingest.kind.unknown_zone": {"zh": "片区不认识", "en": "Unknown zone"},
    "ingest.kind.duplicate_id_in_file": {"zh": "编号在文件中重复", "en": "ID repeated in the file"},
    "ingest.kind.duplicate_id_in_store": {
        "zh": "编号在台账中已存在",
        "en": "ID already in the inventory",
    },
    "ingest.kind.overlap_in_file": {
        "zh": "与文件中的其他要素重叠",
        "en": "Overlaps another feature of the file",
    },
    "ingest.kind.overlap_with_store": {
        "zh": "与台账中已有的要素重叠",
        "en": "Overlaps a feature already in the inventory",
    },
    "ingest.kind.zone_mismatch": {
        "zh": "属性中的片区与图形位置不符",
        "en": "Zone attribute differs from where the shape lies",
    },
    "ingest.kind.geometry_repaired": {"zh": "无效图形已修复", "en": "Invalid shapes repaired"},
    "ingest.kind.no_area": {"zh": "图形没有面积", "en": "Shapes without area"},
    "ingest.kind.not_polygon": {"zh": "不是面", "en": "Not a polygon"},
    "ingest.kind.unknown_standard_flag": {
        "zh": "“是否标准厂房”的值不认识",
        "en": "Unrecognised standard-factory value",
    },
    "ingest.kind.short_ring_dropped": {
        "zh": "顶点不足的环已去掉",
        "en": "Rings with too few points removed",
    },
    # -- reading the upload (pipeline) ------------------------------------------------
    "ingest.zip_names_gbk": {
        "zh": "压缩包内的文件名是 GBK 编码（中文 Windows 打包），已正确识别。",
        "en": "The zip's member names are GBK-encoded (zipped on a Chinese Windows) and "
        "were decoded as such.",
    },
    "ingest.ignored_members": {
        "zh": "以下文件不是可识别的数据文件，已忽略：{files}",
        "en": "These files are not recognised data files and were ignored: {files}",
    },
    "ingest.orphan_dbf": {
        "zh": "以下 .dbf 没有同名的 .shp（只有属性、没有图形），已忽略：{files}",
        "en": "These .dbf files have no .shp beside them (attributes without shapes) and "
        "were ignored: {files}",
    },
    "ingest.unreadable_dataset": {
        "zh": "GDAL 无法打开以下文件，已忽略：{files}",
        "en": "GDAL cannot open these files, which were ignored: {files}",
    },
    "ingest.no_features": {
        "zh": "图层 {layer} 里没有任何要素。",
        "en": "Layer {layer} holds no features.",
    },
    "ingest.geojson_transcoded": {
        "zh": "GeoJSON 文件不是 UTF-8，而是 GBK/GB18030，已转换为 UTF-8。",
        "en": "The GeoJSON file was GBK/GB18030, not UTF-8; it was converted to UTF-8.",
    },
    "ingest.encoding_by_format": {
        "zh": "{format} 格式规定使用 UTF-8 编码。",
        "en": "The {format} format is UTF-8 by definition.",
    },
    "ingest.missing_dbf": {
        "zh": "{layer} 缺少同名的 .dbf 属性表，无法读取编号和类型。请一起上传 .dbf。",
        "en": "{layer} has no .dbf attribute table beside it, so IDs and categories cannot "
        "be read. Upload the .dbf too.",
    },
    "ingest.text_truncated": {
        "zh": "{n} 处文字（其中字段名 {names} 个）被写出软件按字节截断、末尾只剩半个汉字，"
        "已去掉残缺的半个字。",
        "en": "{n} text values ({names} of them field names) were cut mid-character by the "
        "program that wrote the file; the broken last character was removed.",
    },
    "ingest.undecodable_text": {
        "zh": "字段“{field}”的文字无法按 {codec} 解码（数据损坏）。请在原软件中改正该值。",
        "en": "The text in field '{field}' cannot be decoded as {codec} (corrupt data). "
        "Correct the value in the original software.",
    },
    # -- fields -----------------------------------------------------------------------
    "ingest.field_map_unknown_field": {
        "zh": "字段对应关系里的“{field}”在文件中不存在。文件中的字段：{fields}",
        "en": "The field mapping names '{field}', which the file does not have. Fields in "
        "the file: {fields}",
    },
    "ingest.fields": {"zh": "字段对应：{pairs}", "en": "Fields used: {pairs}"},
    "ingest.fields_truncated": {
        "zh": "以下字段名被截短，按前缀认定：{pairs}",
        "en": "These field names were cut short and matched by their beginning: {pairs}",
    },
    "ingest.fields_ignored": {
        "zh": "按要求忽略以下字段：{fields}",
        "en": "These fields were ignored, as asked: {fields}",
    },
    "ingest.no_id_field": {
        "zh": "找不到编号字段（如 {example}）。文件中的字段：{fields}。请增加编号字段，"
        "或用字段对应关系指定（命令行 --field {column}=字段名）；文件确实没有唯一编号时，"
        "可按文件顺序自动编号（命令行 --number-ids 前缀）。",
        "en": "No ID field found (such as {example}). Fields in the file: {fields}. Add an ID "
        "field or map one with a field mapping (command line: --field {column}=FIELD); "
        "if the file has no unique ID at all, number the features in file order "
        "(command line: --number-ids PREFIX).",
    },
    "ingest.ids_numbered": {
        "zh": "按要求按文件顺序自动编号：{first} … {last}（共 {n} 个，前缀 {prefix}）。{replaced}",
        "en": "Features were numbered in file order, as asked: {first} … {last} ({n}, prefix "
        "{prefix}).{replaced}",
    },
    "ingest.ids_numbered_replaced": {
        "zh": "文件中的字段“{field}”未作为编号使用。",
        "en": " The file's field '{field}' was not used as the ID.",
    },
    "ingest.caller_value_wins": {
        "zh": "{what}按调用方对整个文件的指定统一为{value}；文件中的字段“{field}”"
        "（自动识别为{what}）未使用。",
        "en": "The {what} is {value} for every feature, as the caller stated for the whole "
        "file; the file's field '{field}' (recognised as the {what}) was not used.",
    },
    "ingest.caller_value_all": {
        "zh": "{what}按调用方指定统一为{value}。",
        "en": "The {what} is {value} for every feature, as the caller stated.",
    },
    "ingest.quoted_name_code": {"zh": "“{name}”（{key}）", "en": "'{name}' ({key})"},
    "ingest.id_example.parcels": {"zh": "地块编号/DKBH", "en": "DKBH or parcel_id"},
    "ingest.id_example.buildings": {"zh": "厂房编号/CFBH", "en": "CFBH or building_id"},
    "ingest.what.category": {"zh": "地块类型", "en": "category"},
    "ingest.what.zone": {"zh": "片区", "en": "zone"},
    "ingest.list_sep": {"zh": "、", "en": ", "},
    "ingest.name_code": {"zh": "{name}（{key}）", "en": "{name} ({key})"},
    # -- rows -------------------------------------------------------------------------
    "ingest.missing_id": {
        "zh": "编号为空。每个要素都需要唯一的编号。",
        "en": "The ID is blank. Every feature needs a unique ID.",
    },
    "ingest.unknown_zone": {
        "zh": "片区“{value}”不认识。可选：{known}",
        "en": "Unknown zone '{value}'. Known zones: {known}",
    },
    "ingest.missing_category": {
        "zh": "没有地块类型。请在“类型”字段填写（{known}），或在导入时统一指定"
        "（命令行 --category）。",
        "en": "No category. Fill the category field ({known}) or give one category for the "
        "whole file (command line: --category).",
    },
    "ingest.unknown_category": {
        "zh": "地块类型“{value}”不认识。可选：{known}。若整个文件属同一类型，可在导入时统一指定"
        "（命令行 --category）。",
        "en": "Unknown category '{value}'. Use one of: {known}. If the whole file is one "
        "category, give it for the whole file (command line: --category).",
    },
    "ingest.standard_assumed": {
        "zh": "文件中没有“是否标准厂房”字段，全部按标准厂房计。",
        "en": "The file has no 'standard factory' field; every building is counted as a "
        "standard factory.",
    },
    "ingest.unknown_standard_flag": {
        "zh": "“是否标准厂房”的值“{value}”不认识，请填 是 或 否。",
        "en": "Unrecognised standard-factory value '{value}'; use yes or no (or 1 / 0).",
    },
    "ingest.missing_floor_area": {
        "zh": "没有建筑面积，也没有层数可以推算。请填写建筑面积或层数。",
        "en": "No floor area and no number of floors to derive it from. Fill in the floor "
        "area or the floors.",
    },
    "ingest.floor_area_derived": {
        "zh": "{n} 栋厂房没有建筑面积，已按 占地面积 × 层数 推算。",
        "en": "{n} buildings had no floor area; it was derived as footprint × floors.",
    },
    "ingest.area_mismatch": {
        "zh": "申报{what} {declared} 与按图形计算的 {computed} 相差 {diff}。"
        "入库使用计算值；请核对图形或申报值。",
        "en": "Declared {what} {declared} differs from the {computed} computed from the shape "
        "by {diff}. The computed value is stored; check the shape or the declared value.",
    },
    "ingest.area_words.area": {"zh": "面积", "en": "area"},
    "ingest.area_words.footprint": {"zh": "占地面积", "en": "footprint"},
    "ingest.area_value": {"zh": "{m2} 平方米（{mu} 亩）", "en": "{m2} m² ({mu} mu)"},
    # -- geometry ---------------------------------------------------------------------
    "ingest.z_dropped": {
        "zh": "已去掉 {n} 个要素的高程（Z）或量测（M）值。",
        "en": "Dropped the Z (height) or M values of {n} features.",
    },
    "ingest.unreadable_geometry": {
        "zh": "图形数据无法解析（结构损坏）。请在原软件中重画或重新导出。",
        "en": "The shape's data cannot be parsed (broken structure). Redraw or export it "
        "again from the original software.",
    },
    "ingest.null_geometry": {
        "zh": "没有几何图形（空记录）。请补画地块范围或删除该记录。",
        "en": "No geometry (null record). Draw the outline or delete the record.",
    },
    "ingest.empty_geometry": {
        "zh": "几何图形为空。请补画地块范围或删除该记录。",
        "en": "The geometry is empty. Draw the outline or delete the record.",
    },
    "ingest.not_polygon": {
        "zh": "这是{what}，不是面。地块和厂房只能是面（多边形）。",
        "en": "This is {what}, not a polygon. Parcels and buildings must be polygons.",
    },
    "ingest.collection_no_polygon": {
        "zh": "几何集合里没有面。地块和厂房只能是面（多边形）。",
        "en": "The geometry collection holds no polygon. Parcels and buildings must be polygons.",
    },
    "ingest.geom.Point": {"zh": "点", "en": "a point"},
    "ingest.geom.MultiPoint": {"zh": "多点", "en": "points"},
    "ingest.geom.LineString": {"zh": "线", "en": "a line"},
    "ingest.geom.MultiLineString": {"zh": "多线", "en": "lines"},
    "ingest.geom.LinearRing": {"zh": "线", "en": "a line"},
    "ingest.geom.GeometryCollection": {"zh": "几何集合", "en": "a collection"},
    "ingest.non_polygon_parts_dropped": {
        "zh": "几何集合中的点、线部分已去掉，只保留面。",
        "en": "Dropped the points and lines of a geometry collection; kept its polygons.",
    },
    "ingest.ring_too_few_points": {
        "zh": "边界环的顶点太少（少于 3 个不同的点），围不成面。请在原软件中重画该地块。",
        "en": "A boundary ring has too few points (fewer than 3 distinct corners) to enclose "
        "an area. Redraw the parcel in the original software.",
    },
    "ingest.short_ring_dropped": {
        "zh": "去掉了 {n} 个顶点不足的环（孔洞或碎片）。",
        "en": "Removed {n} rings with too few points (holes or slivers).",
        "en_one": "Removed {n} ring with too few points (a hole or a sliver).",
    },
    "ingest.ring_closed": {
        "zh": "边界环首尾未闭合，已自动闭合。",
        "en": "A boundary ring was not closed; it was closed automatically.",
    },
    "ingest.invalid_no_area": {
        "zh": "图形无效（{reason}），修复后没有面积。请在原软件中重画。",
        "en": "Invalid geometry ({reason}) with no area left after repair. Redraw it in the "
        "original software.",
    },
    "ingest.geometry_repaired": {
        "zh": "图形无效（{reason}），已用 make_valid 修复（只保留面）。",
        "en": "Invalid geometry ({reason}); repaired with make_valid, keeping the polygon parts.",
    },
    "ingest.no_area": {
        "zh": "图形面积为零。请在原软件中重画。",
        "en": "The geometry has zero area. Redraw it in the original software.",
    },
    # -- zones, duplicates, overlaps ---------------------------------------------------
    "ingest.no_zone_boundaries": {
        "zh": "没有片区边界可用：未检查要素是否在开发区内。",
        "en": "No zone boundaries available: features were not checked against the "
        "development zone.",
    },
    "ingest.missing_zone": {
        "zh": "没有片区。请填写“片区”字段或在导入时统一指定（命令行 --zone）。",
        "en": "No zone. Fill the zone field or give one zone for the whole file (command "
        "line: --zone).",
    },
    "ingest.zone_mismatch": {
        "zh": "属性写的是{given}，但图形位于{where}。入库按属性值；请核对。",
        "en": "The attributes say {given} but the shape lies in {where}. "
        "The attribute is stored; please check.",
    },
    "ingest.zone_mismatch_caller": {
        "zh": "导入时统一指定为{given}，但图形位于{where}。入库按指定值；请核对。",
        "en": "The whole file was given the zone {given} but the shape lies in {where}. The "
        "given zone is stored; please check.",
    },
    "ingest.zone_from_boundaries": {
        "zh": "{n} 个要素的片区按片区边界自动判定。",
        "en": "The zone of {n} features was taken from the zone boundaries.",
    },
    "ingest.outside_zones_accepted": {
        "zh": "要素不在任何片区内（已按要求接受）。",
        "en": "The feature lies outside every zone (accepted as asked).",
    },
    "ingest.outside_zones": {
        "zh": "要素不在任何片区范围内。请检查坐标系或图形位置；确属区外地块时，"
        "可在导入时选择“接受区外要素”（命令行 --allow-outside）。",
        "en": "The feature lies outside every zone. Check the coordinate system or the "
        "shape's position; if it truly is outside, import with 'allow outside' "
        "(command line: --allow-outside).",
    },
    "ingest.duplicate_id_in_file": {
        "zh": "编号 {id} 在文件中出现 {n} 次（{listed}）。编号必须唯一。",
        "en": "ID {id} appears {n} times in the file ({listed}). IDs must be unique.",
    },
    "ingest.what_parcel": {"zh": "地块", "en": "parcel"},
    "ingest.what_building": {"zh": "厂房", "en": "building"},
    "ingest.overlap_in_file": {
        "zh": "与文件中的{what} {other} 重叠（占较小者的 {share}），会重复计算面积。请修正边界。",
        "en": "Overlaps the {what} {other} in the same file ({share} of the smaller one); the "
        "area would be counted twice. Fix the boundaries.",
    },
    # -- against the inventory -----------------------------------------------------------
    "ingest.already_imported": {
        "zh": "这个文件已经导入过（批次 {import_id}），不会重复导入。"
        "如需替换，请先撤销该批次再上传。",
        "en": "This exact file was already imported (import {import_id}) and is not imported "
        "twice. To replace it, undo that import first.",
    },
    "ingest.duplicate_id_in_store": {
        "zh": "编号 {id} 在台账中已存在。请换用新编号；若是更新原地块，请先撤销原导入。",
        "en": "ID {id} already exists in the inventory. Use a new ID; to replace the stored "
        "feature, undo its import first.",
    },
    "ingest.overlap_with_store": {
        "zh": "与台账中已有的{what} {other} 重叠（占较小者的 {share}），导入会重复计算面积。"
        "请修正边界，或先处理台账中的原记录。",
        "en": "Overlaps the {what} {other}, already in the inventory ({share} of the smaller "
        "one); importing would count the area twice. Fix the boundary or deal with the "
        "stored record first.",
    },
    # -- coordinate reference systems ---------------------------------------------------
    "ingest.family.cgcs2000": {"zh": "2000国家大地坐标系（CGCS2000）", "en": "CGCS2000"},
    "ingest.family.xian1980": {"zh": "1980西安坐标系", "en": "Xian 1980"},
    "ingest.family.beijing1954": {"zh": "1954北京坐标系", "en": "Beijing 1954"},
    "ingest.family.wgs84": {"zh": "WGS 84 坐标系", "en": "WGS 84"},
    "ingest.crs_accuracy.xian1980": {
        "zh": "1980西安坐标系到 CGCS2000 没有公开的转换参数，已按椭球直接换算（不加平移），"
        "位置可能偏差数十米至约百米；面积几乎不受影响。需要精确位置时请向测绘单位索取 "
        "CGCS2000 坐标。",
        "en": "Xian 1980 has no public transformation to CGCS2000; coordinates were converted "
        "on the ellipsoids without a datum shift, so positions may be off by tens of "
        "metres to about a hundred; areas are almost unaffected. Ask the surveyor for "
        "CGCS2000 coordinates where positions matter.",
    },
    "ingest.crs_accuracy.beijing1954": {
        "zh": "1954北京坐标系到 CGCS2000 没有公开的转换参数，已按椭球直接换算（不加平移），"
        "位置可能偏差约百米；面积几乎不受影响。需要精确位置时请向测绘单位索取 "
        "CGCS2000 坐标。",
        "en": "Beijing 1954 has no public transformation to CGCS2000; coordinates were "
        "converted on the ellipsoids without a datum shift, so positions may be off by "
        "about a hundred metres; areas are almost unaffected. Ask the surveyor for "
        "CGCS2000 coordinates where positions matter.",
    },
    "ingest.crs_accuracy.other": {
        "zh": "基准“{datum}”（椭球 {ellipsoid}）没有 EPSG 代码，也没有到 CGCS2000 的转换参数，"
        "已按椭球直接换算（不加平移），位置可能偏差数米至数百米；面积几乎不受影响。"
        "需要精确位置时请向测绘单位索取 CGCS2000 坐标。",
        "en": "The datum '{datum}' (ellipsoid {ellipsoid}) has no EPSG code and no "
        "transformation to CGCS2000; coordinates were converted on the ellipsoids "
        "without a datum shift, so positions may be off by metres to hundreds of metres; "
        "areas are almost unaffected. Ask the surveyor for CGCS2000 coordinates where "
        "positions matter.",
    },
    "ingest.crs_override": {
        "zh": "按调用方指定的坐标系 {label} 读取。",
        "en": "Read as {label}, as the caller asked.",
    },
    "ingest.crs_declared_family": {
        "zh": "按文件自带的坐标系说明（{name}，基准 {family}）认定为 {label}。",
        "en": "The file's own CRS description ({name}, datum {family}) was recognised as {label}.",
    },
    "ingest.crs_declared_epsg": {
        "zh": "按文件自带的坐标系说明认定为 EPSG:{epsg}（{name}）。",
        "en": "The file's CRS description matches EPSG:{epsg} ({name}).",
    },
    "ingest.crs_as_defined": {
        "zh": "文件自带的坐标系说明（{name}：{method}，基准 {datum}，椭球 {ellipsoid}）"
        "没有匹配的 EPSG 代码；定义完整，已按其定义经 PROJ 转换。",
        "en": "The file's CRS description ({name}: {method}, datum {datum}, ellipsoid "
        "{ellipsoid}) matches no EPSG code; it is a complete definition and was used as "
        "defined, through PROJ.",
    },
    "ingest.crs_why_unusable": {
        "zh": "文件自带的坐标系说明无法可靠识别，PROJ 也无法按其定义使用，",
        "en": "The file's CRS description cannot be recognised reliably nor used as defined "
        "by PROJ; ",
    },
    "ingest.crs_why_none": {
        "zh": "文件没有坐标系说明（.prj），",
        "en": "The file has no CRS description (.prj); ",
    },
    "ingest.crs_degrees": {
        "zh": "{why}坐标是经纬度，按 CGCS2000 经纬度（EPSG:4490）读取。（WGS 84 与其相差不到 1 米；"
        "若来自网络地图的 GCJ-02 坐标，会偏移数百米，请先纠偏。）",
        "en": "{why}the coordinates are longitude/latitude and were read as CGCS2000 "
        "(EPSG:4490). (WGS 84 differs by under a metre; GCJ-02 web-map coordinates would "
        "be shifted by hundreds of metres and must be corrected first.)",
    },
    "ingest.gk_3deg": {"zh": "3度带", "en": "3-degree"},
    "ingest.gk_6deg": {"zh": "6度带", "en": "6-degree"},
    "ingest.crs_gk_zone": {
        "zh": "{why}横坐标带有带号 {zone}，按 CGCS2000 高斯-克吕格{width}第 {zone} 带"
        "（中央经线 {cm}°E，EPSG:{epsg}）读取。若实为西安80或北京54坐标，请指定坐标系。",
        "en": "{why}the eastings carry zone number {zone}, so they were read as CGCS2000 "
        "Gauss-Kruger {width} zone {zone} (CM {cm}E, EPSG:{epsg}). If they are Xian 1980 "
        "or Beijing 1954, give the CRS explicitly.",
    },
    "ingest.crs_gk_plain": {
        "zh": "{why}坐标是不带带号的高斯-克吕格平面坐标，中央经线无法从坐标本身确定，"
        "各候选也难分高下。请从下列候选中选择（已按落入开发区范围的要素比例排序）。",
        "en": "{why}the coordinates are Gauss-Kruger without a zone number, so the central "
        "meridian cannot be told from them, and no candidate stands out. Choose one of "
        "the candidates below (ranked by how many features each puts inside the "
        "development zone).",
    },
    "ingest.crs_picked_by_zones": {
        "zh": "{why}坐标是不带带号的高斯-克吕格平面坐标。只有 EPSG:{epsg}（CGCS2000 3度带，"
        "中央经线 {cm}°E）把要素放进开发区（{share}），其他候选：{others}。已按 "
        "EPSG:{epsg} 读取；如有误，可改选其他坐标系（命令行 --crs）。",
        "en": "{why}the coordinates are Gauss-Kruger without a zone number. Only EPSG:{epsg} "
        "(CGCS2000 3-degree, CM {cm}E) puts the features inside the development zone "
        "({share}); the other candidates: {others}. It was read as EPSG:{epsg}; if that "
        "is wrong, choose another CRS (command line: --crs).",
    },
    "ingest.crs_other": {
        "zh": "EPSG:{epsg} {share}，距开发区约 {km} 公里",
        "en": "EPSG:{epsg} {share}, about {km} km away",
    },
    "ingest.crs_where": {"zh": "（横坐标 x ≈ {x}，纵坐标 y ≈ {y}）", "en": " (x ≈ {x}, y ≈ {y})"},
    "ingest.crs_unknown": {
        "zh": "{why}坐标数值{where}也看不出是哪种坐标系。请指定坐标系（例如 EPSG 代码 4549）。",
        "en": "{why}the coordinate values{where} do not reveal it either. Give the CRS "
        "explicitly (e.g. EPSG code 4549).",
    },
    "ingest.crs_candidate": {
        "zh": "EPSG:{epsg}（中央经线 {cm}°E）：{share} 的要素落在开发区内{away}",
        "en": "EPSG:{epsg} (CM {cm}E): {share} of the features fall inside the development "
        "zone{away}",
    },
    "ingest.crs_candidate_away": {"zh": "，距开发区约 {km} 公里", "en": ", about {km} km away"},
    "ingest.crs_candidate_nozones": {
        "zh": "EPSG:{epsg}（中央经线 {cm}°E）：要素中心在 {x}°E, {y}°N（未提供片区边界，无法比较）",
        "en": "EPSG:{epsg} (CM {cm}E): features centred at {x}E, {y}N (no zone boundaries to "
        "compare with)",
    },
    "err.ingest_crs_unknown": {
        "zh": "无法识别坐标系“{value}”。请写 EPSG 代码，例如 4549（CGCS2000 3度带 CM 120E）。",
        "en": "Unknown coordinate system '{value}'. Give an EPSG code, e.g. 4549 (CGCS2000 "
        "3-degree Gauss-Kruger CM 120E).",
    },
    # -- the Upload page's options (the report itself uses the codes above) ------------------
    "up.zone_whole_file": {
        "zh": "整个文件的片区（优先于文件字段）",
        "en": "Zone of the whole file (wins over the file's field)",
    },
    "up.category_whole_file": {
        "zh": "整个文件的地块类型（优先于文件字段）",
        "en": "Category of the whole file (wins over the file's field)",
    },
    "up.ignore_fields": {"zh": "忽略的字段", "en": "Fields to ignore"},
    "up.ignore_fields_help": {
        "zh": "文件中不要使用的字段名，用逗号分隔（例如被误认作类型的 TYPE）。",
        "en": "Field names of the file never to use, separated by commas (e.g. a TYPE field "
        "taken for the category).",
    },
    "up.number_ids": {
        "zh": "按文件顺序自动编号（前缀）",
        "en": "Number the IDs in file order (prefix)",
    },
    "up.number_ids_help": {
        "zh": "文件没有唯一编号时填写，例如 XD26，得到 XD26-0001、XD26-0002……；记入导入记录。",
        "en": "For files without a unique ID, e.g. XD26 gives XD26-0001, XD26-0002, …; "
        "recorded in the import.",
    },
    "up.override_crs": {
        "zh": "坐标系是自动选定的——改用其他候选",
        "en": "The coordinate system was chosen automatically — use another candidate",
    },
    # -- caller's mistakes -------------------------------------------------------------
    "err.ingest_unknown_kind": {
        "zh": "未知图层类型“{kind}”，应为 parcels 或 buildings。",
        "en": "Unknown kind '{kind}': use parcels or buildings.",
    },
    "err.ingest_field_target": {
        "zh": "字段对应关系有误：“{source}” → “{column}”，目标列不存在。可用的列：{allowed}",
        "en": "Bad field mapping '{source}' -> '{column}': no such column. Columns: {allowed}",
    },
    "err.ingest_field_syntax": {
        "zh": "字段对应“{value}”的写法不对，应为 目标列=文件字段名，例如 parcel_id=DKBH。"
        "可用的目标列：{allowed}",
        "en": "Field mapping '{value}' is not of the form TARGET=FIELD, e.g. parcel_id=DKBH. "
        "Targets: {allowed}",
    },
    "err.ingest_field_swapped": {
        "zh": "字段对应“{value}”的目标列“{target}”不存在；是否写反了？应为 {hint}。"
        "可用的目标列：{allowed}",
        "en": "Field mapping '{value}': '{target}' is not a target column; the other way "
        "round? Write {hint}. Targets: {allowed}",
    },
    "err.ingest_field_twice": {
        "zh": "目标列“{column}”被指定了两次（“{first}”和“{second}”）。每列只能对应一个字段。",
        "en": "Target column '{column}' is mapped twice ('{first}' and '{second}'). Map each "
        "column to one field.",
    },
    "err.ingest_field_source_twice": {
        "zh": "文件字段“{source}”被对应到两个目标列（{columns}）。",
        "en": "The file's field '{source}' is mapped to two target columns ({columns}).",
    },
    "err.ingest_field_ignored_and_mapped": {
        "zh": "字段“{source}”既被指定为 {column}，又被要求忽略。请只选其一。",
        "en": "Field '{source}' is both mapped to {column} and ignored. Choose one.",
    },
    "err.ingest_field_empty": {
        "zh": "字段名不能为空（{value}）。",
        "en": "A field name cannot be empty ({value}).",
    },
    "err.ingest_category_and_field": {
        "zh": "既用 --{what} 对整个文件指定了“{value}”，又把字段“{field}”对应为 {what}。"
        "请只选其一。",
        "en": "--{what} gives '{value}' for the whole file and the field '{field}' is also "
        "mapped to {what}. Choose one.",
    },
    "err.ingest_number_ids_prefix": {
        "zh": "自动编号的前缀“{prefix}”不可用：只能含字母、数字、汉字和 - _ .，最长 20 个字符。",
        "en": "The numbering prefix '{prefix}' cannot be used: letters, digits, Chinese "
        "characters and - _ . only, at most 20 characters.",
    },
    "err.ingest_number_ids_and_field": {
        "zh": "既要求自动编号，又把字段“{field}”对应为编号。请只选其一。",
        "en": "Numbering the IDs was asked for and the field '{field}' is also mapped to the "
        "ID. Choose one.",
    },
}

"""Texts of reading an upload: staging, zips, limits, GDAL reads, layers, encodings, workers.

Codes are ``ingest_read.<name>``; errors carry them
(``IngestError("ingest_read.zip_symlink", name=...)``) and report entries are
made from them with both languages.
"""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    # -- staging --------------------------------------------------------------
    "ingest_read.path_not_found": {
        "zh": "找不到文件或文件夹：{path}",
        "en": "File or folder not found: {path}",
    },
    "ingest_read.duplicate_member": {
        "zh": "上传中有两个同名文件“{first}”和“{second}”（只差大小写或完全相同），无法确定用哪一个"
        "。"
        "请删去其中一个后重新上传。",
        "en": "The upload holds two files with the same name, '{first}' and '{second}' (equal "
        "or differing only in case); which one to use is unknown. Remove one and upload "
        "again.",
    },
    "ingest_read.name_clash": {
        "zh": "压缩包里“{name}”既是文件又是文件夹（普通文件系统里不可能出现）；两者都按内部名称读取"
        "，"
        "请确认要导入的是哪一个。",
        "en": "In the zip, '{name}' is both a file and a folder (impossible on an ordinary "
        "disk); both were read under internal names. Check which one you mean to import.",
    },
    "ingest_read.lonely_shapefile_part": {
        "zh": "只收到了 {name} 一个文件。Shapefile 至少需要同名的 .shp、.shx、.dbf（最好还有 .prj、"
        ".cpg）：请把它们一起上传，或打包成 .zip。",
        "en": "Only {name} arrived. A shapefile needs its .shp, .shx and .dbf (ideally .prj and "
        ".cpg too) with the same name: upload them together or as one .zip.",
    },
    "ingest_read.unsupported_type": {
        "zh": "不支持的文件类型“{what}”。请上传 .zip（内含 Shapefile、GeoPackage、FileGDB 等）、"
        ".shp 一组文件、.gpkg、.geojson、.kml、.kmz 或 .dxf。可识别的扩展名：{known}",
        "en": "Unsupported file type '{what}'. Upload a .zip (with a shapefile, GeoPackage, "
        "FileGDB ...), the set of .shp files, a .gpkg, .geojson, .kml, .kmz or .dxf. "
        "Known extensions: {known}",
    },
    "ingest_read.upload_too_large": {
        "zh": "上传文件大小为 {size}，超过上限 {limit}。请按片区拆分后分批上传。",
        "en": "The upload is {size}, more than the limit of {limit}. Split it (e.g. by zone) "
        "and upload the parts one by one.",
    },
    "ingest_read.unusable_name": {
        "zh": "文件名不可用：“{name}”。",
        "en": "Unusable file name: '{name}'.",
    },
    # -- zips -----------------------------------------------------------------
    "ingest_read.zip_absolute_path": {
        "zh": "压缩包里有绝对路径的文件“{name}”，为安全起见拒绝。请只打包数据文件（相对路径）后重新"
        "上传。",
        "en": "The zip has a member with an absolute path ('{name}'), refused for safety. "
        "Zip the data files with relative paths and upload again.",
    },
    "ingest_read.zip_dotdot": {
        "zh": "压缩包里的文件名“{name}”含有“..”（会写到目标文件夹之外），为安全起见拒绝。"
        "请重新打包后上传。",
        "en": "The zip member '{name}' contains '..' (it would be written outside the target "
        "folder) and is refused for safety. Re-create the zip and upload again.",
    },
    "ingest_read.zip_too_many_members": {
        "zh": "压缩包里有 {n} 个文件，超过上限 {limit}。请只打包要导入的图层。",
        "en": "The zip lists {n} members, more than the limit of {limit}. Zip only the layer "
        "you want to import.",
    },
    "ingest_read.zip_too_large": {
        "zh": "压缩包解压后共 {size}，超过上限 {limit}，疑似“压缩炸弹”，拒绝解压。请只打包要导入的"
        "图层。",
        "en": "The zip would expand to {size}, more than the limit of {limit}; it looks like a "
        "zip bomb and was not expanded. Zip only the layer you want to import.",
    },
    "ingest_read.zip_symlink": {
        "zh": "压缩包里的“{name}”是符号链接，为安全起见拒绝。请打包真实文件后重新上传。",
        "en": "The zip member '{name}' is a symbolic link and is refused for safety. Zip the "
        "real files and upload again.",
    },
    "ingest_read.zip_encrypted": {
        "zh": "压缩包里的“{name}”有密码保护，无法读取。请去掉密码后重新打包上传。",
        "en": "The zip member '{name}' is password-protected and cannot be read. Re-create the "
        "zip without a password.",
    },
    "ingest_read.zip_ratio": {
        "zh": "压缩包里的“{name}”压缩比为 {ratio}:1（上限 {limit}:1），疑似“压缩炸弹”，拒绝解压。",
        "en": "The zip member '{name}' has a compression ratio of {ratio}:1 (limit {limit}:1); "
        "it looks like a zip bomb and was not expanded.",
    },
    "ingest_read.zip_unreadable": {
        "zh": "无法打开压缩包（{detail}）。请确认文件是完整的 .zip 后重新上传。",
        "en": "The zip cannot be opened ({detail}). Check it is a complete .zip file and upload "
        "again.",
    },
    "ingest_read.zip_expands_too_much": {
        "zh": "压缩包实际解压大小超过上限，已停止解压并拒绝。",
        "en": "The zip expands beyond the size limit; extraction stopped and the upload was "
        "refused.",
    },
    "ingest_read.zip_member_corrupt": {
        "zh": "压缩包中的“{name}”已损坏（{detail}）。请重新打包后上传。",
        "en": "The zip member '{name}' is corrupt ({detail}). Re-create the zip and upload again.",
    },
    # -- raw checks -----------------------------------------------------------
    "ingest_read.too_many_vertices": {
        "zh": "该图形有 {n} 个顶点，超过每个要素 {limit} 个的上限（地籍地块通常只有几十到几百个顶点"
        "）。"
        "请在 GIS 软件中简化边界（如 0.1 米容差）后重新上传。",
        "en": "The shape has {n} vertices, more than the limit of {limit} per feature (a "
        "cadastral parcel has tens to hundreds). Simplify the outline in your GIS (e.g. "
        "with a 0.1 m tolerance) and upload again.",
    },
    "ingest_read.too_many_vertices_upload": {
        "zh": "上传共有 {n} 个顶点，超过每次上传 {limit} 个的上限。请按片区拆分，或简化边界后重新上"
        "传。",
        "en": "The upload holds {n} vertices in all, more than the limit of {limit} per upload. "
        "Split it by zone or simplify the outlines, and upload again.",
    },
    "ingest_read.nonfinite_coordinates": {
        "zh": "图形含有无效坐标（NaN 或无穷大），无法计算。请在原软件中改正或重画该地块。",
        "en": "The shape has invalid coordinates (NaN or infinity) and cannot be used. Correct "
        "or redraw the parcel in the original software.",
    },
    # -- the worker -------------------------------------------------------------
    "ingest_read.check_timeout": {
        "zh": "检查这个文件超过了 {limit} 秒的时间上限，已停止（以免影响其他用户）。"
        "请按片区拆分文件，或简化边界后重新上传；管理员可在 landinv.toml 的 [upload] "
        "check_timeout_s 调整上限。",
        "en": "Checking this file took longer than the limit of {limit} seconds and was "
        "stopped (so other planners are not held up). Split the file by zone or simplify "
        "the outlines and upload again; an administrator can change check_timeout_s "
        "under [upload] in landinv.toml.",
    },
    "ingest_read.check_failed": {
        "zh": "检查这个文件时程序出错（{detail}），文件未导入，台账未改变。请在原软件中重新导出后再"
        "试；"
        "若仍出错，请把文件发给管理员。",
        "en": "The check of this file failed with an error ({detail}); nothing was imported "
        "and the inventory is unchanged. Export the file again from the original "
        "software and retry; if it fails again, send the file to the administrator.",
    },
    # -- text encodings ---------------------------------------------------------
    "ingest_read.unknown_encoding": {
        "zh": "未知的字符编码“{name}”。常用的有 GBK、GB18030、UTF-8。",
        "en": "Unknown text encoding '{name}'. Common ones are GBK, GB18030 and UTF-8.",
    },
    "ingest_read.dbf_corrupt": {
        "zh": "属性表 {name} 已损坏（文件头无法解析）。请从原软件重新导出 Shapefile。",
        "en": "The attribute table {name} is corrupt (its header cannot be parsed). Export the "
        "shapefile again from the original software.",
    },
    "ingest_read.encoding_ascii": {
        "zh": "属性文字全为英文字符，任何编码读法都相同。",
        "en": "The attribute text is plain ASCII; every encoding reads it the same.",
    },
    "ingest_read.encoding_utf8": {
        "zh": "没有 .cpg，也没有代码页标记；按字节判断为 UTF-8。",
        "en": "No .cpg and no code page in the DBF header; the bytes are valid UTF-8, so UTF-8 "
        "was chosen.",
    },
    "ingest_read.encoding_gbk": {
        "zh": "没有 .cpg，也没有代码页标记；按字节判断为 GBK/GB18030（中文 Windows 默认编码）。",
        "en": "No .cpg and no code page in the DBF header; the bytes are not UTF-8 but read as "
        "common Chinese in GBK/GB18030 (the Chinese Windows default), so GB18030 was "
        "chosen.",
    },
    "ingest_read.encoding_unclear": {
        "zh": "无法可靠判断属性文字的编码。请对照下面的示例选择正确的编码后重新读取。",
        "en": "The attribute text encoding cannot be told reliably. Compare the samples below, "
        "choose the encoding that reads correctly, and read the file again.",
    },
    "ingest_read.encoding_choice": {
        "zh": "{name}：{samples}",
        "en": "{name}: {samples}",
    },
    "ingest_read.encoding_override_misfit": {
        "zh": "指定的编码 {name} 读不通这份属性表（{n} 处文字无法解码）。请对照示例换一种编码。",
        "en": "The chosen encoding {name} does not fit this attribute table ({n} values cannot "
        "be decoded). Compare the samples and choose another.",
    },
    "ingest_read.encoding_override": {
        "zh": "按调用方指定的编码 {name} 读取。",
        "en": "Read as {name}, as the caller asked.",
    },
    "ingest_read.encoding_cpg": {
        "zh": "按 .cpg 文件（“{text}”）读取为 {name}。",
        "en": "Read as {name}, as the .cpg file ('{text}') says.",
    },
    "ingest_read.encoding_ldid": {
        "zh": "按 DBF 文件头的代码页标记（{ldid}）读取为 {name}。",
        "en": "Read as {name}, as the DBF header's code page mark ({ldid}) says.",
    },
    "ingest_read.encoding_overruled": {
        "zh": "但文字实际不是 {name}，按字节判断改用 {found}。",
        "en": "But the text is not {name}; read as {found}, judged from the bytes.",
    },
    # -- GDAL reads and layers ---------------------------------------------------
    "ingest_read.type.null": {"zh": "空", "en": "null shapes"},
    "ingest_read.type.point": {"zh": "点", "en": "points"},
    "ingest_read.type.multipoint": {"zh": "多点", "en": "multipoints"},
    "ingest_read.type.line": {"zh": "线", "en": "lines"},
    "ingest_read.type.polygon": {"zh": "面", "en": "polygons"},
    "ingest_read.type.multipatch": {"zh": "多面体（MultiPatch）", "en": "multipatch"},
    "ingest_read.type.polyhedral": {"zh": "多面体", "en": "polyhedral surfaces"},
    "ingest_read.type.mixed": {"zh": "混合", "en": "mixed geometries"},
    "ingest_read.shp_bad_header": {
        "zh": "{name} 不是有效的 Shapefile（文件头不对）。请从原软件重新导出。",
        "en": "{name} is not a valid shapefile (bad header). Export it again from the original "
        "software.",
    },
    "ingest_read.shx_restored": {
        "zh": "缺少 .shx 索引文件，已由 .shp 重建（GDAL SHAPE_RESTORE_SHX）。",
        "en": "The .shx index was missing and was rebuilt from the .shp (GDAL SHAPE_RESTORE_SHX).",
    },
    "ingest_read.gdal_unreadable": {
        "zh": "GDAL 无法读取图层 {label}：{detail}。请在原软件中重新导出后上传。",
        "en": "GDAL cannot read layer {label}: {detail}. Export it again from the original "
        "software and upload it.",
    },
    "ingest_read.no_data": {
        "zh": "上传中没有可读取的图层。请上传 Shapefile（.shp/.shx/.dbf，最好打包成 .zip）、"
        "GeoPackage、GeoJSON、KML/KMZ、DXF 或打包的 FileGDB。",
        "en": "The upload holds no readable layer. Upload a shapefile (.shp/.shx/.dbf, ideally "
        "zipped), a GeoPackage, GeoJSON, KML/KMZ, DXF or a zipped FileGDB.",
    },
    "ingest_read.layer_not_found": {
        "zh": "找不到唯一的图层“{wanted}”。可选：{names}",
        "en": "No single layer called '{wanted}'. Choose one of: {names}",
    },
    "ingest_read.choose_layer": {
        "zh": "上传中有 {n} 个图层，请选择要导入的一个：{names}",
        "en": "The upload holds {n} layers; choose the one to import: {names}",
    },
    "ingest_read.layer_choice": {
        "zh": "{label}（{type}，{n} 个要素）",
        "en": "{label} ({type}, {n} features)",
    },
    "ingest_read.layer_choice_nocount": {
        "zh": "{label}（{type}）",
        "en": "{label} ({type})",
    },
    "ingest_read.no_geometry": {
        "zh": "图层 {label} 没有任何图形（空图形类型）。",
        "en": "Layer {label} holds no shapes (null shape type).",
    },
    "ingest_read.layer_not_polygon": {
        "zh": "图层 {label} 是{type}图层。地块和厂房只能是面（多边形）图层，请上传面图层；"
        "若这是地块的边界线，请先在 GIS 软件中转成面。",
        "en": "Layer {label} holds {type}. Parcels and buildings must be polygon layers: "
        "upload the polygon layer, or convert boundary lines to polygons in your GIS "
        "first.",
    },
    # -- CAD drawings (DXF) ------------------------------------------------------
    "ingest_read.dxf_read": {
        "zh": "CAD 图（DXF）：{polylines} 条闭合多段线和 {hatches} 个填充读作 {parcels} 个地块"
        "（与多段线重合的填充 {repeats} 个只算一次）；"
        "{with_id} 个地块的编号取自其内部唯一的文字；"
        "其他 {other} 个图元（开放线、文字、点等）不是地块，已略过。",
        "en": "CAD drawing (DXF): {polylines} closed polylines and {hatches} hatches read as "
        "{parcels} parcels ({repeats} hatches repeating a polyline counted once); "
        "{with_id} parcels took their ID from the one text inside them; {other} other "
        "entities (open lines, texts, points ...) are not parcels and were skipped.",
    },
    # -- GCJ-02 web-map offsets ---------------------------------------------------
    "ingest_read.gcj02_suspected": {
        "zh": "坐标疑似网络地图的 GCJ-02（“火星坐标”）：按 {label} 读取时 {before} 的面积落在各片区"
        "之外，"
        "去掉 GCJ-02 偏移（约 {shift} 米）后只剩 {after}。请选择坐标的来源；"
        "未经选择不会自动转换。",
        "en": "The coordinates look like GCJ-02 from a web map: read as {label}, {before} of "
        "the area falls outside the zones, and {after} once the GCJ-02 offset (about "
        "{shift} m) is removed. Choose where the coordinates come from; nothing is "
        "converted without that choice.",
    },
    "ingest_read.gcj02_choice": {
        "zh": "GCJ02：来自高德/腾讯等网络地图，转换为 CGCS2000（片区外面积 {before} → {after}）",
        "en": "GCJ02: traced on a web map (Gaode, Tencent ...), convert to CGCS2000 (area "
        "outside the zones {before} → {after})",
    },
    "ingest_read.gcj02_keep": {
        "zh": "{label}：坐标本来就是 {label}，不转换（片区外面积 {before}）",
        "en": "{label}: the coordinates really are {label}, no conversion (area outside the "
        "zones {before})",
    },
    "ingest_read.gcj02_converted": {
        "zh": "按调用方的选择，坐标从 GCJ-02（网络地图）转换为 WGS 84/CGCS2000（偏移数百米，转换后"
        "误差小于 1 米）。",
        "en": "As the caller chose, the coordinates were converted from GCJ-02 (web map) to "
        "WGS 84/CGCS2000 (an offset of hundreds of metres; under 1 m of error after "
        "conversion).",
    },
}

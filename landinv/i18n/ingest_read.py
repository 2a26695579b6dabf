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
        "en": "The zip member '{name}' is corrupt ({detail}). Re-create the zip and upload "
              "again.",
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
}

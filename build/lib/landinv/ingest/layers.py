"""Pick the layer to read from a staged upload, never silently the first of several.

A caller names a layer by its label (``sub/parcels.shp``, ``inv.gpkg:parcels``),
its GDAL name, or a file name or stem; several candidates, or none, become a
choice for the caller. Non-polygon layers are refused as a whole with a
message naming what they hold.
"""

from __future__ import annotations

from landinv.ingest.reading import LayerRef
from landinv.ingest.report import Report


def choose_layer(layers: list[LayerRef], wanted: str | None,
                 report: Report, choices: dict) -> LayerRef | None:
    """The layer to read, or None after recording a choice or a refusal."""
    if not layers:
        report.refuse("no_data",
                      "上传中没有可读取的图层。请上传 Shapefile（.shp/.shx/.dbf，"
                      "最好打包成 .zip）、GeoPackage、GeoJSON 或 KML。",
                      "The upload holds no readable layer. Upload a shapefile (.shp/.shx/.dbf, "
                      "ideally zipped), a GeoPackage, GeoJSON or KML.")
        return None
    if wanted:
        hits = [lyr for lyr in layers if str(wanted).casefold() in lyr.aliases()]
        if len(hits) == 1:
            return hits[0]
        pool = hits or layers
        choices["layer"] = [_layer_choice(lyr) for lyr in pool]
        names = ", ".join(lyr.label for lyr in pool)
        report.refuse("layer_not_found" if not hits else "choose_layer",
                      f"找不到唯一的图层“{wanted}”。可选：{names}",
                      f"No single layer called '{wanted}'. Choose one of: {names}")
        return None
    if len(layers) == 1:
        return layers[0]
    choices["layer"] = [_layer_choice(lyr) for lyr in layers]
    names = ", ".join(lyr.label for lyr in layers)
    report.refuse("choose_layer", f"上传中有 {len(layers)} 个图层，请选择要导入的一个：{names}",
                  f"The upload holds {len(layers)} layers; choose the one to import: {names}")
    return None


def _layer_choice(layer: LayerRef) -> dict:
    count_zh = f"，{layer.features} 个要素" if layer.features >= 0 else ""  # -1: unknown
    count_en = f", {layer.features} features" if layer.features >= 0 else ""
    return {"value": layer.label, "geometry_type": layer.geometry_type,
            "features": layer.features,
            "zh": f"{layer.label}（{layer.type_zh}{count_zh}）",
            "en": f"{layer.label} ({layer.type_en}{count_en})"}


def check_layer_type(layer: LayerRef, report: Report) -> bool:
    """True for polygon (or mixed) layers; otherwise refuse the layer as a whole."""
    if layer.geometry_type in ("polygon", "mixed"):
        return True
    if layer.geometry_type == "null":
        report.refuse("no_geometry", f"图层 {layer.label} 没有任何图形（空图形类型）。",
                      f"Layer {layer.label} holds no shapes (null shape type).")
        return False
    report.refuse(
        "layer_not_polygon",
        f"图层 {layer.label} 是{layer.type_zh}图层。地块和厂房只能是面（多边形）图层，"
        "请上传面图层；若这是地块的边界线，请先在 GIS 软件中转成面。",
        f"Layer {layer.label} holds {layer.type_en}. Parcels and buildings must be polygon "
        "layers: upload the polygon layer, or convert boundary lines to polygons in your GIS "
        "first.")
    return False

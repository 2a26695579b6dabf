"""Pick the layer to read from a staged upload, never silently the first of several.

A caller names a layer by its label (``sub/parcels.shp``, ``inv.gpkg:parcels``),
its GDAL name, or a file name or stem; several candidates, or none, become a
choice for the caller. Non-polygon layers are refused as a whole with a
message naming what they hold.
"""

from __future__ import annotations

from landinv.i18n import tr
from landinv.ingest.reading import LayerRef
from landinv.ingest.report import Report


def choose_layer(
    layers: list[LayerRef], wanted: str | None, report: Report, choices: dict
) -> LayerRef | None:
    """The layer to read, or None after recording a choice or a refusal."""
    if not layers:
        report.refuse("no_data", *_both("ingest_read.no_data"))
        return None
    if any(lyr.features > 0 for lyr in layers):
        # e.g. a KMZ's doc.kml holding only a link to the layer: never worth offering.
        layers = [lyr for lyr in layers if lyr.features != 0]
    if wanted:
        hits = [lyr for lyr in layers if str(wanted).casefold() in lyr.aliases()]
        if len(hits) == 1:
            return hits[0]
        pool = hits or layers
        choices["layer"] = [_layer_choice(lyr) for lyr in pool]
        names = ", ".join(lyr.label for lyr in pool)
        report.refuse(
            "layer_not_found" if not hits else "choose_layer",
            *_both("ingest_read.layer_not_found", wanted=wanted, names=names),
        )
        return None
    if len(layers) == 1:
        return layers[0]
    choices["layer"] = [_layer_choice(lyr) for lyr in layers]
    names = ", ".join(lyr.label for lyr in layers)
    report.refuse("choose_layer", *_both("ingest_read.choose_layer", n=len(layers), names=names))
    return None


def _layer_choice(layer: LayerRef) -> dict:
    code = "ingest_read.layer_choice" if layer.features >= 0 else "ingest_read.layer_choice_nocount"
    params = {"label": layer.label, "n": layer.features}  # -1: count unknown
    return {
        "value": layer.label,
        "geometry_type": layer.geometry_type,
        "features": layer.features,
        "zh": tr(code, "zh", type=layer.type_zh, **params),
        "en": tr(code, "en", type=layer.type_en, **params),
    }


def check_layer_type(layer: LayerRef, report: Report) -> bool:
    """True for polygon (or mixed) layers; otherwise refuse the layer as a whole."""
    if layer.geometry_type in ("polygon", "mixed"):
        return True
    if layer.geometry_type == "null":
        report.refuse("no_geometry", *_both("ingest_read.no_geometry", label=layer.label))
        return False
    report.refuse(
        "layer_not_polygon",
        tr("ingest_read.layer_not_polygon", "zh", label=layer.label, type=layer.type_zh),
        tr("ingest_read.layer_not_polygon", "en", label=layer.label, type=layer.type_en),
    )
    return False


def _both(code: str, **params) -> tuple[str, str]:
    return tr(code, "zh", **params), tr(code, "en", **params)

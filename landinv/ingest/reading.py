"""List and read the layers of a staged upload with pyogrio (GDAL).

The only ingest module that calls GDAL. Layers are read as raw arrays
(``pyogrio.raw.read``: WKB plus field arrays) rather than a GeoDataFrame, so a
geometry GEOS refuses to build (a two-point ring) becomes one reported feature
instead of an exception that loses the whole file.

GDAL pitfalls handled here:

- Shapefile text: with ``encoding=`` pyogrio sets GDAL's ``SHAPE_ENCODING``
  (thread-locally) to our decision, so it wins over the ``.cpg`` and GDAL
  recodes with iconv; without it GDAL would read a GBK file with no ``.cpg``
  as ISO-8859-1 (mojibake). iconv's GB18030 is the 2005 mapping: 44 code
  points (vertical punctuation, a few rare characters) come out as standard
  characters where Python's ``gb18030`` codec, which the encoding detection
  uses, gives private-use ones (docs/ingest.md).
- Missing ``.shx``: GDAL refuses to open unless the config option
  ``SHAPE_RESTORE_SHX=YES`` is set, and then *writes* a new ``.shx`` next to
  the ``.shp`` -- one reason we only ever read staged copies.
- The shape type is read from the ``.shp`` header, which names MultiPatch
  (GDAL would hand it over as TINs or polygons).
"""

from __future__ import annotations

import contextlib
import struct
import threading
import warnings
from concurrent.futures import Future
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pyogrio
import pyogrio.errors

from landinv import i18n
from landinv.errors import IngestError
from landinv.i18n import tr
from landinv.ingest.shapefile_read import AttributeRead, gdal_errors, start_geometry
from landinv.ingest.staging import Dataset

#: Shape types in a .shp header (ESRI Shapefile Technical Description):
#: code -> (kind, name key in the catalogue: ``ingest_read.type.<key>``).
SHAPE_TYPES = {
    0: ("null", "null"),
    1: ("point", "point"),
    3: ("line", "line"),
    5: ("polygon", "polygon"),
    8: ("point", "multipoint"),
    11: ("point", "point"),
    13: ("line", "line"),
    15: ("polygon", "polygon"),
    18: ("point", "multipoint"),
    21: ("point", "point"),
    23: ("line", "line"),
    25: ("polygon", "polygon"),
    28: ("point", "multipoint"),
    31: ("multipatch", "multipatch"),
}
#: GDAL geometry types read feature by feature (mixed layers such as KML).
_MIXED_TYPES = {"unknown", "geometry", "geometrycollection"}

_config_lock = threading.Lock()


@dataclass
class LayerRef:
    """One layer of one staged dataset, as offered to the caller."""

    dataset: Dataset
    name: str | None  # GDAL layer name; None for a shapefile (its only layer)
    label: str
    geometry_type: str  # 'polygon', 'line', 'point', 'multipatch', 'mixed', 'null', ...
    type_key: str  # catalogue key of the type's name (ingest_read.type.<key>), or a raw name
    features: int

    def type_name(self, lang: str) -> str:
        """The geometry type's name in ``lang`` (GDAL's own name when uncatalogued)."""
        code = f"ingest_read.type.{self.type_key}"
        return tr(code, lang) if i18n.has(code) else self.type_key

    @property
    def type_zh(self) -> str:
        return self.type_name("zh")

    @property
    def type_en(self) -> str:
        return self.type_name("en")

    def aliases(self) -> set[str]:
        """Names a caller may use for this layer."""
        path = Path(self.dataset.label)
        names = {self.label, self.dataset.label, path.name, path.stem, str(path.with_suffix(""))}
        if self.name:
            names.add(self.name)
        return {n.casefold() for n in names}


@dataclass
class RawLayer:
    """A layer as read: WKB, attribute arrays and the declared CRS.

    A large shapefile's attributes are not in ``columns`` (None) but in
    ``attributes``, read in the background once the pipeline knows which
    fields it uses (:mod:`landinv.ingest.shapefile_read`); use
    :meth:`field_arrays` either way.
    """

    wkb: np.ndarray
    fields: list[str]
    columns: list[np.ndarray] | None
    declared_crs: str | None
    notes: list[tuple[str, str, str]] = field(default_factory=list)
    attributes: AttributeRead | None = None

    def prefetch(self, names) -> None:
        """Start reading the named fields, if they are read in the background."""
        if self.attributes is not None:
            self.attributes.start(names)

    def field_arrays(self, names) -> dict[str, np.ndarray]:
        """The arrays of the named fields, by name (may wait for the background read)."""
        if self.attributes is not None:
            return self.attributes.arrays(names)
        wanted = set(names)
        return {n: c for n, c in zip(self.fields, self.columns) if n in wanted}

    def settle(self) -> None:
        """Wait for a background read, if any (its error stays for :meth:`field_arrays`)."""
        if self.attributes is not None:
            self.attributes.settle()


def shp_shape_type(path: Path) -> int:
    """Shape type code from a .shp header (byte 32, little-endian)."""
    with open(path, "rb") as fh:
        head = fh.read(36)
    if len(head) < 36 or struct.unpack(">i", head[:4])[0] != 9994:
        raise IngestError("ingest_read.shp_bad_header", name=_label_of(path))
    return struct.unpack("<i", head[32:36])[0]


def dbf_record_count(path: Path) -> int:
    with open(path, "rb") as fh:
        head = fh.read(8)
    return struct.unpack("<I", head[4:8])[0] if len(head) == 8 else 0


def list_layers(datasets: list[Dataset]) -> tuple[list[LayerRef], list[str]]:
    """Every layer with geometry in the datasets; and labels GDAL could not open."""
    layers, unreadable = [], []
    for ds in datasets:
        if ds.format == "shapefile":
            layers.append(_shapefile_layer(ds))
            continue
        try:
            found = pyogrio.list_layers(ds.path)
        except (pyogrio.errors.DataSourceError, pyogrio.errors.DataLayerError, OSError):
            unreadable.append(ds.label)
            continue
        spatial = [(str(n), t) for n, t in found if t is not None]
        for name, gtype in spatial:
            label = ds.label if len(spatial) == 1 else f"{ds.label}:{name}"
            kind, key = _gdal_type(gtype)
            layers.append(LayerRef(ds, name, label, kind, key, _count(ds.path, name)))
    return layers, unreadable


def _shapefile_layer(ds: Dataset) -> LayerRef:
    try:
        code = shp_shape_type(ds.path)
    except IngestError:
        raise IngestError("ingest_read.shp_bad_header", name=ds.label) from None
    kind, key = SHAPE_TYPES.get(code, ("unknown", f"shape type {code}"))
    dbf = ds.parts.get(".dbf")
    return LayerRef(ds, None, ds.label, kind, key, dbf_record_count(dbf) if dbf else 0)


def _gdal_type(gtype: str) -> tuple[str, str]:
    text = gtype.lower()
    if "polyhedral" in text or "tin" in text.split():
        return "multipatch", "polyhedral"
    if "polygon" in text or "surface" in text:
        return "polygon", "polygon"
    if "line" in text or "curve" in text:
        return "line", "line"
    if "point" in text:
        return "point", "point"
    if text.replace(" z", "").replace(" m", "") in _MIXED_TYPES:
        return "mixed", "mixed"
    return "unknown", gtype


def _label_of(path: Path) -> str:
    return path.name


def _count(path: Path, layer: str) -> int:
    try:
        return int(pyogrio.read_info(path, layer=layer, force_feature_count=True)["features"])
    except Exception:  # noqa: BLE001 - a count only decorates the choice list: never fail on it
        return -1


@contextlib.contextmanager
def _gdal_config(**options):
    """Set GDAL config options for one read, restoring the previous values.

    GDAL config options are process-wide; the lock keeps two such reads (two
    app sessions) from undoing each other's settings. Only reads that need an
    option take it, so ordinary reads run concurrently.
    """
    with _config_lock:
        before = {k: pyogrio.get_gdal_config_option(k) for k in options}
        pyogrio.set_gdal_config_options(options)
        try:
            yield
        finally:
            pyogrio.set_gdal_config_options(before)


#: Shapefiles with fewer records are read in one call: for them three opens of the
#: file and two threads cost more than the overlap saves (the test corpus ran slower).
SPLIT_MIN_RECORDS = 20_000


def start_geometry_read(layer: LayerRef) -> Future | None:
    """Start reading a large shapefile's shapes in the background (see
    :mod:`landinv.ingest.shapefile_read`); None for other layers, small ones
    (:data:`SPLIT_MIN_RECORDS`) and a shapefile without ``.shx`` (GDAL rebuilds
    it under a process-wide option)."""
    ds = layer.dataset
    if ds.format != "shapefile" or ".shx" not in ds.parts:
        return None
    if layer.features < SPLIT_MIN_RECORDS:
        return None
    return start_geometry(ds.path, layer.label)


def read_layer(layer: LayerRef, codec: str | None, geometry: Future | None = None) -> RawLayer:
    """Read every feature of ``layer`` as WKB and attribute arrays.

    With ``geometry`` (from :func:`start_geometry_read`) the shapes come from
    that background read and the attributes are read in the background too,
    once asked for (:meth:`RawLayer.prefetch`, :meth:`RawLayer.field_arrays`).
    Other layers are read in one call.

    Raises
    ------
    IngestError
        When GDAL cannot read the layer (for background reads: when their
        result is asked for).
    """
    ds = layer.dataset
    if ds.format == "dxf":
        from landinv.ingest.cad import read_dxf

        return read_dxf(ds.path, layer.label)
    notes = []
    declared = None
    restore = ds.format == "shapefile" and ".shx" not in ds.parts
    if ds.format == "shapefile":
        prj = ds.parts.get(".prj")
        if prj is not None:
            declared = prj.read_bytes().decode("utf-8", "replace").strip() or None
    if restore:
        notes.append(
            (
                "shx_restored",
                tr("ingest_read.shx_restored", "zh"),
                tr("ingest_read.shx_restored", "en"),
            )
        )
    kwargs = {"encoding": codec} if codec else {}
    if layer.name is not None:
        kwargs["layer"] = layer.name
    attributes = None
    with gdal_errors(layer.label):
        # GDAL's warnings (e.g. "Non closed ring detected") would reach the
        # console; every defect they describe is reported per feature instead.
        config = _gdal_config(SHAPE_RESTORE_SHX="YES") if restore else contextlib.nullcontext()
        with config, warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)
            if geometry is not None:
                fields = [str(f) for f in pyogrio.read_info(ds.path, **kwargs)["fields"]]
                attributes = AttributeRead(ds.path, layer.label, codec)
                meta, wkb = geometry.result()
                columns = None
            else:
                meta, _fids, wkb, columns = pyogrio.raw.read(ds.path, **kwargs)
                fields, columns = [str(f) for f in meta["fields"]], list(columns)
                if wkb is None:
                    wkb = [None] * len(_fids)
    if declared is None and meta.get("crs"):
        declared = meta["crs"]
    wkb = np.asarray(wkb, dtype=object)
    return RawLayer(wkb, fields, columns, declared, notes, attributes)


def transcode_geojson(path: Path) -> str | None:
    """Rewrite a non-UTF-8 GeoJSON as UTF-8 when it reads as GB18030.

    GeoJSON must be UTF-8 and GDAL assumes it is; some Chinese tools write the
    system code page instead. Returns the codec found ('gb18030') or None when
    the file already is UTF-8 (or is not text we recognise).
    """
    data = path.read_bytes()
    try:
        data.decode("utf-8")
        return None
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        return None
    path.write_text(text, encoding="utf-8")
    return "gb18030"

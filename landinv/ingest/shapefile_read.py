"""A shapefile read in three concurrent parts: geometry, decision, attributes.

For a large shapefile the read is most of an upload check, and its parts need
not wait for each other: the geometry (``.shp``) does not depend on the text
encoding, and the attributes (``.dbf``) are needed only when the rows are
built. So the geometry is read in a background thread while the encoding is
decided, and the attributes (only the fields the mapping uses) while the
geometry is reprojected and checked. Both go through GDAL's Arrow stream,
which releases the GIL, and give the arrays ``pyogrio.raw.read`` gives
(docs/benchmarks.md, docs/ingest.md).

Threads here never touch the report: the pipeline adds every issue from its
own thread, in the same order as a sequential read would.
"""

from __future__ import annotations

import concurrent.futures
import contextlib
import threading
from concurrent.futures import Future
from pathlib import Path

import numpy as np
import pyogrio
import pyogrio._err
import pyogrio.errors

from landinv.errors import IngestError
from landinv.ingest.archive import scrub

#: pyogrio's read errors that mean "GDAL cannot read this file".
GDAL_READ_ERRORS = (
    pyogrio.errors.DataSourceError,
    pyogrio.errors.DataLayerError,
    pyogrio.errors.FieldError,
    pyogrio.errors.GeometryError,
    pyogrio.errors.FeatureError,
    UnicodeDecodeError,
    OSError,
)


@contextlib.contextmanager
def gdal_errors(label: str):
    """GDAL's read errors as an IngestError naming the layer."""
    try:
        yield
    except GDAL_READ_ERRORS as exc:
        raise IngestError("ingest_read.gdal_unreadable", label=label, detail=scrub(exc)) from None


def background(func, *args) -> Future:
    """Run ``func`` in a daemon thread of its own (not the shared work pool,
    whose threads the geometry steps use meanwhile)."""
    future: Future = Future()

    def run() -> None:
        route_gdal_messages()
        try:
            future.set_result(func(*args))
        except BaseException as exc:  # noqa: BLE001 - handed to whoever waits
            future.set_exception(exc)

    threading.Thread(target=run, name="landinv-ingest-read", daemon=True).start()
    return future


def route_gdal_messages() -> None:
    """Send this thread's GDAL messages through pyogrio, as in the main thread.

    GDAL's error handlers are per thread, and pyogrio pushes its own (GDAL
    warnings become Python ``RuntimeWarning``, which the pipeline silences)
    only in the thread that imported it. Without this a background read
    printed "Warning 1: Non closed ring detected" straight to the console.
    pyogrio has no public call for it; without the private one GDAL prints.
    """
    register = getattr(pyogrio._err, "_register_error_handler", None)
    if register is not None:
        register()


def settle(future: Future | None) -> None:
    """Wait for ``future`` (its error, if any, stays for whoever asks for the result)."""
    if future is not None:
        concurrent.futures.wait([future])


def start_geometry(path: Path, label: str) -> Future:
    """Start reading the shapes of ``path``: a Future of ``(meta, wkb)``.

    No field is read, so no encoding is needed yet; ISO-8859-1 is passed only
    so that pyogrio decodes nothing it could fail on (field names included).
    """
    return background(_read_geometry, path, label)


def _read_geometry(path: Path, label: str) -> tuple[dict, np.ndarray]:
    with gdal_errors(label):
        meta, table = pyogrio.raw.read_arrow(path, columns=[], encoding="ISO-8859-1")
    column = table.column(meta.get("geometry_name") or "wkb_geometry")
    return meta, np.asarray(column.to_numpy(zero_copy_only=False), dtype=object)


class AttributeRead:
    """A shapefile's attribute arrays, read in the background once asked for.

    :meth:`start` begins reading the named fields (the ones the field mapping
    uses); :meth:`arrays` waits for them. The arrays are those
    ``pyogrio.raw.read`` gives for a shapefile: GDAL recodes text with the
    same ``encoding`` either way, integers with nulls become float with NaN,
    dates ``datetime64[D]``.
    """

    def __init__(self, path: Path, label: str, encoding: str | None):
        self._path, self._label = path, label
        self._kwargs = {"encoding": encoding} if encoding else {}
        self._future: Future | None = None

    def start(self, names) -> None:
        """Begin reading ``names`` (no effect once a read has started)."""
        if self._future is None:
            self._future = background(self._read, list(names))

    def arrays(self, names) -> dict[str, np.ndarray]:
        """The arrays of ``names``, by name (starts the read if need be, then waits)."""
        names = list(names)
        self.start(names)
        got = self._future.result()
        missing = [n for n in names if n not in got]
        if missing:  # asked for more than was started: read the rest now
            got = {**got, **self._read(missing)}
        return {n: got[n] for n in names}

    def settle(self) -> None:
        """Wait for a started read (so no thread is left reading staged files)."""
        settle(self._future)

    def _read(self, names: list[str]) -> dict[str, np.ndarray]:
        if not names:
            return {}
        with gdal_errors(self._label):
            _meta, table = pyogrio.raw.read_arrow(
                self._path, read_geometry=False, columns=names, **self._kwargs
            )
        return {n: table.column(n).to_numpy(zero_copy_only=False) for n in names}

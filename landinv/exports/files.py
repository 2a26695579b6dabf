"""Delivering an export's bytes: to a buffer (the app), or safely to a path (the CLI).

A path is written through a temporary file in the same folder and renamed, so a
failed export leaves nothing half-written. An existing file is replaced only
when the caller says so (``--force``), and never when it is the inventory store
itself: ``--out var/landinv.gpkg`` once turned the store into a CSV. The file
gets the permissions any tool would give it (0666 less the umask), not the
0600 of a temporary file.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

from landinv.errors import LandinvError, UsageError


def check_target(target, *, force: bool = False, protect: Iterable = ()) -> None:
    """Refuse a path that must not be written; buffers always pass.

    Parameters
    ----------
    target : path or binary buffer
    force : bool
        Allow replacing an existing regular file.
    protect : iterable of path
        Files never to replace (the store); compared after resolving links.

    Raises
    ------
    UsageError
        The folder is missing, the path is the store, not a regular file, or
        exists and ``force`` is not set.
    """
    if hasattr(target, "write"):
        return
    path = Path(target)
    if not path.parent.is_dir():
        raise UsageError("err.out_folder", path=path.parent)
    resolved = path.resolve()
    for guarded in protect:
        if guarded and Path(guarded).resolve() == resolved:
            raise UsageError("err.out_is_store", path=path)
    if path.exists():
        if not path.is_file():
            raise UsageError("err.out_not_file", path=path)
        if not force:
            raise UsageError("err.out_exists", path=path)


def deliver(data: bytes, target, *, force: bool = True, protect: Iterable = ()) -> None:
    """Write ``data`` to a binary buffer, or atomically to a path.

    Parameters
    ----------
    data : bytes
    target : path or binary buffer
    force : bool, default True
        Replace an existing file (library callers that chose the path); the CLI
        passes its ``--force``.
    protect : iterable of path
        Files never to replace, whatever ``force`` says.
    """
    if hasattr(target, "write"):
        target.write(data)
        return
    check_target(target, force=force, protect=protect)
    path = Path(target)
    tmp = None
    try:
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, path)
    except OSError as exc:
        raise LandinvError("err.out_write", path=path, detail=exc.strerror) from None
    finally:
        if tmp and os.path.exists(tmp):
            os.unlink(tmp)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask

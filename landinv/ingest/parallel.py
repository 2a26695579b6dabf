"""Element-wise array work split over threads (GEOS and PROJ release the GIL).

An upload's reprojection, validity check and areas are each one vectorised
call whose result for a feature depends on that feature only, so running the
call on the halves of the array in two threads gives the same result in about
half the time when a second core is free (and the same time when it is not).
Small arrays are not split: the threads would cost more than they save.
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor

import numpy as np

#: Threads for element-wise work (``$LANDINV_INGEST_THREADS``, default: cores, at most 4).
THREADS = max(1, int(os.environ.get("LANDINV_INGEST_THREADS") or min(4, os.cpu_count() or 1)))
#: Arrays shorter than this are processed in the calling thread.
MIN_SPLIT = 20_000

_POOL: ThreadPoolExecutor | None = None


def pool() -> ThreadPoolExecutor:
    """The shared worker pool (created on first use; threads are daemonic).

    Two threads more than :data:`THREADS`: the two overlap searches
    (:func:`start`) run while :func:`split_map` slices the areas, and with only
    ``THREADS`` workers the slices queued behind the searches and the calling
    thread sat idle (docs/benchmarks.md).
    """
    global _POOL
    if _POOL is None:
        _POOL = ThreadPoolExecutor(
            max_workers=THREADS + 2, thread_name_prefix="landinv-ingest-work"
        )
    return _POOL


def split_map(func: Callable[[np.ndarray], np.ndarray], arr: np.ndarray) -> np.ndarray:
    """``func(arr)`` computed on ``THREADS`` slices of ``arr`` at once, concatenated.

    ``func`` must be element-wise: its result for an element depends on that
    element only (shapely predicates, ``shapely.transform`` with a point-wise
    function, ``geometry.area_m2``).
    """
    if THREADS < 2 or len(arr) < MIN_SPLIT:
        return func(arr)
    bounds = np.linspace(0, len(arr), THREADS + 1).astype(int)
    futures = [pool().submit(func, arr[a:b]) for a, b in itertools.pairwise(bounds)]
    return np.concatenate([f.result() for f in futures])


def start(func: Callable, *args, **kwargs) -> Future:
    """Run ``func`` in the pool; ``.result()`` waits for it (and raises its error)."""
    return pool().submit(func, *args, **kwargs)

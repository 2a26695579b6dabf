"""Deterministic generator of the illustrative sample data shipped in ``data/``,
and the seeding of a new store with it.

The three sub-areas are laid out as road grids near their real places in
Changshan County; the story of 2025 (supplies to projects, land revitalised
and newly developed, land turning ready, factories completed) is written as
plain tables, so changing the story means editing a table, not code.

Parcel sizes are the story's figures: each lot is cut from its block as a
strip whose width is solved so that its area on the ellipsoid equals the
target. The local frame is a Lambert azimuthal equal-area projection on
GRS80, so planar areas there are ellipsoidal areas and the group totals
(410 mu revitalised, 400 mu new, the ready stock) come out exact up to the
1e-7 degree coordinate rounding. Everything random comes from one seeded
:class:`numpy.random.Generator`; no clock is read, so two runs write
byte-identical files.

Modules, by job:

* :mod:`~landinv.sample.story` — the 2025 story tables and the lots they need;
* :mod:`~landinv.sample.zones` — where the sub-areas are, their road grids;
* :mod:`~landinv.sample.layout` — blocks, rows, cutting and filling lots, lon/lat, names;
* :mod:`~landinv.sample.buildings` — factory buildings placed on the park parcels;
* :mod:`~landinv.sample.frames` — the zones/parcels/buildings GeoDataFrames;
* :mod:`~landinv.sample.checks` — the headline figures and the story's promises;
* :mod:`~landinv.sample.writer` — the GeoJSON files, :func:`generate`, the command line;
* :mod:`~landinv.sample.seed` — :func:`~landinv.sample.seed.open_seeded`: open a
  store and fill it with ``data/`` when it is new.

``python -m landinv.sample [OUT_DIR]`` and ``landinv sample`` regenerate ``data/``.
"""

from landinv.sample.frames import SEED, build_frames
from landinv.sample.writer import DATA_DIR, DESCRIPTION, generate, main

__all__ = ["DATA_DIR", "DESCRIPTION", "SEED", "build_frames", "generate", "main"]

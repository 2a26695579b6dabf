"""The Upload page offers the GCJ-02 conversion as a choice and applies it only when chosen
(issue 12 item 6, "same in the app"), through the worker the page now uses."""

from __future__ import annotations

import datetime as dt

import numpy as np
import shapely

from landinv.ingest.gcj02 import wgs84_to_gcj02
from landinv.store import open_store
from tests.support.app import run_page, zipped_parcels


def test_gcj02_copy_is_offered_the_conversion_in_the_app(store_path, tmp_path):
    store = open_store(str(store_path))
    try:
        stored = store.layer("parcels", dt.date.today())
    finally:
        store.close()
    shifted = shapely.transform(
        stored.geometry.values, lambda xy: np.column_stack(wgs84_to_gcj02(xy[:, 0], xy[:, 1]))
    )
    rows = [
        {"地块编号": f"WEB-{i:03d}", "类型": "工业熟地", "geometry": g}
        for i, g in enumerate(shifted)
    ]
    data = zipped_parcels(rows, folder=tmp_path / "zip", name="web")
    at = run_page("upload_page", lang="en")
    at.file_uploader[0].set_value(("web.zip", data, "application/zip")).run()
    offer = at.button(key="choice_crs_0")
    assert offer.label.startswith("GCJ02"), offer.label
    assert at.button(key="upload_confirm").disabled  # nothing converted silently
    offer.click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.session_state["upload_opt_crs"] == "GCJ02"
    assert not [b for b in at.button if b.key and b.key.startswith("choice_crs")]
    # Converted back, the copy now lies exactly on the stored parcels: refused as overlaps.
    texts = " ".join(str(e.value) for e in [*at.markdown, *at.error, *at.caption])
    assert "overlap" in texts.lower() or "Overlaps" in texts, texts[:2000]

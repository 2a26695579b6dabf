"""Upload page: the caller's whole-file values, field options and the grouped report.

The same pipeline options as the CLI (issue 12 items 2-4): a file whose TYPE field
holds codes and which has no unique ID is refused with one grouped line per kind,
then passes once the planner gives the category for the whole file and numbers
the IDs; the numbering is stored with the import.
"""

from __future__ import annotations

import json

import shapely
from shapely.geometry import box
from streamlit.testing.v1 import AppTest

from landinv.store import open_store
from tests.support.app import TIMEOUT, free_square, render_page, shown, zipped_parcels


def _three_parcels_without_ids(path, folder) -> bytes:
    """Three small squares side by side in a free spot of xindu; TYPE codes, Id 0."""
    store = open_store(str(path))
    try:
        spot = free_square(store, "xindu")
    finally:
        store.close()
    xmin, ymin, xmax, ymax = spot.bounds
    step = (xmax - xmin) / 3
    rows = [
        {
            "Id": 0,
            "TYPE": "0",
            "geometry": box(xmin + i * step, ymin, xmin + (i + 0.9) * step, ymax),
        }
        for i in range(3)
    ]
    assert all(shapely.within(r["geometry"], spot.buffer(1e-9)) for r in rows)
    return zipped_parcels(rows, folder=folder, name="nolabels")


def test_whole_file_category_and_numbered_ids_in_the_app(store_path, tmp_path):
    data = _three_parcels_without_ids(store_path, tmp_path / "zip")
    at = AppTest.from_function(render_page, args=("upload_page",), default_timeout=TIMEOUT)
    at.run()
    at.file_uploader[0].set_value(("nolabels.zip", data, "application/zip")).run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.error and at.button(key="upload_confirm").disabled
    lines = shown("\n".join(m.value for m in at.markdown))
    # One line per kind: the three refused categories are one grouped line.
    assert "#1–#3，共 3 个要素" in lines and "地块类型“0”不认识" in lines
    assert "找不到编号字段" in lines and "--number-ids" in lines

    at.selectbox(key="upload_opt_category").set_value("ready")
    at.text_input(key="upload_number_parcels").set_value("T26").run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.success and not at.error, [e.value for e in at.error]
    lines = shown("\n".join(m.value for m in at.markdown))
    assert "TYPE" in lines and "T26-0001 … T26-0003" in lines

    at.button(key="upload_confirm").click().run()
    assert not at.exception
    store = open_store(str(store_path))
    try:
        log = store.imports()
        parcels = store.layer("parcels", None, geometry=False)
    finally:
        store.close()
    mine = parcels[parcels["parcel_id"].astype(str).str.startswith("T26-")]
    assert sorted(mine["parcel_id"]) == ["T26-0001", "T26-0002", "T26-0003"]
    assert set(mine["category"]) == {"ready"} and mine["import_id"].nunique() == 1
    logged = log.loc[log["import_id"] == mine["import_id"].iloc[0], "report_json"].iloc[0]
    assert json.loads(logged)["numbered_ids"]["count"] == 3

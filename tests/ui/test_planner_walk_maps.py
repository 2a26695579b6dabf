"""What a planner met on the maps and the efficiency tables, in Chinese and English
(the UX pass; the other pages are in ``test_planner_walk.py``, whose fixtures these share).

* a parcel's enterprises in the map's details panel: a land user's "rented"
  cell is empty, never "None";
* the efficiency page's tables show no "None" (gaps are empty), whole ranks and decimals
  with two places;
* a building's history says whether it is a standard factory as 是/否, Yes/No
  (it said "True");
* the map exported as PNG keeps its legend beside the map, not over the Huibu
  sub-area (matplotlib's "best" placement does not see the polygons), and
  names the sub-areas;
* the efficiency map's tooltip names its colouring for what it is (it said
  "Category: Class A") and keeps each parcel's real status;
"""

from __future__ import annotations

import datetime as dt
import json

import pytest

from landinv.domain import load_config
from landinv.i18n import tr
from landinv.store import open_store
from tests.support.app import run_page
from tests.ui import test_planner_walk as walk

#: The seeded store of the other walk tests: pytest finds fixtures among a module's names.
sample_store = walk.sample_store  # the store the app seeds (with enterprises)


@pytest.mark.parametrize("lang,rented", [("zh", "租用面积"), ("en", "Rented")])
def test_parcel_enterprises_show_no_none(store_path, lang, rented):

    store = open_store(str(store_path))
    try:
        sites = store.enterprise_sites(dt.date(2025, 12, 31))
    finally:
        store.close()
    parcel = sites.loc[sites["kind"] == "parcel", "object_id"].iloc[0]
    at = run_page("map_page", lang=lang, as_of=dt.date(2026, 1, 15))
    at.session_state["map_selected"] = ("parcels", parcel)
    at.run()
    assert not at.exception
    table = next(d.value for d in at.dataframe if any(rented in c for c in d.value.columns))
    column = next(c for c in table.columns if rented in c)
    assert table[column].tolist() == [""] * len(table), "a land user rents nothing"
    assert not table.isna().any().any(), table
    assert not (table.astype(str) == "None").any().any(), table


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_efficiency_tables_have_no_none(store_path, lang):

    import pandas as pd

    at = run_page("efficiency_page", lang=lang, as_of=dt.date(2026, 1, 15))
    frames = [d.value for d in at.dataframe]
    assert len(frames) == 3  # sub-areas, candidates, evaluation
    rank = frames[2][tr("eff.col.rank", lang)]
    assert [r for r in rank if r][:3] == ["1", "2", "3"], "a rank is a whole number"
    for frame in frames:
        assert not frame.isna().any().any(), frame.columns[frame.isna().any()].tolist()
        assert not (frame.astype(str) == "None").any().any()
        for column in frame.columns:  # decimals as text: always two places
            text = [v for v in frame[column] if isinstance(v, str) and v]
            if text and all(
                pd.notna(pd.to_numeric(v.replace(",", ""), errors="coerce")) for v in text
            ):
                assert all(
                    v.rsplit(".", 1)[-1].isdigit() and len(v.rsplit(".", 1)[-1]) == 2
                    for v in text
                    if "." in v
                ), (column, text[:5])


@pytest.mark.parametrize("lang,words", [("zh", {"是", "否"}), ("en", {"Yes", "No"})])
def test_building_history_says_yes_or_no(store_path, lang, words):

    from landinv.schema import header

    store = open_store(str(store_path))
    try:
        building = store.layer("buildings", dt.date(2026, 1, 15), geometry=False)
    finally:
        store.close()
    at = run_page("map_page", lang=lang, as_of=dt.date(2026, 1, 15))
    at.session_state["map_selected"] = ("buildings", building["building_id"].iloc[0])
    at.run()
    assert not at.exception
    column = header("is_standard_factory", lang)
    history = next(d.value for d in at.dataframe if column in d.value.columns)
    assert set(history[column]) <= words and len(history), history[column].tolist()


def test_map_png_legend_beside_the_map(store_path, monkeypatch):

    import matplotlib.pyplot as plt

    from landinv.domain import load_config
    from landinv.map import png

    figures = []
    monkeypatch.setattr(png.plt, "close", figures.append)  # keep the figure to measure it
    store = open_store(str(store_path))
    try:
        day = dt.date(2026, 1, 15)
        data = png.map_png(
            store.layer("parcels", day),
            store.layer("buildings", day),
            store.zones(),
            load_config(),
            lang="en",
            dpi=60,
        )
    finally:
        store.close()
    assert data.startswith(b"\x89PNG")
    (fig,) = figures
    ax = fig.axes[0]
    renderer = fig.canvas.get_renderer()
    legend, frame = ax.get_legend().get_window_extent(renderer), ax.get_window_extent(renderer)
    assert legend.x0 >= frame.x1, "the legend sits right of the map, covering nothing"
    labels = {t.get_text() for t in ax.texts}
    assert {"Xindu", "Huibu", "Jinchuan"} <= labels, labels  # sub-areas named, as in the app
    for text in ax.texts:  # names inside the map frame, not cut by its edge
        box = text.get_window_extent(renderer)
        if text.get_text() in {"Xindu", "Huibu", "Jinchuan"}:
            assert frame.y0 <= box.y0 and box.y1 <= frame.y1, text.get_text()
    plt.close(fig)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_efficiency_map_tooltip_names_the_colouring(store_path, lang):

    from landinv import map as mapview
    from landinv.services import efficiency as svc
    from landinv.ui import efficiency_page as page
    from landinv.ui.context import AppContext

    store = open_store(str(store_path))
    try:
        ctx = AppContext(store=store, config=load_config(), lang=lang, as_of=dt.date(2026, 1, 15))
        data = svc.year_overview(store, 2025, ctx.config)
        parcels, config = page.colour_parcels(ctx, data, "class")
    finally:
        store.close()
    assert parcels["status"].notna().all(), "the real status stays for the tooltip"
    header = tr("effp.mode.class", lang)
    layer = mapview.encode_parcels(
        parcels, config, lang, category_header=header, mark_supplied=False
    )
    payload = json.loads(layer.payload)
    labels = [c["l"] for c in payload["cols"]]
    assert header in labels and tr("schema.parcel.category", lang) not in labels
    assert "marked" not in payload and layer.marked_count == 0, "nothing hatched as supplied"
    status = next(c for c in payload["cols"] if c["l"] == tr("schema.parcel.status", lang))
    assert tr("status.supplied", lang) in status["u"]

"""What a planner met walking the pages in Chinese and English (the UX pass).

Maps and efficiency tables: ``test_planner_walk_maps.py``; in Chromium:
``test_browser_planner_walk.py``.

* the undo selector preselects no seeded import: not the sample parcels and
  buildings, nor the sample enterprises (seeded with the store, marked as
  sample in their import record);
* the plan page and the dashboard's forecast name the default scenario in the
  page language, say so when it holds no event (no empty grid reading
  "empty"), and never "the scenario's 0 planned events";
* a category change, recorded by one click, starts with no parcel chosen;
* what must be ready by when: the first step does not add "(146.00 mu more
  than the step before)" to its own 146.00 mu;
* the dashboard says when each floor was first reached in whole sentences;
* undoing a one-parcel import asks "parcels: 1, buildings: 0", not "1 parcels";
* no Streamlit call uses ``use_container_width`` (deprecated, "removed after
  2025-12-31"; it logged a warning on every run of the efficiency page);
* a refused upload's disabled button says "Nothing to import", not "import 0 features";
* the upload's reading options name the layer *in the file* apart from the
  inventory layer chosen above it (both read "Layer");
* the change log names the seeding in the page language (it showed "seed");
* English counts of one are singular ("1 feature read", "Confirm: import 1
  feature"): uploading one new parcel is the common case;
"""

from __future__ import annotations

import datetime as dt
import json
import string
from pathlib import Path

import pytest

from landinv.domain import load_config
from landinv.i18n import MESSAGES, tr
from landinv.schema import is_sample_import, sample_import_mask
from landinv.services.inventory import open_inventory
from landinv.store import open_store
from tests.support.app import commit_test_import, new_parcel_zip, run_page, shown


@pytest.fixture(scope="module")
def sample_store(tmp_path_factory) -> Path:
    """A store opened as the app opens a new one: sample layers and sample enterprises.

    Overrides tests/ui/conftest.py's ``sample_store`` for this module; its
    ``store_path`` gives each test a private copy of this one.
    """
    path = tmp_path_factory.mktemp("walk-seeded") / "sample.gpkg"
    open_inventory(path).close()
    return path


def _imports(path: Path):
    store = open_store(str(path))
    try:
        return store.imports()
    finally:
        store.close()


def test_seeded_imports_carry_the_sample_marker(store_path):
    log = _imports(store_path)
    assert set(log["import_id"]) == {"sample", "sample-enterprises-2024", "sample-enterprises-2025"}
    for text in log["report_json"]:
        assert json.loads(text)["sample"] is True
    assert all(sample_import_mask(log))
    # The import log shows file names as stored: each says "illustrative" in both languages.
    for name in log["file_name"]:
        assert "示例数据" in name and "illustrative" in name, name


def test_sample_marker_and_older_stores():
    marked = json.dumps({"sample": True, "file_name": "x.csv"})
    assert is_sample_import("IMP-20260101-000000-abcdef", "planner", marked)
    # Stores seeded before the marker: the seeding's exact IDs and user.
    assert is_sample_import("sample", "landinv", "{}")
    assert is_sample_import("sample-enterprises-2025", "landinv", '{"accepted": true}')
    # A planner's own imports are never taken for the sample.
    assert not is_sample_import("sample-enterprises-2025", "wang", '{"accepted": true}')
    assert not is_sample_import("sample-enterprises-2025x", "landinv", "{}")
    assert not is_sample_import("IMP-1", "landinv", json.dumps({"sample": False}))
    assert not is_sample_import("IMP-1", "wang", '{"note": "the sample file"}')
    assert not is_sample_import("IMP-1", "wang", None)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_undo_preselects_no_seeded_import(store_path, tmp_path, lang):
    at = run_page("history_page", lang=lang)
    box = at.selectbox(key="undo_choice")
    assert box.value is None, f"a sample import was preselected for undo: {box.value}"
    assert len(box.options) == 3
    # The planner's own import is preselected; the seeded ones are listed last.
    import_id = commit_test_import(store_path, tmp_path)
    at = run_page("history_page", lang=lang)
    box = at.selectbox(key="undo_choice")
    assert box.value == import_id
    assert box.options[0].startswith(import_id)
    assert all(o.startswith("sample") for o in box.options[1:])


@pytest.mark.parametrize(
    "lang,default,none,caption",
    [
        ("zh", "plan（默认方案）", "没有计划中的事项。", "所选方案中还没有计划事项"),
        ("en", "plan (default scenario)", "No planned events.", "holds no planned events yet"),
    ],
)
def test_plan_scenario_named_and_empty_plan_said(store_path, lang, default, none, caption):
    at = run_page("plan_page", lang=lang)
    box = at.selectbox(key="plan_scenario")
    assert box.value == "plan" and box.options == [default]
    assert len(at.dataframe) == 0 or all(len(d.value) for d in at.dataframe)
    assert none in [c.value for c in at.caption]
    assert any(default in shown(c.value) for c in at.caption), "the report hint names it"
    at = run_page("dashboard_page", lang=lang)
    assert at.selectbox(key="fc_scenario").options == [default]
    captions = " ".join(c.value for c in at.caption)
    assert caption in captions
    assert " 0 planned" not in captions and "0 个计划事项" not in captions


def _n_changes(path: Path) -> int:
    store = open_store(str(path))
    try:
        return len(store.changes())
    finally:
        store.close()


@pytest.mark.parametrize(
    "lang,submit,need",
    [
        ("zh", "记录类型调整", "请先选择地块。"),
        ("en", "Record category change", "Choose a parcel first."),
    ],
)
def test_category_change_starts_with_no_parcel(store_path, lang, submit, need):
    n_changes = _n_changes(store_path)
    at = run_page("history_page", lang=lang)
    box = at.selectbox(key="reclassify_parcel")
    assert box.value is None and len(box.options) > 0
    next(b for b in at.button if b.label == submit).click()
    at.run()
    assert not at.exception
    assert [e.value for e in at.error] == [need]
    assert _n_changes(store_path) == n_changes, "nothing recorded without a parcel"


def test_singular_forms_agree_with_their_plurals():
    singular = {code: entry for code, entry in MESSAGES.items() if "en_one" in entry}
    assert {"up.read_done", "up.ok", "up.confirm", "up.committed", "down.rows"} <= set(singular)
    assert {"map.search_found", "map.search_hidden"} <= set(singular)
    # No "parcel(s)" left in the app's texts (the ingest catalogue is being reworked apart).
    hedged = [c for c, e in MESSAGES.items() if "(s)" in e["en"] and "{n}" in e["en"]]
    assert [c for c in hedged if not c.startswith("ingest.")] == []
    for code, entry in singular.items():
        names = {f for _, f, _, _ in string.Formatter().parse(entry["en"]) if f}
        assert names == {f for _, f, _, _ in string.Formatter().parse(entry["en_one"]) if f}
        params = dict.fromkeys(names, "x")
        one, two = tr(code, "en", **{**params, "n": 1}), tr(code, "en", **{**params, "n": 2})
        assert one == entry["en_one"].format(**{**params, "n": 1}) and "1" in one, code
        assert two == entry["en"].format(**{**params, "n": 2}), code
    assert tr("up.read_done", "en", n=1) == "1 feature read"
    assert tr("up.read_done", "en", n=2) == "2 features read"
    assert tr("up.read_done", "zh", n=1) == "已读取 1 个要素"


def test_uploading_one_parcel_reads_in_the_singular(store_path, tmp_path):
    data, _mu = new_parcel_zip(store_path, tmp_path / "zip", parcel_id="CS-XD-2026-101")
    at = run_page("upload_page", lang="en")
    at.file_uploader[0].set_value(("one.zip", data, "application/zip")).run()
    assert not at.exception, [e.value for e in at.exception]
    texts = (
        [s.value for s in at.success]
        + [e.label for e in at.expander]
        + [b.label for b in at.button]
    )
    joined = " | ".join(texts)
    assert "1 feature can be imported" in joined, joined
    assert "Confirm: import 1 feature" in joined
    assert "1 features" not in joined
    at.button(key="upload_confirm").click().run()
    assert any("Imported 1 feature (" in shown(s.value) for s in at.success)


@pytest.mark.parametrize("lang,step", [("zh", "比前一阶段多"), ("en", "than the step before")])
def test_first_need_does_not_repeat_itself(store_path, lang, step):

    from landinv.planning.forecast import breach_lines
    from landinv.services import planning as plan_svc

    store = open_store(str(store_path))
    try:  # the sample dips below the ready-land floor in spring 2025
        fc = plan_svc.scenario_forecast(store, load_config(), as_of=dt.date(2025, 5, 20))
    finally:
        store.close()
    lines = breach_lines(fc, lang)
    assert fc.needs and len(lines) == 1 + len(fc.needs)
    for need, line in zip(fc.needs, lines[1:]):
        repeated = f"{need['cumulative']:,.2f}" == f"{need['add']:,.2f}"
        assert (step in line) != repeated, line
        assert f"{need['cumulative']:,.2f}" in line


@pytest.mark.parametrize(
    "lang,joint",
    [("zh", "不计为低于底线。标准厂房"), ("en", "not counted as a breach. Standard factory")],
)
def test_first_reached_in_sentences(store_path, lang, joint):
    at = run_page("dashboard_page", lang=lang)
    caption = next(c.value for c in at.caption if joint.split("。")[0].split(".")[0] in c.value)
    assert joint in caption and caption.endswith(("。", ".")), caption


def test_undo_question_counts_read_right(store_path, tmp_path):
    import_id = commit_test_import(store_path, tmp_path)
    at = run_page("history_page", lang="en")
    at.selectbox(key="undo_choice").set_value(import_id)
    at.button[0].click()  # the form's "Undo…" submit
    at.run()
    question = next(w.value for w in at.warning if "Undo" in w.value)
    assert "parcels: 1, buildings: 0" in shown(question), question
    assert "1 parcels" not in shown(question)


def test_no_deprecated_container_width():
    import ast

    ui = Path(__file__).resolve().parents[2] / "landinv" / "ui"
    found = []
    for source in sorted(ui.glob("*.py")):
        for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Attribute):
                continue  # st_folium(...) is streamlit-folium's own argument
            if any(k.arg == "use_container_width" for k in node.keywords):
                found.append(f"{source.name}:{node.lineno}")
    assert found == []


@pytest.mark.parametrize("lang,label", [("zh", "没有可导入的要素"), ("en", "Nothing to import")])
def test_refused_upload_says_nothing_to_import(store_path, tmp_path, lang, label):
    from tests.support.app import zipped_parcels

    store = open_store(str(store_path))
    try:  # a stored parcel's own outline: refused as an overlap
        taken = store.layer("parcels", None).geometry.iloc[0]
    finally:
        store.close()
    rows = [{"geometry": taken, "地块编号": "CS-XD-2026-901", "片区": "新都", "类型": "工业熟地"}]
    data = zipped_parcels(rows, folder=tmp_path / "zip", name="重叠")
    at = run_page("upload_page", lang=lang)
    at.file_uploader[0].set_value(("overlap.zip", data, "application/zip")).run()
    assert not at.exception
    button = at.button(key="upload_confirm")
    assert button.disabled and button.label == label


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_upload_labels_are_distinct(store_path, tmp_path, lang):
    data, _mu = new_parcel_zip(store_path, tmp_path / "zip", parcel_id="CS-XD-2026-102")
    at = run_page("upload_page", lang=lang)
    at.file_uploader[0].set_value(("one.zip", data, "application/zip")).run()
    labels = [r.label for r in at.radio] + [t.label for t in at.text_input]
    labels += [s.label for s in at.selectbox]
    assert len(labels) == len(set(labels)), sorted(labels)
    assert tr("up.layer", lang) in labels


@pytest.mark.parametrize("lang,action", [("zh", "载入示例数据"), ("en", "Sample data loaded")])
def test_change_log_names_the_seeding(store_path, lang, action):
    at = run_page("history_page", lang=lang)
    log = next(
        d.value
        for d in at.dataframe
        if {tr("hist.col_user", lang), tr("hist.col_action", lang)} <= set(d.value.columns)
    )
    actions = set(log[tr("hist.col_action", lang)])
    assert action in actions and "seed" not in actions, actions
    notes = " ".join(log[tr("hist.col_note", lang)])
    assert "示例数据" in notes and "sample data" in notes  # the seed's note, in both languages

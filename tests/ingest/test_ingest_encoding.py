"""Shapefile text encodings: .cpg, DBF code page, detection, overrides, no mojibake."""

from __future__ import annotations

import pytest

from landinv.errors import UsageError
from landinv.ingest import IngestOptions, read_upload
from landinv.ingest.encoding import decide_encoding, normalise_codec, read_dbf_header
from tests.support.ingest_corpus import (
    CASES_BY_NAME,
    build_source,
    new_parcels,
    set_dbf_ldid,
    write_shapefile,
)

NAMES = ["新都工业园1号地块", "新都工业园2号地块", "新都工业园3号地块"]


def _read(source, **options):
    options.setdefault("zone", "xindu")
    return read_upload(source, options=IngestOptions(**options))


def _encoding_note(result) -> str:
    return next(n.en for n in result.report.notes if n.code == "encoding")


def test_gbk_without_cpg_reads_real_chinese(tmp_path):
    shp = write_shapefile(new_parcels(), tmp_path, encoding="GBK", cpg=False)
    assert read_dbf_header(shp.with_suffix(".dbf")).ldid == 0
    result = _read(shp)
    assert result.ok
    assert result.report.encoding == "GB18030"
    assert "not UTF-8" in _encoding_note(result)
    assert result.gdf["name"].tolist() == NAMES
    assert result.gdf["category"].tolist() == ["ready", "revitalised", "new"]


def test_utf8_without_cpg_and_truncated_field_names(tmp_path):
    shp = write_shapefile(new_parcels(), tmp_path, encoding="UTF-8", cpg=False)
    result = _read(shp)
    assert result.ok, result.report.to_text("en")
    assert result.report.encoding == "UTF-8"
    assert "valid UTF-8" in _encoding_note(result)
    assert result.gdf["parcel_id"].tolist() == ["XD-N01", "XD-N02", "XD-N03"]
    assert result.gdf["name"].tolist() == NAMES
    assert "text_truncated" in {i.code for i in result.report.fixed}


def test_ldid_code_page_is_honoured(tmp_path):
    source, _ = build_source(CASES_BY_NAME["gbk_shapefile_with_ldid"], tmp_path)
    result = _read(source)
    assert "0x4D" in _encoding_note(result)
    assert result.gdf["name"].tolist() == NAMES


def test_ldid_ansi_means_detect(tmp_path):
    # 0x57 is "the writer's ANSI code page": GBK on a Chinese PC, Latin-1 to GDAL.
    shp = write_shapefile(new_parcels(), tmp_path, encoding="GBK", cpg=False)
    set_dbf_ldid(shp.with_suffix(".dbf"), 0x57)
    result = _read(shp)
    assert result.report.encoding == "GB18030"
    assert result.gdf["name"].tolist() == NAMES


def test_wrong_cpg_is_overruled_by_the_bytes(tmp_path):
    source, _ = build_source(CASES_BY_NAME["cpg_says_utf8_but_gbk"], tmp_path)
    result = _read(source)
    note = _encoding_note(result)
    assert "as the .cpg file ('UTF-8') says" in note and "read as GB18030" in note
    assert result.gdf["name"].tolist() == NAMES


def test_latin_cpg_on_chinese_text_is_overruled(tmp_path):
    shp = write_shapefile(new_parcels(), tmp_path, encoding="GBK")
    shp.with_suffix(".cpg").write_text("88591")
    result = _read(shp)
    assert result.gdf["name"].tolist() == NAMES


def test_caller_override_wins(tmp_path):
    shp = write_shapefile(new_parcels(), tmp_path, encoding="GBK", cpg=False)
    result = _read(shp, encoding="GBK")
    assert "as the caller asked" in _encoding_note(result)
    assert result.gdf["name"].tolist() == NAMES


def test_wrong_override_asks_instead_of_mojibake(tmp_path):
    shp = write_shapefile(new_parcels(), tmp_path, encoding="GBK", cpg=False)
    result = _read(shp, encoding="UTF-8")
    assert not result.ok and len(result.gdf) == 0
    options = {c["value"]: c for c in result.choices["encoding"]}
    assert "GB18030" in options
    assert NAMES[0] in options["GB18030"]["samples"]


def test_ambiguous_big5_asks_then_reads_with_the_choice(tmp_path):
    source, _ = build_source(CASES_BY_NAME["big5_ambiguous"], tmp_path)
    result = _read(source)
    values = [c["value"] for c in result.choices["encoding"]]
    assert values == ["GB18030", "Big5"]
    big5 = next(c for c in result.choices["encoding"] if c["value"] == "Big5")
    assert "臺灣園區壹號" in big5["samples"]
    chosen = _read(source, encoding="big5")
    assert chosen.ok, chosen.report.to_text("en")
    assert chosen.gdf["name"].tolist()[0] == "臺灣園區壹號"


def test_ascii_only_attributes(tmp_path):
    gdf = new_parcels()
    gdf["地块名称"] = ["A1", "A2", "A3"]
    gdf = gdf.rename(columns={"地块编号": "DKBH", "地块名称": "DKMC", "片区": "PQ", "类型": "DL"})
    gdf["PQ"] = "xindu"
    gdf["DL"] = "ready"
    shp = write_shapefile(gdf, tmp_path, cpg=False)
    decision, _fit, _values = decide_encoding(shp.with_suffix(".dbf"), None, None)
    assert decision.source == "ascii"
    assert _read(shp).ok


def test_corrupt_value_rejects_only_its_feature(tmp_path):
    shp = write_shapefile(new_parcels(), tmp_path, encoding="GBK", cpg=False)
    dbf = shp.with_suffix(".dbf")
    data = dbf.read_bytes()
    target = NAMES[1].encode("gbk")
    dbf.write_bytes(data.replace(target, b"\xff\xff" + target[2:]))
    result = _read(shp, encoding="GBK")
    bad = [i for i in result.report.must_fix if i.code == "undecodable_text"]
    assert [i.feature for i in bad] == [2]
    assert result.report.n_accepted == 2
    assert result.gdf["name"].tolist() == [NAMES[0], NAMES[2]]


def test_unknown_encoding_name_is_a_usage_error(tmp_path):
    shp = write_shapefile(new_parcels(), tmp_path)
    with pytest.raises(UsageError) as err:
        read_upload(shp, options=IngestOptions(encoding="klingon"))
    assert "GBK" in err.value.en


@pytest.mark.parametrize(
    "name,codec", [("GBK", "gb18030"), ("cp936", "gb18030"), ("utf8", "utf-8"), ("Big5", "cp950")]
)
def test_encoding_names(name, codec):
    assert normalise_codec(name) == codec

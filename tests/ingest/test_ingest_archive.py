"""Upload staging: zip safety from the central directory, limits, names, clean-up."""

from __future__ import annotations

import io
import struct
import tempfile
import zipfile
from dataclasses import replace

import pytest

from landinv.errors import IngestError, UsageError
from landinv.ingest import LIMITS, IngestOptions, read_upload
from landinv.ingest.archive import member_name, plan_zip, safe_relative_path
from tests.support.ingest_corpus import (
    CASES_BY_NAME,
    build_source,
    new_parcels,
    patch_zip_names,
    shapefile_parts,
    write_shapefile,
    zip_files,
    zip_with_declared_size,
)


@pytest.fixture
def private_tmp(tmp_path, monkeypatch):
    """Point the system temp folder at an empty folder we can inspect afterwards."""
    folder = tmp_path / "system-tmp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


def _codes(result) -> set[str]:
    return {i.code for i in result.report.must_fix}


def _zip_bytes(members: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return buf.getvalue()


def test_declared_size_bomb_is_refused_from_the_directory_without_expanding(tmp_path):
    # The member's real data is 100 bytes and would fail its size check if
    # expanded; the refusal quoting the declared 2.8 GB proves no expansion.
    data = zip_with_declared_size("parcels.dbf", b"x" * 100, 3_000_000_000)
    result = read_upload(data, filename="huge.zip")
    assert _codes(result) == {"unreadable_upload"}
    issue = result.report.must_fix[0]
    assert "2.8 GB" in issue.en and "zip bomb" in issue.en
    assert "压缩炸弹" in issue.zh


def test_ratio_bomb_is_refused(tmp_path):
    source, _ = build_source(CASES_BY_NAME["zip_bomb_ratio"], tmp_path)
    result = read_upload(source)
    assert "compression ratio" in result.report.must_fix[0].en
    assert not result.ok and len(result.gdf) == 0


def test_plan_zip_checks_ratio_only_above_the_exempt_size():
    data = _zip_bytes({"a.prj": bytes(4000)})  # tiny but highly compressible: fine
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        plan = plan_zip(zf, LIMITS)
    assert [rel for _, rel in plan.extract] == ["a.prj"]


def test_too_many_members_refused(tmp_path):
    data = _zip_bytes({f"f{i}.txt": b"x" for i in range(12)})
    result = read_upload(
        data, filename="many.zip", options=IngestOptions(limits=replace(LIMITS, max_zip_members=10))
    )
    assert "12" in result.report.must_fix[0].en and "limit of 10" in result.report.must_fix[0].en


def test_upload_size_cap(tmp_path):
    shp = write_shapefile(new_parcels(), tmp_path)
    result = read_upload(shp, options=IngestOptions(limits=replace(LIMITS, max_upload_bytes=500)))
    assert _codes(result) == {"unreadable_upload"}
    assert "more than the limit" in result.report.must_fix[0].en


def test_path_traversal_refused_and_nothing_written_outside(tmp_path, private_tmp):
    source, _ = build_source(CASES_BY_NAME["zip_path_traversal"], tmp_path / "in")
    result = read_upload(source)
    assert "'..'" in result.report.must_fix[0].en
    assert not list(tmp_path.rglob("outside.shp"))
    assert list(private_tmp.iterdir()) == []


@pytest.mark.parametrize(
    "name", ["/etc/passwd.shp", "C:/Windows/x.shp", "a/../../x.shp", "..\\..\\x.dbf"]
)
def test_unsafe_member_names(name):
    with pytest.raises(IngestError):
        safe_relative_path(name)


def test_safe_member_names_are_normalised():
    assert safe_relative_path("./成果\\地块/parcels.shp") == "成果/地块/parcels.shp"


def test_symlink_member_refused(tmp_path):
    data, name = build_source(CASES_BY_NAME["zip_symlink"], tmp_path)
    result = read_upload(data, filename=name)
    assert "symbolic link" in result.report.must_fix[0].en


def test_encrypted_member_refused():
    data = bytearray(_zip_bytes({"parcels.dbf": b"x" * 10}))
    cd = data.rfind(b"PK\x01\x02")
    flags = struct.unpack_from("<H", data, cd + 8)[0]
    struct.pack_into("<H", data, cd + 8, flags | 0x1)
    result = read_upload(bytes(data), filename="secret.zip")
    assert "password" in result.report.must_fix[0].en


def test_gbk_member_names_are_decoded(tmp_path):
    shp = write_shapefile(new_parcels(), tmp_path / "src")
    members = {f"QZ7X{p.suffix}": p for p in shapefile_parts(shp)}
    data = patch_zip_names(
        zip_files(tmp_path / "z.zip", members).read_bytes(), {"QZ7X": "地块".encode("gbk")}
    )
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        names = sorted(member_name(info)[0] for info in zf.infolist())
    assert names[0].startswith("地块.")
    result = read_upload(data, filename="x.zip", options=IngestOptions(zone="xindu"))
    assert result.report.layer == "地块.shp"
    assert "zip_names_gbk" in {n.code for n in result.report.notes}


def test_unknown_and_macos_members_are_ignored_and_listed(tmp_path):
    shp = write_shapefile(new_parcels(), tmp_path / "src")
    members = {p.name: p for p in shapefile_parts(shp)}
    members.update(
        {
            "__MACOSX/._parcels.shp": b"junk",
            "readme.txt": b"hello",
            "inner.zip": b"PK",
            "parcels.shp.xml": b"<xml/>",
        }
    )
    result = read_upload(
        zip_files(tmp_path / "a.zip", members), options=IngestOptions(zone="xindu")
    )
    assert result.ok, result.report.to_text("en")
    ignored = next(n for n in result.report.notes if n.code == "ignored_members").en
    assert "readme.txt" in ignored and "inner.zip" in ignored and "MACOSX" not in ignored


def test_temp_folder_removed_after_success_and_error(tmp_path, private_tmp):
    shp = write_shapefile(new_parcels(), tmp_path / "src")
    assert read_upload(shp, options=IngestOptions(zone="xindu")).ok
    source, _ = build_source(CASES_BY_NAME["zip_bomb_ratio"], tmp_path / "bomb")
    assert not read_upload(source).ok
    source, _ = build_source(CASES_BY_NAME["two_point_ring"], tmp_path / "ring")
    read_upload(source, options=IngestOptions(zone="xindu"))
    assert list(private_tmp.iterdir()) == []


def test_nothing_is_written_to_the_working_tree_or_beside_the_upload(tmp_path, monkeypatch):
    cwd = tmp_path / "cwd"
    cwd.mkdir()
    monkeypatch.chdir(cwd)
    shp = write_shapefile(new_parcels(), tmp_path / "src")
    shp.with_suffix(".shx").unlink()  # GDAL would write a new .shx next to the .shp
    before = sorted(p.name for p in shp.parent.iterdir())
    result = read_upload(shp, options=IngestOptions(zone="xindu"))
    assert result.ok
    assert list(cwd.iterdir()) == []
    assert sorted(p.name for p in shp.parent.iterdir()) == before


def test_loose_files_as_bytes_mapping(tmp_path):
    shp = write_shapefile(new_parcels(), tmp_path, encoding="GBK", cpg=False)
    files = {p.name: p.read_bytes() for p in shapefile_parts(shp)}
    result = read_upload(files, options=IngestOptions(zone="xindu"))
    assert result.ok
    assert result.report.file_name == "parcels.shp"
    assert result.gdf["name"].tolist()[0] == "新都工业园1号地块"


def test_single_shp_without_sidecars_is_explained(tmp_path):
    shp = write_shapefile(new_parcels(), tmp_path)
    result = read_upload(shp.read_bytes(), filename="parcels.shp")
    assert ".shx" in result.report.must_fix[0].en and ".dbf" in result.report.must_fix[0].en


def test_sidecars_with_mixed_case_names(tmp_path):
    shp = write_shapefile(new_parcels(), tmp_path)
    for part in shapefile_parts(shp):
        part.rename(part.with_name("PARCELS" + part.suffix.upper()))
    result = read_upload(tmp_path / "PARCELS.SHP", options=IngestOptions(zone="xindu"))
    assert result.ok, result.report.to_text("en")


def test_folder_upload_with_two_datasets_asks_for_a_layer(tmp_path):
    write_shapefile(new_parcels(), tmp_path / "up" / "a")
    write_shapefile(new_parcels(prefix="XD-Q"), tmp_path / "up" / "b")
    result = read_upload(tmp_path / "up")
    assert sorted(c["value"] for c in result.choices["layer"]) == ["a/parcels.shp", "b/parcels.shp"]
    chosen = read_upload(
        tmp_path / "up", options=IngestOptions(layer="b/parcels.shp", zone="xindu")
    )
    assert chosen.ok and chosen.gdf["parcel_id"].iloc[0] == "XD-Q01"


def test_sha256_is_of_the_uploaded_bytes(tmp_path):
    import hashlib

    source, _ = build_source(CASES_BY_NAME["zip_shapefile_in_subfolder"], tmp_path)
    result = read_upload(source, options=IngestOptions(zone="xindu"))
    assert result.sha256 == hashlib.sha256(source.read_bytes()).hexdigest()
    again = read_upload(
        source.read_bytes(), filename="copy.zip", options=IngestOptions(zone="xindu")
    )
    assert again.sha256 == result.sha256


def test_missing_path_is_a_usage_error(tmp_path):
    with pytest.raises(UsageError):
        read_upload(tmp_path / "nope.zip")


def _large_members() -> dict[str, bytes]:
    # Over the 8 MB threshold in all, so two threads extract it; pseudo-random
    # bytes (barely compressible, under the ratio limit) from a fixed seed.
    import numpy as np

    rng = np.random.default_rng(7)
    return {
        "big.shp": rng.integers(0, 256, 6_000_000, dtype=np.uint8).tobytes(),
        "big.dbf": rng.integers(0, 256, 5_000_000, dtype=np.uint8).tobytes(),
        "big.shx": rng.integers(0, 256, 300_000, dtype=np.uint8).tobytes(),
        "big.prj": b'GEOGCS["CGCS2000"]',
    }


def test_a_large_zip_is_extracted_by_two_threads_byte_for_byte(tmp_path):
    from landinv.ingest.archive import _split_jobs, extract_zip

    members = _large_members()
    path = tmp_path / "big.zip"
    path.write_bytes(_zip_bytes(members))
    with zipfile.ZipFile(path) as zf:
        jobs = [(info, info.filename, None) for info in zf.infolist()]
    groups = _split_jobs(jobs)
    assert len(groups) == 2  # the two largest members land in different groups
    assert {len(g) for g in groups} == {1, 3}
    out = tmp_path / "out"
    out.mkdir()
    extract_zip(path, out, LIMITS)
    assert {p.name: p.read_bytes() for p in out.iterdir()} == members


def test_a_corrupt_member_stops_a_parallel_extraction(tmp_path):
    from landinv.ingest.archive import extract_zip

    data = bytearray(_zip_bytes(_large_members()))
    # Flip bytes inside the second member's compressed data: its CRC no longer matches.
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as zf:
        info = zf.getinfo("big.dbf")
    start = info.header_offset + 30 + len(info.filename) + len(info.extra) + 1000
    data[start : start + 64] = bytes(64)
    path = tmp_path / "corrupt.zip"
    path.write_bytes(bytes(data))
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(IngestError) as info_:
        extract_zip(path, out, LIMITS)
    assert info_.value.code == "ingest_read.zip_member_corrupt"
    assert "big.dbf" in info_.value.en


def test_the_byte_budget_is_shared_by_the_extracting_threads():
    from landinv.ingest.archive import _Budget

    budget = _Budget(100)
    budget.take(60)
    with pytest.raises(IngestError) as info:
        budget.take(41)  # another thread's 41 bytes pass the limit of the whole archive
    assert info.value.code == "ingest_read.zip_expands_too_much"

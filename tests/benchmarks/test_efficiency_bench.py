"""The evaluation benchmark measures two implementations that agree (tiny size, no speed claim)."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks import datasets  # noqa: E402
from benchmarks import efficiency as bench  # noqa: E402
from landinv.efficiency.scheme import load_scheme  # noqa: E402


def test_ours_and_naive_agree_and_a_row_is_measured(tmp_path):
    data = bench.synth(300, seed=3)
    scheme = load_scheme(2025)
    ours, naive = bench.ours(data, scheme), bench.naive(data, scheme)
    bench.agree(ours, naive)  # raises on any difference
    assert ours[2025]["class"].notna().sum() > 100
    ctx = datasets.Context(sizes=datasets.PRESETS["smoke"], out=tmp_path, log=lambda m: None)
    (row,) = bench.run(ctx)
    assert row.ours > 0 and row.naive > 0 and row.goal == "< 1 s"

"""Modules stay small, or say at their top why not (issue 9: no grab-bags)."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
#: Lines above which a module's docstring must carry a paragraph starting ``Size:``.
LIMIT = 400


def test_every_long_module_says_why_it_is_long():
    unexplained = []
    for path in sorted((ROOT / "landinv").rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        if text.count("\n") <= LIMIT:
            continue
        doc = ast.get_docstring(ast.parse(text)) or ""
        if not any(line.startswith("Size:") for line in doc.splitlines()):
            unexplained.append(f"{path.relative_to(ROOT)} ({text.count(chr(10))} lines)")
    assert not unexplained, "modules over 400 lines without a 'Size:' reason: " + ", ".join(
        unexplained
    )

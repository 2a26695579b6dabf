"""Chinese text lives in the message catalogue (landinv/i18n/) and the sample generator only.

Docstrings and comments may be in any language; string literals elsewhere that
contain Chinese characters mean a text escaped the catalogue, so the other
language (and one place to fix wording) is lost.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CJK = re.compile(r"[\u3400-\u9fff\uff00-\uffef\u3000-\u303f]")

#: Where Chinese literals belong.
ALLOWED = ("landinv/i18n/", "landinv/sample/")

#: Modules that still hold Chinese literals while they move to the catalogue.
#: Each entry is a debt: remove it when the module is migrated; the test also
#: fails when a listed module no longer needs its entry.
NOT_YET_MIGRATED: set[str] = set()


def _docstring_nodes(tree: ast.AST) -> set[int]:
    ids = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            body = getattr(node, "body", [])
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                ids.add(id(body[0].value))
    return ids


def chinese_literals(path: Path) -> list[tuple[int, str]]:
    """(line, literal) of every non-docstring string constant holding Chinese."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skip = _docstring_nodes(tree)
    found = []
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and id(node) not in skip
            and CJK.search(node.value)
        ):
            found.append((node.lineno, node.value[:40]))
    return found


def _python_files() -> list[str]:
    files = [ROOT / "app.py", *sorted((ROOT / "landinv").rglob("*.py"))]
    return [p.relative_to(ROOT).as_posix() for p in files if p.exists()]


def test_no_chinese_literal_outside_the_catalogue():
    offenders = {}
    for rel in _python_files():
        if rel.startswith(ALLOWED) or rel in NOT_YET_MIGRATED:
            continue
        hits = chinese_literals(ROOT / rel)
        if hits:
            offenders[rel] = hits[:3]
    assert not offenders, f"Chinese literals outside landinv/i18n/: {offenders}"


def test_migration_list_has_no_stale_entries():
    stale = [
        rel
        for rel in sorted(NOT_YET_MIGRATED)
        if not (ROOT / rel).exists() or not chinese_literals(ROOT / rel)
    ]
    assert not stale, f"remove from NOT_YET_MIGRATED (migrated or gone): {stale}"


def test_the_detector_sees_a_literal(tmp_path):
    sample = tmp_path / "m.py"
    sample.write_text('"""模块说明"""\nX = "地块"\n# 注释\n', encoding="utf-8")
    assert [line for line, _ in chinese_literals(sample)] == [2]

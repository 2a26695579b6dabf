#!/usr/bin/env bash
# Static checks run before the tests (scripts/test.sh) and so in CI:
#   - import contracts (the layers of docs/DESIGN.md), with import-linter;
#   - ruff lint and ruff format --check.
# Each prints what is wrong and exits non-zero on a violation.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
PY=${PY:-python3}
"$(dirname "$("$PY" -c "import sys; print(sys.executable)")")/lint-imports" --no-cache
"$PY" -m ruff check landinv app.py tests benchmarks scripts
"$PY" -m ruff format --check landinv app.py tests benchmarks scripts

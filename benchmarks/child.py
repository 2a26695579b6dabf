"""Entry of a child benchmark process (see :func:`benchmarks.measure.run_child`).

``python -m benchmarks.child module:function '{"kwarg": ...}'`` calls the
function and prints its result, plus the process's peak memory, as one JSON
line on stdout.
"""

from __future__ import annotations

import importlib
import json
import sys

from benchmarks.measure import maxrss_mb


def main(argv: list[str]) -> int:
    target, kwargs = argv[0], json.loads(argv[1]) if len(argv) > 1 else {}
    module_name, func_name = target.split(":")
    func = getattr(importlib.import_module(module_name), func_name)
    result = dict(func(**kwargs))
    result["maxrss_mb"] = maxrss_mb()
    print(json.dumps(result, default=str))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

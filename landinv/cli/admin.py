"""``backup``, ``restore`` and ``sample``: the inventory as a whole."""

from __future__ import annotations

import json
from pathlib import Path

from landinv.cli.common import EXIT_OK, bilingual
from landinv.errors import UsageError
from landinv.services import files, inventory


def register(sub, parents) -> None:
    """Add the commands of this module to the ``landinv`` parser."""
    p = sub.add_parser(
        "sample", parents=[parents["common"]], help="regenerate the sample data in data/"
    )
    p.add_argument("--out", help="output folder (default: the repository's data/)")
    p.set_defaults(handler=cmd_sample)

    p = sub.add_parser(
        "backup", parents=[parents["common"]], help="GeoPackage snapshot with history"
    )
    p.add_argument("--out", required=True)
    p.set_defaults(handler=cmd_backup)

    p = sub.add_parser(
        "restore", parents=[parents["common"]], help="load a snapshot into an empty store"
    )
    p.add_argument("path")
    p.set_defaults(handler=cmd_restore)


def cmd_sample(args, cfg) -> int:
    from landinv import sample

    out = Path(args.out) if args.out else sample.DATA_DIR
    if not out.parent.is_dir():
        raise UsageError("err.sample_parent", path=out.parent)
    result = sample.generate(out)
    print(json.dumps(result, ensure_ascii=False, indent=2, default=str))
    return EXIT_OK


def cmd_backup(args, cfg) -> int:
    with inventory.open_inventory(args.store) as store:
        files.backup(store, args.out)
    print(bilingual("cli.backup_written", path=args.out))
    return EXIT_OK


def cmd_restore(args, cfg) -> int:
    if not Path(args.path).is_file():
        raise UsageError("err.backup_not_found", path=args.path)
    with inventory.open_inventory(args.store, seed=False) as store:
        files.restore(args.path, store)
    print(bilingual("cli.restored", location=store.location))
    return EXIT_OK

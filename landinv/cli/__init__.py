"""The ``landinv`` command: the only code that parses argv for the inventory.

Each module of this package holds a group of commands and registers them with
``register(subparsers, parents)``; a handler parses nothing itself, calls
:mod:`landinv.services` and renders. Every command takes ``--store`` (else
``$LANDINV_STORE``, else ``var/landinv.gpkg``). Exit codes: 0 success, 1 a floor
is breached (``check``), 2 a usage, data or store error — always a bilingual
message, never a traceback (the one error boundary is :func:`main`).
"""

from __future__ import annotations

import os
import sys

from landinv import domain
from landinv.cli import admin, changes, efficiency, imports, inventory, planning
from landinv.cli.common import EXIT_ERROR, EXIT_OK, Parser, parents
from landinv.errors import LandinvError
from landinv.i18n import both, tr

#: Command groups, in the order ``landinv --help`` lists them.
GROUPS = (inventory, imports, changes, efficiency, planning, admin)


def build_parser() -> Parser:
    """The argument parser of every ``landinv`` command."""
    parser = Parser(
        prog="landinv", description=f"Land and factory-space inventory ({tr('cli.description')})"
    )
    sub = parser.add_subparsers(dest="command", required=True, parser_class=Parser)
    shared = parents()
    for group in GROUPS:
        group.register(sub, shared)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run ``landinv`` with ``argv``; return the exit code (never raises for user errors)."""
    args = build_parser().parse_args(argv)
    try:
        cfg = domain.load_config(args.config)
        return args.handler(args, cfg)
    except LandinvError as exc:
        sys.stderr.write(
            f"{tr('cli.error_prefix', 'zh')}{exc.zh}\n{tr('cli.error_prefix', 'en')} {exc.en}\n"
        )
        return exc.exit_code
    except BrokenPipeError:
        # Output piped into `head` and closed early: not an error for the user.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except KeyboardInterrupt:
        sys.stderr.write(both("cli.interrupted") + "\n")
        return EXIT_ERROR
    except Exception as exc:  # last resort: never show a planner a traceback
        if os.environ.get("LANDINV_DEBUG"):
            raise
        sys.stderr.write(both("cli.internal_error", detail=repr(exc)) + "\n")
        return EXIT_ERROR


def run() -> None:
    """Console-script entry point."""
    sys.exit(main())

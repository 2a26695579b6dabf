"""What every command shares: the parser class, option groups, output, the user name."""

from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path

from landinv import domain
from landinv.errors import UsageError
from landinv.i18n import both, tr

EXIT_OK, EXIT_BREACH, EXIT_ERROR = 0, 1, 2


class Parser(argparse.ArgumentParser):
    """argparse that reports bad arguments bilingually and exits 2."""

    def error(self, message):
        self.print_usage(sys.stderr)
        sys.stderr.write(both("cli.usage_error", message=message, prog=self.prog) + "\n")
        sys.exit(EXIT_ERROR)


def date_arg(text: str):
    """argparse type for ``YYYY-MM-DD``."""
    try:
        return domain.parse_date(text)
    except UsageError as exc:
        raise argparse.ArgumentTypeError(f"{exc.zh} {exc.en}") from None


def parents() -> dict[str, argparse.ArgumentParser]:
    """Option groups shared by commands: ``common`` (store, config) and ``as_of``."""
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--store",
        help="GeoPackage path (.gpkg) or postgresql:// URL "
        "(default: $LANDINV_STORE or var/landinv.gpkg)",
    )
    common.add_argument(
        "--config", help="landinv.toml (default: $LANDINV_CONFIG or ./landinv.toml)"
    )
    as_of = argparse.ArgumentParser(add_help=False)
    as_of.add_argument(
        "--as-of", type=date_arg, default=None, help="date YYYY-MM-DD (default: today)"
    )
    return {"common": common, "as_of": as_of}


def user_of(args) -> str:
    """``--user``, else the login name, for the change log."""
    if getattr(args, "user", None):
        return args.user
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return ""


def emit(text: str, out: str | None = None, *, force: bool = False, protect=()) -> None:
    """Print ``text``, or write it to ``out`` safely (see :mod:`landinv.exports.files`)."""
    if out:
        from landinv.exports import deliver

        deliver((text + "\n").encode("utf-8"), Path(out), force=force, protect=protect)
    else:
        print(text)


def bilingual(code: str, **values) -> str:
    """A line the CLI prints in both languages (its output is read by both audiences)."""
    return both(code, **values)


__all__ = [
    "EXIT_BREACH",
    "EXIT_ERROR",
    "EXIT_OK",
    "Parser",
    "bilingual",
    "date_arg",
    "emit",
    "parents",
    "tr",
    "user_of",
]

"""``supply``, ``reclassify``, ``correct-supply``, ``take-back``, ``edit-parcel``:
recorded changes to a stored parcel."""

from __future__ import annotations

from landinv.cli import planning
from landinv.cli.common import EXIT_OK, bilingual, date_arg, user_of
from landinv.i18n import tr
from landinv.services import changes, edits, inventory


def register(sub, parents) -> None:
    """Add the commands of this module to the ``landinv`` parser."""
    p = sub.add_parser(
        "supply", parents=[parents["common"]], help="record a parcel supplied to a project"
    )
    p.add_argument("parcel_id")
    p.add_argument("--date", type=date_arg, default=None)
    p.add_argument("--project", required=True)
    p.add_argument("--user", default=None)
    # Guarded (issue 11): shows the effect on both floors, refuses a breach unless allowed.
    planning.add_supply_options(p)
    p.set_defaults(handler=planning.cmd_supply)

    p = sub.add_parser(
        "reclassify",
        parents=[parents["common"]],
        help="record a category change, e.g. revitalised land becoming ready land",
    )
    p.add_argument("parcel_id")
    p.add_argument("--category", required=True, help="new category (code or name)")
    p.add_argument("--date", type=date_arg, default=None)
    p.add_argument("--note", default=None)
    p.add_argument("--user", default=None)
    p.set_defaults(handler=cmd_reclassify)
    register_revisions(sub, parents)


def cmd_reclassify(args, cfg) -> int:
    with inventory.open_inventory(args.store) as store:
        code = changes.reclassify_parcel(
            store,
            cfg,
            args.parcel_id,
            category=args.category,
            date=args.date,
            user=user_of(args),
            note=args.note,
        )
    label = cfg.category(code)
    print(
        tr("cli.reclassified", "zh", parcel=args.parcel_id, name=label.name_zh)
        + " / "
        + tr("cli.reclassified", "en", parcel=args.parcel_id, name=label.name_en)
    )
    return EXIT_OK


# -- reverse acts and edits (issue 13) ---------------------------------------------------


def register_revisions(sub, parents) -> None:
    """``correct-supply``, ``take-back`` and ``edit-parcel``."""
    p = sub.add_parser(
        "correct-supply",
        parents=[parents["common"]],
        help="mark a supply recorded by mistake; the parcel is back in stock "
        "from the supply date, as if never supplied (the record stays)",
    )
    p.add_argument("parcel_id")
    p.add_argument("--reason", required=True, help="why (recorded with the correction)")
    p.add_argument("--user", default=None)
    p.set_defaults(handler=cmd_correct_supply)

    p = sub.add_parser(
        "take-back",
        parents=[parents["common"]],
        help="record a supplied parcel taken back into stock on a date",
    )
    p.add_argument("parcel_id")
    p.add_argument("--date", type=date_arg, default=None, help="YYYY-MM-DD (default: today)")
    p.add_argument("--reason", required=True, help="why (recorded with the take-back)")
    p.add_argument("--user", default=None)
    p.set_defaults(handler=cmd_take_back)

    p = sub.add_parser(
        "edit-parcel",
        parents=[parents["common"]],
        help="correct a parcel's name, land-use code, project, zone or outline "
        "(a new version with who, when and why)",
    )
    p.add_argument("parcel_id")
    p.add_argument("--reason", required=True, help="why (recorded with the edit)")
    p.add_argument("--date", type=date_arg, default=None, help="in effect from (default: today)")
    p.add_argument("--name", default=None)
    p.add_argument("--land-use-code", default=None)
    p.add_argument("--project", default=None)
    p.add_argument("--zone", default=None, help="zone code or name")
    p.add_argument(
        "--outline",
        default=None,
        help="file with the new outline as GeoJSON or WKT (lon/lat, CGCS2000); "
        "'-' reads standard input",
    )
    p.add_argument("--user", default=None)
    p.set_defaults(handler=cmd_edit_parcel)


def cmd_correct_supply(args, cfg) -> int:
    with inventory.open_inventory(args.store) as store:
        out = changes.correct_supply(store, args.parcel_id, reason=args.reason, user=user_of(args))
    print(
        bilingual(
            "chg.cli_corrected",
            parcel=args.parcel_id,
            project=out["project"] or "-",
            date=out["date"].isoformat(),
        )
    )
    return EXIT_OK


def cmd_take_back(args, cfg) -> int:
    with inventory.open_inventory(args.store) as store:
        out = changes.take_back(
            store, args.parcel_id, reason=args.reason, date=args.date, user=user_of(args)
        )
    date = (args.date or _today()).isoformat()
    print(
        bilingual(
            "chg.cli_taken_back", parcel=args.parcel_id, project=out["project"] or "-", date=date
        )
    )
    return EXIT_OK


def cmd_edit_parcel(args, cfg) -> int:
    import sys
    from pathlib import Path

    outline = None
    if args.outline == "-":
        outline = sys.stdin.read()
    elif args.outline:
        path = Path(args.outline)
        if not path.is_file():
            from landinv.errors import UsageError

            raise UsageError("err.file_not_found", path=str(path))
        outline = path.read_text(encoding="utf-8")
    fields = {
        "name": args.name,
        "land_use_code": args.land_use_code,
        "project": args.project,
        "zone": args.zone,
    }
    with inventory.open_inventory(args.store) as store:
        out = edits.edit_parcel(
            store,
            cfg,
            args.parcel_id,
            reason=args.reason,
            date=args.date,
            user=user_of(args),
            fields=fields,
            outline=outline,
        )
    date = (args.date or _today()).isoformat()
    print(
        " / ".join(
            tr(
                "chg.cli_edited",
                lang,
                parcel=args.parcel_id,
                date=date,
                fields=", ".join(edits.field_label(c, lang) for c in out["changed"]),
            )
            for lang in ("zh", "en")
        )
    )
    return EXIT_OK


def _today():
    import datetime as dt

    return dt.date.today()

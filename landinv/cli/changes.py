"""``supply`` and ``reclassify``: recorded changes to a stored parcel."""

from __future__ import annotations

from landinv.cli import planning
from landinv.cli.common import EXIT_OK, date_arg, user_of
from landinv.i18n import tr
from landinv.services import changes, inventory


def register(sub, parents) -> None:
    """Add the commands of this module to the ``landinv`` parser."""
    p = sub.add_parser("supply", parents=[parents["common"]],
                       help="record a parcel supplied to a project")
    p.add_argument("parcel_id")
    p.add_argument("--date", type=date_arg, default=None)
    p.add_argument("--project", required=True)
    p.add_argument("--user", default=None)
    # Guarded (issue 11): shows the effect on both floors, refuses a breach unless allowed.
    planning.add_supply_options(p)
    p.set_defaults(handler=planning.cmd_supply)

    p = sub.add_parser("reclassify", parents=[parents["common"]],
                       help="record a category change, e.g. revitalised land becoming ready land")
    p.add_argument("parcel_id")
    p.add_argument("--category", required=True, help="new category (code or name)")
    p.add_argument("--date", type=date_arg, default=None)
    p.add_argument("--note", default=None)
    p.add_argument("--user", default=None)
    p.set_defaults(handler=cmd_reclassify)


def cmd_reclassify(args, cfg) -> int:
    with inventory.open_inventory(args.store) as store:
        code = changes.reclassify_parcel(store, cfg, args.parcel_id, category=args.category,
                                         date=args.date, user=user_of(args), note=args.note)
    label = cfg.category(code)
    print(tr("cli.reclassified", "zh", parcel=args.parcel_id, name=label.name_zh) + " / "
          + tr("cli.reclassified", "en", parcel=args.parcel_id, name=label.name_en))
    return EXIT_OK

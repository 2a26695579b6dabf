"""``import``, ``history`` and ``undo``: files into the inventory, and back out."""

from __future__ import annotations

import json
from pathlib import Path

from landinv import domain
from landinv.cli.common import EXIT_ERROR, EXIT_OK, bilingual, date_arg, user_of
from landinv.errors import UsageError, current_lang
from landinv.ingest import IngestOptions
from landinv.ingest.fields import field_options
from landinv.services import changes, imports, inventory


def register(sub, parents) -> None:
    """Add the commands of this module to the ``landinv`` parser."""
    p = sub.add_parser("import", parents=[parents["common"]], help="read, check and import a file")
    p.add_argument("path")
    p.add_argument("--layer", help="layer or shapefile to read when the file has several")
    p.add_argument("--kind", choices=list(domain.LAYER_KINDS), default=domain.PARCELS)
    p.add_argument("--encoding", help="attribute encoding, e.g. GBK or UTF-8")
    p.add_argument(
        "--crs",
        help="source CRS when the file does not say, e.g. 4549; GCJ02 "
        "converts web-map (GCJ-02) longitude/latitude",
    )
    p.add_argument(
        "--zone", help="zone for every feature (code or name); wins over the file's zone field"
    )
    p.add_argument(
        "--category",
        help="category for every parcel (code or name); wins over the file's category field",
    )
    p.add_argument(
        "--field",
        action="append",
        default=[],
        metavar="TARGET=FIELD",
        help="read TARGET (parcel_id, name, zone, category, ...) from the file's FIELD; repeatable",
    )
    p.add_argument(
        "--ignore-field",
        action="append",
        default=[],
        metavar="FIELD",
        help="never use this field of the file, even if its name is recognised; repeatable",
    )
    p.add_argument(
        "--number-ids",
        metavar="PREFIX",
        help="number the features PREFIX-0001... in file order (for files "
        "without a unique ID); recorded in the import",
    )
    p.add_argument("--date", type=date_arg, default=None, help="effective date (default today)")
    p.add_argument(
        "--allow-outside", action="store_true", help="accept features outside every zone"
    )
    p.add_argument("--dry-run", action="store_true", help="check only, store nothing")
    p.add_argument("--json", action="store_true", help="print the JSON report")
    p.add_argument("--user", default=None)
    p.set_defaults(handler=cmd_import)

    p = sub.add_parser("history", parents=[parents["common"]], help="imports and changes")
    p.add_argument("--json", action="store_true")
    p.add_argument("--parcel", help="every version of one parcel")
    p.set_defaults(handler=cmd_history)

    p = sub.add_parser("undo", parents=[parents["common"]], help="undo an import")
    p.add_argument("import_id")
    p.add_argument("--date", type=date_arg, default=None, help="date the undo takes effect")
    p.add_argument("--user", default=None)
    p.set_defaults(handler=cmd_undo)


def _crs(value):
    if value and str(value).upper().startswith("EPSG:"):
        value = value[5:]
    return int(value) if value and str(value).isdigit() else value


def cmd_import(args, cfg) -> int:
    path = Path(args.path)
    field_map, ignored = field_options(args.kind, args.field, args.ignore_field)
    options = IngestOptions(
        kind=args.kind,
        layer=args.layer,
        encoding=args.encoding,
        crs=_crs(args.crs),
        zone=inventory.resolve_zone(cfg, args.zone),
        category=inventory.resolve_category(cfg, args.category),
        field_map=field_map or None,
        ignore_fields=ignored,
        number_ids=args.number_ids,
        allow_outside=args.allow_outside,
        effective_date=args.date or domain.parse_date(None),
    )
    with inventory.open_inventory(args.store) as store:
        # A dry run needs the report only: the rows stay in the worker.
        result = imports.check_upload(store, cfg, path, options=options, with_rows=not args.dry_run)
        imported = None
        if result.ok and not args.dry_run:
            imported = imports.commit_upload(
                store, args.kind, result, effective_date=options.effective_date, user=user_of(args)
            )
    if args.json:
        payload = result.report.to_dict()
        payload["import_id"] = imported
        payload["dry_run"] = bool(args.dry_run)
        print(json.dumps(payload, ensure_ascii=False, indent=2, default=str))
    else:
        print(result.report.to_text(current_lang()))
        if imported:
            print(bilingual("cli.imported", import_id=imported))
        elif result.ok:
            print(bilingual("cli.dry_run_ok"))
    return EXIT_OK if result.ok else EXIT_ERROR


def cmd_history(args, cfg) -> int:
    with inventory.open_inventory(args.store) as store:
        if args.parcel:
            frame = store.layer(domain.PARCELS, None, geometry=False)
            frame = frame[frame["parcel_id"] == args.parcel]
            if frame.empty:
                raise UsageError("err.no_parcel", parcel=args.parcel)
            frames = {"versions": frame}
        else:
            frames = {
                "imports": store.imports().drop(columns=["report_json"]),
                "changes": store.changes(),
            }
    if args.json:
        print(
            json.dumps(
                {
                    k: json.loads(v.to_json(orient="records", force_ascii=False))
                    for k, v in frames.items()
                },
                ensure_ascii=False,
                indent=2,
            )
        )
    else:
        for name, frame in frames.items():
            print(f"== {name} ==")
            print(frame.to_string(index=False) if len(frame) else "(none)")
    return EXIT_OK


def cmd_undo(args, cfg) -> int:
    with inventory.open_inventory(args.store) as store:
        closed = changes.undo_import(store, args.import_id, date=args.date, user=user_of(args))
    print(bilingual("cli.undone", import_id=args.import_id, n=closed))
    return EXIT_OK

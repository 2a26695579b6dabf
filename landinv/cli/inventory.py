"""``summary``, ``check`` and ``export``: what the inventory says, as text or files."""

from __future__ import annotations

import json
import sys

import pandas as pd

from landinv import analysis, domain, exports
from landinv.cli.common import EXIT_BREACH, EXIT_OK, bilingual, emit
from landinv.errors import UsageError, current_lang
from landinv.i18n import tr
from landinv.services import files, inventory

STATUS_CHOICES = ("available", "supplied", "all")


def register(sub, parents) -> None:
    """Add the commands of this module to the ``landinv`` parser."""
    p = sub.add_parser(
        "summary",
        parents=[parents["common"], parents["as_of"]],
        help="zone x category area table and the two floors",
    )
    p.add_argument("--zone", help="only this zone (code or name)")
    p.add_argument(
        "--status",
        choices=STATUS_CHOICES,
        default="available",
        help="parcels in stock (default), supplied to projects, or all",
    )
    p.add_argument("--format", choices=["table", *exports.TABLE_FORMATS], default="table")
    p.add_argument("--out", help="output file (required for xlsx)")
    p.add_argument("--force", action="store_true", help="replace an existing --out file")
    p.add_argument("--lang", choices=["zh", "en"], default=None)
    p.set_defaults(handler=cmd_summary)

    p = sub.add_parser(
        "check",
        parents=[parents["common"], parents["as_of"]],
        help="do both floors hold? exit 0 yes, 1 breached, 2 error",
    )
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_check)

    p = sub.add_parser(
        "export", parents=[parents["common"], parents["as_of"]], help="export a layer with areas"
    )
    p.add_argument("--layer", choices=list(domain.LAYER_KINDS), required=True)
    p.add_argument("--format", choices=list(exports.LAYER_FORMATS), required=True)
    p.add_argument("--out", required=True)
    p.add_argument("--force", action="store_true", help="replace an existing --out file")
    p.add_argument("--zone", help="only this zone (code or name)")
    p.add_argument("--lang", choices=["zh", "en"], default=None)
    p.set_defaults(handler=cmd_export)


def cmd_summary(args, cfg) -> int:
    lang = args.lang or current_lang()
    zone = inventory.resolve_zone(cfg, args.zone)
    if args.format == "xlsx" and not args.out:
        raise UsageError("err.xlsx_needs_out")
    with inventory.open_inventory(args.store) as store:
        report = inventory.inventory_report(store, cfg, args.as_of, lang=lang)
        table = inventory.summary_table(report, cfg, zone=zone, status=args.status, lang=lang)
        if args.format in ("xlsx", "csv", "json") and args.out:
            files.write_summary(
                store,
                report,
                table,
                args.format,
                args.out,
                lang=lang,
                force=args.force,
                status=_status(args.status),
            )
            return EXIT_OK
        store_file = inventory.store_path(store)
    if args.format == "csv":
        exports.summary_csv(
            report, table, sys.stdout.buffer, lang=lang, status=_status(args.status)
        )
    elif args.format == "json":
        print(json.dumps(files.summary_payload(report, table), ensure_ascii=False, indent=2))
    else:
        zone_name = cfg.name_en if lang == "en" else cfg.name_zh
        lines = [
            f"{zone_name} — {tr(f'cli.status_{args.status}', lang)} — {report.as_of}",
            "",
            format_table(table, lang),
            "",
        ]
        lines += [format_check(c, lang) for c in report.checks]
        emit("\n".join(lines), args.out, force=args.force, protect=[store_file])
    return EXIT_OK


def _status(choice: str | None) -> str | None:
    """The --status choice as a status code (None: every parcel)."""
    return None if choice in (None, "all") else choice


def format_table(df: pd.DataFrame, lang: str) -> str:
    """A report table as fixed-width text with headers in ``lang``."""
    shown = df.drop(
        columns=[c for c in ("row_type", "zone_code", "category_code") if c in df.columns]
    )
    shown = shown.fillna("")
    shown.columns = [exports.column_header(c, lang).split(" / ")[0] for c in shown.columns]
    return shown.to_string(index=False, float_format=lambda v: f"{v:,.2f}")


def format_check(check: analysis.FloorCheck, lang: str) -> str:
    """One floor as a line: value, floor, margin, holds or not."""
    unit = tr(f"unit.{check.unit}", lang)
    mark = tr("cli.holds" if check.holds else "cli.breached", lang)
    return (
        f"{check.label(lang)}: {check.value:,.2f} {unit} / {check.floor:,.0f} {unit} "
        f"({check.margin:+,.2f}) {mark}"
    )


def cmd_check(args, cfg) -> int:
    with inventory.open_inventory(args.store) as store:
        report = inventory.inventory_report(store, cfg, args.as_of)
    payload = analysis.check_payload(report)
    if args.json:
        print(json.dumps(payload, ensure_ascii=False))
    else:
        lang = current_lang()
        print(tr("cli.as_of", lang, date=payload["as_of"]))
        for check in report.checks:
            print(format_check(check, lang))
    return EXIT_OK if payload["ok"] else EXIT_BREACH


def cmd_export(args, cfg) -> int:
    zone = inventory.resolve_zone(cfg, args.zone)
    with inventory.open_inventory(args.store) as store:
        gdf = files.current_layer(store, args.layer, args.as_of, zone=zone)
        n = files.export_layer(
            store,
            cfg,
            gdf,
            args.format,
            args.out,
            lang=args.lang or current_lang(),
            force=args.force,
        )
    print(bilingual("cli.exported", n=n, path=args.out))
    return EXIT_OK

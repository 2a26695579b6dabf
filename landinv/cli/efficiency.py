"""``enterprises import``, ``evaluate`` and ``candidates``: per-mu efficiency from the command line.

JSON shapes are a contract for scripts (docs/efficiency.md). Exit codes: 0 done,
2 refused or a usage error.
"""

from __future__ import annotations

import json

from landinv.cli.common import EXIT_ERROR, EXIT_OK, Parser, bilingual, date_arg, emit, user_of
from landinv.errors import UsageError, current_lang
from landinv.i18n import tr
from landinv.services import efficiency as svc
from landinv.services import inventory


def register(sub, parents) -> None:
    """Add the commands of this module to the ``landinv`` parser."""
    common = parents["common"]
    p = sub.add_parser("enterprises", help="enterprise register: import XLSX/CSV files")
    group = p.add_subparsers(dest="enterprises_command", required=True, parser_class=Parser)
    q = group.add_parser(
        "import", parents=[common], help="read, check and import an enterprise file for a year"
    )
    q.add_argument("path")
    q.add_argument("--year", type=int, required=True, help="year the figures are for")
    q.add_argument(
        "--date",
        type=date_arg,
        default=None,
        help="date register and land-use changes take effect (default: 1 January)",
    )
    q.add_argument("--dry-run", action="store_true", help="check only, store nothing")
    q.add_argument("--json", action="store_true", help="print the JSON report")
    q.add_argument("--user", default=None)
    q.set_defaults(handler=cmd_import)
    q = group.add_parser(
        "export",
        parents=[common],
        help="the register with land and a year's figures as CSV or XLSX",
    )
    q.add_argument("--year", type=int, required=True)
    q.add_argument("--format", choices=["csv", "xlsx"], default="csv")
    q.add_argument("--out", required=True)
    q.add_argument("--force", action="store_true", help="replace an existing --out file")
    q.add_argument("--lang", choices=["zh", "en"], default=None)
    q.set_defaults(handler=cmd_export)

    p = sub.add_parser(
        "evaluate",
        parents=[common],
        help="per-mu efficiency evaluation of a year (scores, ranks, classes)",
    )
    p.add_argument("--year", type=int, required=True)
    p.add_argument("--json", action="store_true", help="print the evaluation as JSON")
    p.add_argument(
        "--format",
        choices=["xlsx", "csv"],
        default=None,
        help="write the public-notice table (needs --out)",
    )
    p.add_argument("--out", help="output file for --format")
    p.add_argument("--force", action="store_true", help="replace an existing --out file")
    p.add_argument("--lang", choices=["zh", "en"], default=None)
    p.set_defaults(handler=cmd_evaluate)

    p = sub.add_parser(
        "candidates",
        parents=[common],
        help="low-efficiency land: parcels failing a configured rule",
    )
    p.add_argument("--year", type=int, required=True)
    p.add_argument("--json", action="store_true")
    p.add_argument(
        "--format",
        choices=["xlsx", "csv"],
        default=None,
        help="write the candidates list (needs --out)",
    )
    p.add_argument("--out", help="output file for --format")
    p.add_argument("--force", action="store_true", help="replace an existing --out file")
    p.add_argument("--lang", choices=["zh", "en"], default=None)
    p.set_defaults(handler=cmd_candidates)


def cmd_import(args, cfg) -> int:
    with inventory.open_inventory(args.store) as store:
        out = svc.import_enterprises(
            store,
            args.path,
            year=args.year,
            effective_date=args.date,
            dry_run=args.dry_run,
            user=user_of(args),
        )
    if args.json:
        print(json.dumps(out.to_dict(), ensure_ascii=False, indent=2, default=str))
    else:
        print(out.report.to_text(current_lang()))
        if out.import_id:
            print(bilingual("eff.report.imported", import_id=out.import_id))
        elif out.ok:
            print(bilingual("eff.report.dry_run"))
    return EXIT_OK if out.ok else EXIT_ERROR


def cmd_evaluate(args, cfg) -> int:
    from landinv.exports import efficiency as ex

    lang = args.lang or current_lang()
    if args.format and not args.out:
        raise UsageError("err.eff.out_needed", fmt=args.format)
    with inventory.open_inventory(args.store) as store:
        ev = svc.evaluate_year(store, args.year, config_path=args.config)
        protect = [p for p in [inventory.store_path(store)] if p]
    if args.json:
        print(json.dumps(svc.evaluation_records(ev), ensure_ascii=False, indent=2))
    elif args.format == "xlsx":
        codes = {s: svc.indicator_codes(ev.scheme, s) for s in ("above", "below")}
        ex.evaluation_xlsx(
            ev.table, codes, args.out, year=args.year, lang=lang, force=args.force, protect=protect
        )
    elif args.format == "csv":
        ex.evaluation_csv(
            ev.table,
            svc.indicator_codes(ev.scheme),
            args.out,
            lang=lang,
            force=args.force,
            protect=protect,
        )
    else:
        zones = svc.zones_summary(ev, cfg)
        emit(_text(ev, zones, lang, cfg))
    return EXIT_OK


def _text(ev, zones, lang: str, cfg) -> str:
    from landinv.exports import efficiency as ex

    lines = [tr("eff.cli.evaluation", lang, year=ev.year)]
    for _, z in zones.iterrows():
        zone = tr("eff.total", lang) if z["zone"] == "total" else cfg.zone(z["zone"]).label(lang)
        lines.append(
            tr(
                "eff.cli.zone_line",
                lang,
                zone=zone,
                tpm=_fmt(z["tax_per_mu"]),
                target=_fmt(z["target_tax_per_mu"]),
                a=z["A"],
                b=z["B"],
                c=z["C"],
                d=z["D"],
                n=z["not_classed"],
            )
        )
    classed = ev.table[ev.table["class"].notna()]
    sheet = ex.evaluation_sheet(classed, ["tax_per_mu"], lang)
    lines += ["", sheet.to_string(index=False, float_format=lambda v: f"{v:,.2f}")]
    return "\n".join(lines)


def _fmt(value) -> str:
    return "-" if value != value else f"{value:,.2f}"


def cmd_export(args, cfg) -> int:
    from landinv.exports import efficiency as ex

    with inventory.open_inventory(args.store) as store:
        ev = svc.evaluate_year(store, args.year, config_path=args.config)
        protect = [p for p in [inventory.store_path(store)] if p]
    ex.enterprises_file(
        ev.table,
        args.out,
        fmt=args.format,
        year=args.year,
        lang=args.lang or current_lang(),
        force=args.force,
        protect=protect,
    )
    print(f"{len(ev.table)} -> {args.out}")
    return EXIT_OK


def cmd_candidates(args, cfg) -> int:
    from landinv.exports import efficiency as ex

    lang = args.lang or current_lang()
    if args.format and not args.out:
        raise UsageError("err.eff.out_needed", fmt=args.format)
    with inventory.open_inventory(args.store) as store:
        table, ev = svc.low_efficiency(store, args.year, config_path=args.config)
        protect = [p for p in [inventory.store_path(store)] if p]
    records = svc.candidate_records(table, ev.scheme, lang)
    if args.json:
        print(json.dumps(records, ensure_ascii=False, indent=2))
        return EXIT_OK
    if args.format:
        ex.candidates_file(
            records,
            args.out,
            fmt=args.format,
            year=args.year,
            lang=lang,
            force=args.force,
            protect=protect,
        )
        print(f"{len(records)} -> {args.out}")
        return EXIT_OK

    total = sum(r["area_mu"] for r in records)
    target = svc.revitalisation_target(cfg, args.year)
    lines = [
        tr(
            "eff.cli.candidates",
            lang,
            year=args.year,
            n=len(records),
            mu=_fmt(total),
            target="-" if target is None else _fmt(target),
        ),
        "",
    ]
    if records:
        lines.append(ex.candidates_frame(records, lang).to_string(index=False))
    print("\n".join(lines))
    return EXIT_OK

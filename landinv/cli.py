"""The ``landinv`` command: the only code that parses argv.

Every command takes ``--store`` (else ``$LANDINV_STORE``, else
``var/landinv.gpkg``). Exit codes: 0 success, 1 a floor is breached
(``check``), 2 a usage, data or store error — always a bilingual message,
never a traceback.
"""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
from pathlib import Path

import pandas as pd
from sqlalchemy import exc as sa_exc

from landinv import domain
from landinv.errors import LandinvError, UsageError, current_lang

EXIT_OK, EXIT_BREACH, EXIT_ERROR = 0, 1, 2


class _Parser(argparse.ArgumentParser):
    """argparse that reports bad arguments bilingually and exits 2."""

    def error(self, message):
        self.print_usage(sys.stderr)
        sys.stderr.write(f"参数错误：{message}\nUsage error: {message}\n"
                         f"用 `{self.prog} --help` 查看用法 / see `{self.prog} --help`.\n")
        sys.exit(EXIT_ERROR)


def _date(text: str):
    try:
        return domain.parse_date(text)
    except UsageError as exc:
        raise argparse.ArgumentTypeError(f"{exc.zh} {exc.en}") from None


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of every ``landinv`` command."""
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--store", help="GeoPackage path (.gpkg) or postgresql:// URL "
                        "(default: $LANDINV_STORE or var/landinv.gpkg)")
    common.add_argument("--config",
                        help="landinv.toml (default: $LANDINV_CONFIG or ./landinv.toml)")
    as_of = argparse.ArgumentParser(add_help=False)
    as_of.add_argument("--as-of", type=_date, default=None,
                       help="date YYYY-MM-DD (default: today)")

    parser = _Parser(prog="landinv", description="Land and factory-space inventory "
                     "(工业用地与标准厂房台账)")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    p = sub.add_parser("summary", parents=[common, as_of],
                       help="zone x category area table and the two floors")
    p.add_argument("--zone", help="only this zone (code or name)")
    p.add_argument("--status", choices=["available", "supplied", "all"], default="available",
                   help="parcels in stock (default), supplied to projects, or all")
    p.add_argument("--format", choices=["table", "csv", "xlsx", "json"], default="table")
    p.add_argument("--out", help="output file (required for xlsx)")
    p.add_argument("--lang", choices=["zh", "en"], default=None)

    p = sub.add_parser("check", parents=[common, as_of],
                       help="do both floors hold? exit 0 yes, 1 breached, 2 error")
    p.add_argument("--json", action="store_true")

    p = sub.add_parser("export", parents=[common, as_of], help="export a layer with areas")
    p.add_argument("--layer", choices=list(domain.LAYER_KINDS), required=True)
    p.add_argument("--format", choices=["gpkg", "geojson", "csv", "shp"], required=True)
    p.add_argument("--out", required=True)
    p.add_argument("--zone", help="only this zone (code or name)")
    p.add_argument("--lang", choices=["zh", "en"], default=None)

    p = sub.add_parser("sample", parents=[common], help="regenerate the sample data in data/")
    p.add_argument("--out", help="output folder (default: the repository's data/)")

    p = sub.add_parser("import", parents=[common], help="read, check and import a file")
    p.add_argument("path")
    p.add_argument("--layer", help="layer or shapefile to read when the file has several")
    p.add_argument("--kind", choices=list(domain.LAYER_KINDS), default=domain.PARCELS)
    p.add_argument("--encoding", help="attribute encoding, e.g. GBK or UTF-8")
    p.add_argument("--crs", help="source CRS when the file does not say, e.g. 4549")
    p.add_argument("--zone", help="zone for every feature (code or name); wins over the "
                   "file's zone field")
    p.add_argument("--category", help="category for every parcel (code or name); wins over "
                   "the file's category field")
    p.add_argument("--field", action="append", default=[], metavar="TARGET=FIELD",
                   help="read TARGET (parcel_id, name, zone, category, ...) from the file's "
                   "FIELD; repeatable")
    p.add_argument("--ignore-field", action="append", default=[], metavar="FIELD",
                   help="never use this field of the file, even if its name is recognised; "
                   "repeatable")
    p.add_argument("--number-ids", metavar="PREFIX",
                   help="number the features PREFIX-0001... in file order (for files "
                   "without a unique ID); recorded in the import")
    p.add_argument("--date", type=_date, default=None, help="effective date (default today)")
    p.add_argument("--allow-outside", action="store_true",
                   help="accept features outside every zone")
    p.add_argument("--dry-run", action="store_true", help="check only, store nothing")
    p.add_argument("--json", action="store_true", help="print the JSON report")
    p.add_argument("--user", default=None)

    p = sub.add_parser("history", parents=[common], help="imports and changes")
    p.add_argument("--json", action="store_true")
    p.add_argument("--parcel", help="every version of one parcel")

    p = sub.add_parser("undo", parents=[common], help="undo an import")
    p.add_argument("import_id")
    p.add_argument("--date", type=_date, default=None, help="date the undo takes effect")
    p.add_argument("--user", default=None)

    p = sub.add_parser("supply", parents=[common], help="record a parcel supplied to a project")
    p.add_argument("parcel_id")
    p.add_argument("--date", type=_date, default=None)
    p.add_argument("--project", required=True)
    p.add_argument("--user", default=None)

    p = sub.add_parser("reclassify", parents=[common],
                       help="record a category change, e.g. revitalised land becoming ready land")
    p.add_argument("parcel_id")
    p.add_argument("--category", required=True, help="new category (code or name)")
    p.add_argument("--date", type=_date, default=None)
    p.add_argument("--note", default=None)
    p.add_argument("--user", default=None)

    p = sub.add_parser("backup", parents=[common], help="GeoPackage snapshot with history")
    p.add_argument("--out", required=True)

    p = sub.add_parser("restore", parents=[common], help="load a snapshot into an empty store")
    p.add_argument("path")
    return parser


# -- commands -------------------------------------------------------------------

def _open(args, *, seed: bool = True):
    from landinv.store import open_store
    return open_store(args.store, seed=seed)


def _zone(cfg, value):
    if not value:
        return None
    code = cfg.match_zone(value)
    if code is None:
        cfg.zone(str(value))  # raises the bilingual "unknown zone" message
    return code


def _report(args, cfg, store):
    from landinv import reports
    return reports.inventory_report(store, args.as_of or domain.parse_date(None), cfg)


def cmd_summary(args, cfg) -> int:
    from landinv import exports
    lang = args.lang or current_lang()
    zone = _zone(cfg, args.zone)
    if args.format == "xlsx" and not args.out:
        raise UsageError("xlsx 格式需要 --out 指定输出文件。", "--format xlsx needs --out PATH.")
    with _open(args) as store:
        report = _report(args, cfg, store)
    from landinv import reports
    summary = report.summary if zone is None else report.summary[report.summary["zone"] == zone]
    status = None if args.status == "all" else args.status
    table = reports.zone_category_table(summary, cfg, lang=lang, status=status)
    if args.format == "xlsx":
        exports.summary_xlsx(report, args.out, lang=lang)
    elif args.format == "csv":
        exports.write_csv(table, args.out or sys.stdout.buffer, lang=lang)
    elif args.format == "json":
        text = json.dumps({"check": reports.check_payload(report),
                           "table": json.loads(table.to_json(orient="records",
                                                             force_ascii=False))},
                          ensure_ascii=False, indent=2)
        _emit(text, args.out)
    else:
        title = {"available": ("在库（可供应）地块", "Parcels in stock (available)"),
                 "supplied": ("已供应地块", "Parcels supplied to projects"),
                 "all": ("全部地块（含已供应）", "All parcels (including supplied)")}[args.status]
        lines = [f"{cfg.name_zh if lang == 'zh' else cfg.name_en} — "
                 f"{title[0] if lang == 'zh' else title[1]} — {report.as_of}", "",
                 _format_table(table, lang), ""]
        lines += [_format_check(c, lang) for c in report.checks]
        _emit("\n".join(lines), args.out)
    return EXIT_OK


def _format_table(df: pd.DataFrame, lang: str) -> str:
    from landinv.exports import column_header
    shown = df.drop(columns=[c for c in ("row_type", "zone_code", "category_code")
                             if c in df.columns])
    shown = shown.fillna("")
    shown.columns = [column_header(c, lang).split(" / ")[0] for c in shown.columns]
    return shown.to_string(index=False, float_format=lambda v: f"{v:,.2f}")


def _format_check(check, lang: str) -> str:
    unit = "亩" if check.unit == "mu" and lang == "zh" else ("mu" if check.unit == "mu" else "m²")
    mark = ("达标" if lang == "zh" else "holds") if check.holds else \
        ("未达标" if lang == "zh" else "BREACHED")
    return (f"{check.label(lang)}: {check.value:,.2f} {unit} / {check.floor:,.0f} {unit} "
            f"({check.margin:+,.2f}) {mark}")


def _emit(text: str, out: str | None) -> None:
    if out:
        Path(out).write_text(text + "\n", encoding="utf-8")
    else:
        print(text)


def cmd_check(args, cfg) -> int:
    from landinv import reports
    with _open(args) as store:
        report = _report(args, cfg, store)
    payload = reports.check_payload(report)
    if args.json:
        print(json.dumps(payload, ensure_ascii=False))
    else:
        lang = current_lang()
        print(f"as of {payload['as_of']}")
        for check in report.checks:
            print(_format_check(check, lang))
    return EXIT_OK if payload["ok"] else EXIT_BREACH


def cmd_export(args, cfg) -> int:
    from landinv import exports
    zone = _zone(cfg, args.zone)
    out = Path(args.out)
    if not out.parent.is_dir():
        raise UsageError(f"输出文件夹不存在：{out.parent}",
                         f"Output folder does not exist: {out.parent}")
    with _open(args) as store:
        gdf = store.layer(args.layer, args.as_of or domain.parse_date(None))
    if zone:
        gdf = gdf[gdf["zone"] == zone]
    exports.export_layer(gdf, args.format, out, lang=args.lang or current_lang())
    print(f"{len(gdf)} → {out}")
    return EXIT_OK


def cmd_sample(args, cfg) -> int:
    from landinv import sample
    out = Path(args.out) if args.out else sample.DATA_DIR
    if not out.parent.is_dir():
        raise UsageError(f"输出文件夹的上级不存在：{out.parent}",
                         f"The parent of the output folder does not exist: {out.parent}")
    result = sample.generate(out)
    print(json.dumps(result, ensure_ascii=False, indent=2, default=str))
    return EXIT_OK


def cmd_import(args, cfg) -> int:
    from landinv.ingest import IngestOptions, read_upload
    from landinv.ingest.fields import field_options
    path = Path(args.path)
    if not path.exists():
        raise UsageError(f"找不到文件：{path}", f"File not found: {path}")
    field_map, ignored = field_options(args.kind, args.field, args.ignore_field)
    crs = args.crs
    if crs and str(crs).upper().startswith("EPSG:"):
        crs = crs[5:]
    options = IngestOptions(
        kind=args.kind, layer=args.layer, encoding=args.encoding,
        crs=int(crs) if crs and str(crs).isdigit() else crs,
        zone=_zone(cfg, args.zone),
        category=_category(cfg, args.category),
        field_map=field_map or None, ignore_fields=ignored, number_ids=args.number_ids,
        allow_outside=args.allow_outside,
        effective_date=args.date or domain.parse_date(None))
    with _open(args) as store:
        result = read_upload(path, options=options, store=store, config=cfg)
        imported = None
        if result.ok and not args.dry_run:
            imported = store.commit_import(
                args.kind, result.gdf, file_name=path.name, sha256=result.sha256,
                effective_date=options.effective_date, user=_user(args),
                source_crs=str(result.report.to_dict().get("crs", "")),
                encoding=str(result.report.to_dict().get("encoding", "")),
                report=result.report.to_dict())
    if args.json:
        payload = result.report.to_dict()
        payload["import_id"] = imported
        payload["dry_run"] = bool(args.dry_run)
        print(json.dumps(payload, ensure_ascii=False, indent=2, default=str))
    else:
        print(result.report.to_text(current_lang()))
        if imported:
            print(f"已导入，批次 {imported} / Imported as {imported}")
        elif result.ok:
            print("试运行：可以导入，未写入。/ Dry run: would import; nothing stored.")
    return EXIT_OK if result.ok else EXIT_ERROR


def _category(cfg, value):
    if not value:
        return None
    code = cfg.match_category(value)
    if code is None:
        cfg.category(str(value))
    return code


def _user(args) -> str:
    if getattr(args, "user", None):
        return args.user
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return ""


def cmd_history(args, cfg) -> int:
    with _open(args) as store:
        if args.parcel:
            frame = store.layer(domain.PARCELS, None, geometry=False)
            frame = frame[frame["parcel_id"] == args.parcel]
            if frame.empty:
                raise UsageError(f"没有地块 “{args.parcel}”。", f"No parcel '{args.parcel}'.")
            frames = {"versions": frame}
        else:
            frames = {"imports": store.imports().drop(columns=["report_json"]),
                      "changes": store.changes()}
    if args.json:
        print(json.dumps({k: json.loads(v.to_json(orient="records", force_ascii=False))
                          for k, v in frames.items()}, ensure_ascii=False, indent=2))
    else:
        for name, frame in frames.items():
            print(f"== {name} ==")
            print(frame.to_string(index=False) if len(frame) else "(none)")
    return EXIT_OK


def cmd_undo(args, cfg) -> int:
    with _open(args) as store:
        closed = store.undo_import(args.import_id, date=args.date or domain.parse_date(None),
                                   user=_user(args))
    print(f"已撤销 {args.import_id}，关闭 {closed} 条记录 / Undone {args.import_id}: "
          f"{closed} rows closed")
    return EXIT_OK


def cmd_supply(args, cfg) -> int:
    with _open(args) as store:
        store.supply_parcel(args.parcel_id, date=args.date or domain.parse_date(None),
                            project=args.project, user=_user(args))
    print(f"已记录：{args.parcel_id} 供应给 {args.project} / Recorded: {args.parcel_id} "
          f"supplied to {args.project}")
    return EXIT_OK


def cmd_reclassify(args, cfg) -> int:
    category = _category(cfg, args.category)
    with _open(args) as store:
        store.reclassify_parcel(args.parcel_id, date=args.date or domain.parse_date(None),
                                category=category, user=_user(args), note=args.note)
    label = cfg.category(category)
    print(f"已记录：{args.parcel_id} 转为{label.name_zh} / Recorded: {args.parcel_id} is now "
          f"{label.name_en}")
    return EXIT_OK


def cmd_backup(args, cfg) -> int:
    from landinv.store import backup
    with _open(args) as store:
        backup.backup(store, args.out)
    print(f"备份已写入 / Backup written: {args.out}")
    return EXIT_OK


def cmd_restore(args, cfg) -> int:
    from landinv.store import backup
    if not Path(args.path).is_file():
        raise UsageError(f"找不到备份文件：{args.path}", f"Backup file not found: {args.path}")
    with _open(args, seed=False) as store:
        backup.restore(args.path, store)
    print(f"已恢复到 / Restored into: {store.location}")
    return EXIT_OK


COMMANDS = {
    "summary": cmd_summary, "check": cmd_check, "export": cmd_export, "sample": cmd_sample,
    "import": cmd_import, "history": cmd_history, "undo": cmd_undo, "supply": cmd_supply,
    "reclassify": cmd_reclassify, "backup": cmd_backup, "restore": cmd_restore,
}


def main(argv: list[str] | None = None) -> int:
    """Run ``landinv`` with ``argv``; return the exit code (never raises for user errors)."""
    args = build_parser().parse_args(argv)
    try:
        cfg = domain.load_config(args.config)
        return COMMANDS[args.command](args, cfg)
    except LandinvError as exc:
        sys.stderr.write(f"错误：{exc.zh}\nError: {exc.en}\n")
        return exc.exit_code
    except BrokenPipeError:
        # Output piped into `head` and closed early: not an error for the user.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except KeyboardInterrupt:
        sys.stderr.write("已中断 / Interrupted\n")
        return EXIT_ERROR
    except sa_exc.DBAPIError as exc:
        # A database that is down or refuses us: say which store, not a traceback.
        sys.stderr.write(f"错误：无法访问库 {args.store or '(默认)'}：{exc.orig}\n"
                         f"Error: cannot use the store {args.store or '(default)'}: {exc.orig}\n")
        return EXIT_ERROR
    except Exception as exc:  # last resort: never show a planner a traceback
        if os.environ.get("LANDINV_DEBUG"):
            raise
        sys.stderr.write(f"内部错误：{exc!r}。设置 LANDINV_DEBUG=1 可看详细信息，请报告此问题。\n"
                         f"Internal error: {exc!r}. Set LANDINV_DEBUG=1 for details and "
                         "please report it.\n")
        return EXIT_ERROR


def run() -> None:
    """Console-script entry point."""
    sys.exit(main())


if __name__ == "__main__":
    run()

"""CLI commands of planning: ``plan``, ``forecast``, the guarded ``supply``, ``report``.

Argument parsing and rendering only; every action is a function of
:mod:`landinv.services.planning` (shared with the app). JSON shapes are
documented in docs/planning.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys

from landinv import domain, i18n
from landinv.cli.common import EXIT_BREACH, EXIT_OK, Parser, date_arg, user_of
from landinv.errors import UsageError, current_lang


def register(sub, parents) -> None:
    """Add ``plan``, ``forecast`` and ``report`` to the ``landinv`` parser."""
    common, date_type = parents["common"], date_arg
    p = sub.add_parser(
        "plan",
        parents=[common],
        help="planned events (supply, ready land, new land, factory buildings) in named scenarios",
    )
    p.set_defaults(handler=cmd_plan)
    plan = p.add_subparsers(dest="plan_command", required=True, parser_class=Parser)

    scen = argparse.ArgumentParser(add_help=False)
    scen.add_argument("--scenario", default="plan", help="scenario name (default: plan)")
    who = argparse.ArgumentParser(add_help=False)
    who.add_argument("--user", default=None)
    who.add_argument("--note", default=None)

    a = plan.add_parser("add", parents=[common], help="add a planned event")
    kinds = a.add_subparsers(dest="kind", required=True, parser_class=Parser)
    k = kinds.add_parser("supply", parents=[common, scen, who], help="a parcel to be supplied")
    k.add_argument("parcel_id")
    k.add_argument("--date", type=date_type, required=True)
    k.add_argument("--project", required=True)
    k = kinds.add_parser(
        "ready",
        parents=[common, scen, who],
        help="a parcel becoming ready land (development or revitalisation)",
    )
    k.add_argument("parcel_id")
    k.add_argument("--date", type=date_type, required=True)
    k.add_argument("--category", default="ready", help="category it becomes (default ready)")
    k = kinds.add_parser(
        "new",
        parents=[common, scen, who],
        help="new land becoming ready: a planned parcel with its outline",
    )
    k.add_argument("parcel_id")
    k.add_argument("--date", type=date_type, required=True)
    k.add_argument("--outline", required=True, help="vector file with the parcel's outline")
    k.add_argument("--zone", default=None)
    k.add_argument("--category", default="ready")
    k = kinds.add_parser(
        "building",
        parents=[common, scen, who],
        help="a standard factory building completed (or --demolish)",
    )
    k.add_argument("building_id", nargs="?", default=None)
    k.add_argument("--date", type=date_type, required=True)
    k.add_argument("--floor-area", type=float, required=True, help="floor area in m²")
    k.add_argument("--demolish", action="store_true", help="floor area removed")
    k.add_argument("--zone", required=True)

    k = plan.add_parser("list", parents=[common], help="list planned events")
    k.add_argument("--scenario", default=None, help="only this scenario")
    k.add_argument("--history", action="store_true", help="every version (changed, dropped)")
    k.add_argument("--json", action="store_true")
    k = plan.add_parser(
        "drop", parents=[common, who], help="drop a planned event (kept in history)"
    )
    k.add_argument("event_id")
    k = plan.add_parser("change", parents=[common, who], help="change a planned event")
    k.add_argument("event_id")
    k.add_argument("--date", type=date_type, default=None)
    k.add_argument("--project", default=None)
    k = plan.add_parser("copy", parents=[common, who], help="copy a scenario into a what-if")
    k.add_argument("source")
    k.add_argument("target")
    k = plan.add_parser("import", parents=[common, who], help="import planned events (XLSX)")
    k.add_argument("path")
    k.add_argument("--scenario", default=None)
    k.add_argument("--dry-run", action="store_true")
    k.add_argument("--json", action="store_true")
    k = plan.add_parser("area", parents=[common, who], help="set a target area's outline")
    k.add_argument("code")
    src = k.add_mutually_exclusive_group(required=True)
    src.add_argument("--outline", help="vector file with the area's outline")
    src.add_argument("--zones", help="comma-separated sub-areas whose union is the area")
    k.add_argument("--name-zh", default="")
    k.add_argument("--name-en", default="")
    k.add_argument("--date", type=date_type, default=None)
    k = plan.add_parser(
        "targets",
        parents=[common, scen],
        help="progress to the year's targets: year to date and year end",
    )
    k.add_argument("--year", type=int, default=None)
    k.add_argument("--as-of", type=date_type, default=None)
    k.add_argument("--json", action="store_true")

    p = sub.add_parser(
        "forecast", parents=[common, scen], help="month-by-month forecast of both floors"
    )
    p.add_argument("--months", type=int, default=24)
    p.add_argument("--as-of", type=date_type, default=None)
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_forecast)

    p = sub.add_parser("report", parents=[common, scen], help="the monthly report (Word)")
    p.add_argument("--month", required=True, help="YYYY-MM")
    p.add_argument("--format", choices=["docx"], default="docx")
    p.add_argument("--out", required=True)
    p.add_argument("--lang", choices=["zh", "en"], default=None)
    p.add_argument("--months", type=int, default=12, help="forecast horizon in the report")
    p.set_defaults(handler=cmd_report)


def add_supply_options(p) -> None:
    """The guard's options on the existing ``supply`` command."""
    p.add_argument(
        "--allow-breach",
        action="store_true",
        help="record the supply even though it breaks a floor (recorded)",
    )
    p.add_argument("--scenario", default="plan", help="scenario for the forecast")


def _open(args):
    from landinv.services.inventory import open_inventory

    return open_inventory(args.store)


def cmd_plan(args, cfg) -> int:
    from landinv.services import planning as svc
    from landinv.store import planning as ps

    lang = current_lang()
    with _open(args) as store:
        c = args.plan_command
        if c == "add":
            event = {
                "kind": args.kind,
                "date": args.date,
                "scenario": args.scenario,
                "note": args.note,
            }
            if args.kind in ("supply", "ready", "new"):
                event["object_id"] = args.parcel_id
            if args.kind == "supply":
                event["project"] = args.project
            if args.kind in ("ready", "new"):
                event["category"] = args.category
            if args.kind == "new":
                event["geometry"] = svc.read_outline(args.outline)
                event["zone"] = args.zone
            if args.kind == "building":
                event.update(
                    object_id=args.building_id,
                    zone=args.zone,
                    floor_area_m2=-abs(args.floor_area) if args.demolish else abs(args.floor_area),
                )
            eid = svc.add_planned(store, cfg, event, user=user_of(args))
            print(i18n.both("plan.added", event=eid))
        elif c == "list":
            ev = ps.plan_events(store, scenario=args.scenario, history=args.history)
            if args.json:
                print(ev.to_json(orient="records", force_ascii=False, indent=2))
            else:
                print(_table(ev, lang) if len(ev) else "(none)")
        elif c == "drop":
            ps.revise_event(store, args.event_id, user=user_of(args), drop=True, note=args.note)
            print(i18n.both("plan.dropped", event=args.event_id))
        elif c == "change":
            changes = {k: v for k, v in (("date", args.date), ("project", args.project)) if v}
            ps.revise_event(store, args.event_id, user=user_of(args), note=args.note, **changes)
            print(i18n.both("plan.changed", event=args.event_id))
        elif c == "copy":
            n = ps.copy_scenario(store, args.source, args.target, user=user_of(args))
            print(i18n.both("plan.copied", n=n, name=args.target))
        elif c == "import":
            result = svc.import_plan(
                store,
                cfg,
                args.path,
                scenario=args.scenario,
                dry_run=args.dry_run,
                user=user_of(args),
            )
            if args.json:
                shown = [
                    {
                        k: (v.isoformat() if isinstance(v, dt.date) else v)
                        for k, v in e.items()
                        if k != "geometry"
                    }
                    for e in result["events"]
                ]
                print(
                    json.dumps(
                        {
                            "dry_run": result["dry_run"],
                            "event_ids": result["event_ids"],
                            "events": shown,
                        },
                        ensure_ascii=False,
                        indent=2,
                    )
                )
            elif args.dry_run:
                print(i18n.both("plan.dry_run", n=len(result["events"])))
            else:
                print(i18n.both("plan.imported", n=len(result["event_ids"])))
        elif c == "area":
            date = args.date or domain.parse_date(None)
            if args.zones:
                svc.set_area_from_zones(
                    store,
                    cfg,
                    args.code,
                    args.zones.split(","),
                    date=date,
                    name_zh=args.name_zh,
                    name_en=args.name_en,
                    user=user_of(args),
                )
            else:
                ps.set_target_area(
                    store,
                    args.code,
                    svc.read_outline(args.outline),
                    name_zh=args.name_zh,
                    name_en=args.name_en,
                    date=date,
                    user=user_of(args),
                )
            print(i18n.both("plan.area_set", area=args.code))
        elif c == "targets":
            frame = svc.progress(
                store, cfg, as_of=args.as_of, scenario=args.scenario, year=args.year
            )
            if args.json:
                print(frame.to_json(orient="records", force_ascii=False, indent=2))
            else:
                print(frame.to_string(index=False) if len(frame) else "(none)")
    return EXIT_OK


def _table(ev, lang: str) -> str:
    cols = [
        "event_id",
        "version",
        "scenario",
        "kind",
        "object_id",
        "date",
        "project",
        "zone",
        "floor_area_m2",
        "state",
        "user_name",
    ]
    shown = ev[cols].copy()
    shown["kind"] = [i18n.tr(f"plan.kind.{k}", lang) for k in shown["kind"]]
    shown["state"] = [i18n.tr(f"plan.state.{s}", lang) for s in shown["state"]]
    return shown.fillna("").to_string(index=False)


def cmd_forecast(args, cfg) -> int:
    from landinv.services import planning as svc

    with _open(args) as store:
        fc = svc.scenario_forecast(
            store, cfg, scenario=args.scenario, as_of=args.as_of, months=args.months
        )
    payload = fc.payload()
    payload["scenario"] = args.scenario
    if args.json:
        print(json.dumps(payload, ensure_ascii=False, indent=2))
    else:
        print(render_forecast(fc, current_lang()))
    return EXIT_OK if fc.first_breach is None else EXIT_BREACH


def render_forecast(fc, lang: str) -> str:
    """The forecast as text: months, first breach, what must be ready by when."""
    t = lambda code: i18n.tr(code, lang)  # noqa: E731
    frame = fc.months[
        [
            "month",
            "ready_land_mu",
            "ready_land_min_mu",
            "factory_floor_area_m2",
            "factory_floor_area_min_m2",
            "ok",
        ]
    ].copy()
    frame.columns = [
        t("plan.col.month"),
        t("plan.col.ready"),
        t("plan.col.ready_min"),
        t("plan.col.factory"),
        t("plan.col.factory_min"),
        t("plan.col.ok"),
    ]
    lines = [frame.to_string(index=False, float_format=lambda v: f"{v:,.2f}"), ""]
    from landinv.planning.forecast import breach_lines

    found = breach_lines(fc, lang)
    lines += [found[0], *("  " + x for x in found[1:])] if found else [t("plan.no_breach")]
    return "\n".join(lines)


def cmd_supply(args, cfg) -> int:
    """``supply`` with the floor guard: show the effect, refuse a breach unless allowed."""
    from landinv.services import planning as svc

    date = args.date or domain.parse_date(None)
    with _open(args) as store:
        effect = svc.supply_effect(store, cfg, args.parcel_id, date, args.scenario)
        sys.stderr.write(effect.message("zh") + "\n" + effect.message("en") + "\n")
        result = svc.record_supply(
            store,
            cfg,
            args.parcel_id,
            date=date,
            project=args.project,
            user=user_of(args),
            allow_breach=args.allow_breach,
            scenario=args.scenario,
        )
    print(i18n.both("cli.supplied", parcel=args.parcel_id, project=args.project))
    if result["fulfilled"]:
        print(i18n.both("plan.fulfilled", events=", ".join(result["fulfilled"])))
    return EXIT_OK


def cmd_report(args, cfg) -> int:
    from landinv.report.monthly import parse_month
    from landinv.services.monthly_report import write_monthly_report

    if args.format != "docx":
        raise UsageError("err.report_format")
    month = parse_month(args.month)
    lang = args.lang or current_lang()
    with _open(args) as store:
        out = write_monthly_report(
            store, cfg, month, args.out, lang=lang, scenario=args.scenario, months=args.months
        )
    print(out)
    return EXIT_OK

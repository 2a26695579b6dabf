"""The evaluation scheme and low-efficiency rules, read from ``landinv.toml``.

Everything a county changes from year to year is configuration: the indicators,
weights and benchmarks (a number or ``"average"``), the cap, the classes (shares
by rank or score thresholds), who is evaluated, the tax-per-mu target, how
tenants' land counts and the rules that flag low-efficiency land. See
docs/efficiency.md for the keys. A year without its own ``[evaluation.YEAR]``
uses the latest earlier year's scheme; without any, the built-in one (the
county weights in docs/efficiency.md with benchmarks "average").
"""

from __future__ import annotations

import math
import os
import tomllib
from dataclasses import dataclass, replace
from pathlib import Path

from landinv.errors import ConfigError, UsageError
from landinv.i18n import tr

#: Indicator code -> (numerator field, denominator field, factor). Labels and
#: units are in the catalogue (``eff.ind.<code>``, ``eff.unit.<code>``).
INDICATORS: dict[str, tuple[str, str, float]] = {
    "tax_per_mu": ("tax", "land_mu", 1.0),  # 万元/亩
    "value_added_per_mu": ("value_added", "land_mu", 1.0),  # 万元/亩
    "value_added_per_energy": ("value_added", "energy_tce", 1.0),  # 万元/吨标准煤
    "value_added_per_emission": ("value_added", "emissions_t", 1.0),  # 万元/吨
    "labour_productivity": ("value_added", "employees", 1.0),  # 万元/人
    "rd_share": ("rd", "revenue", 100.0),  # %
    "tax_per_kwh": ("tax", "electricity_kwh", 1e4),  # 元/千瓦时 (tax is in 万元)
    "revenue_per_mu": ("revenue", "land_mu", 1.0),  # 万元/亩
}
CLASSES = ("A", "B", "C", "D")
#: Kinds of low-efficiency rule and the parameter each needs.
RULE_KINDS = {
    "tax_per_mu_below": "value",
    "tax_per_mu_below_share": "share",
    "plot_ratio_below": "value",
    "class_d_years": "years",
    "idle_years": "years",
    "stopped": None,
}


@dataclass(frozen=True)
class Indicator:
    """One scored indicator: score = weight × value ÷ benchmark, within [0, cap × weight]."""

    code: str
    weight: float
    #: A number, or ``"average"`` (mean value of the evaluated enterprises that year).
    benchmark: float | str = "average"
    #: Score of a missing value: ``"zero"`` or ``"average"`` (mean score of the others).
    missing: str = "zero"


@dataclass(frozen=True)
class Group:
    """Indicators and classes of one scale (above-scale or below-scale)."""

    indicators: tuple[Indicator, ...]
    #: ``"shares"`` (A top share by rank …) or ``"thresholds"`` (total ≥ A's score …).
    class_mode: str = "shares"
    classes: tuple[tuple[str, float], ...] = (("A", 0.20), ("B", 0.60), ("C", 0.15), ("D", 0.05))
    cap: float = 1.5


@dataclass(frozen=True)
class Rule:
    """A low-efficiency rule with the name shown to the planner."""

    code: str
    kind: str
    name_zh: str
    name_en: str
    value: float | None = None

    def name(self, lang: str = "zh") -> str:
        return self.name_zh if lang == "zh" else self.name_en


@dataclass(frozen=True)
class Scheme:
    """The evaluation of one year, plus the zone-wide efficiency settings."""

    year: int
    above: Group
    below: Group
    min_land_mu_below_scale: float = 3.0
    #: Tax per mu the zone aims at for above-scale industry, 万元/亩 (20 = 200,000 yuan).
    target_tax_per_mu: float = 20.0
    #: How a tenant's land counts: ``"floor_share"`` (its share of the floor area on
    #: the parcel × the parcel's area) or ``"none"``.
    tenant_land: str = "floor_share"
    rules: tuple[Rule, ...] = ()
    #: The ``[evaluation.YEAR]`` table used (may be an earlier year carried forward).
    source_year: int | None = None

    def group(self, scale: str) -> Group:
        return self.above if scale == "above" else self.below


DEFAULT_ABOVE = Group(
    (
        Indicator("tax_per_mu", 30),
        Indicator("value_added_per_mu", 20),
        Indicator("value_added_per_energy", 20),
        Indicator("value_added_per_emission", 10),
        Indicator("labour_productivity", 10),
        Indicator("rd_share", 10),
    )
)
DEFAULT_BELOW = Group((Indicator("tax_per_mu", 50), Indicator("tax_per_kwh", 50)))


def _default_rule(code: str, kind: str, value: float | None = None) -> Rule:
    return Rule(code, kind, tr(f"eff.rule.{code}", "zh"), tr(f"eff.rule.{code}", "en"), value)


#: Rules used when landinv.toml has no ``[[efficiency.rules]]`` (the typical flags).
DEFAULT_RULES = (
    _default_rule("low_tax", "tax_per_mu_below", 3.0),
    _default_rule("below_half_average", "tax_per_mu_below_share", 0.5),
    _default_rule("low_plot_ratio", "plot_ratio_below", 1.0),
    _default_rule("class_d", "class_d_years", 2),
    _default_rule("idle", "idle_years", 2),
    _default_rule("stopped", "stopped"),
)


def config_path(path: str | os.PathLike | None = None) -> Path | None:
    """The TOML file landinv reads (as :func:`landinv.domain.load_config`), or None."""
    from landinv.domain import CONFIG_ENV, CONFIG_FILE

    p = Path(path or os.environ.get(CONFIG_ENV) or CONFIG_FILE)
    return p if p.is_file() else None


def load_scheme(
    year: int, path: str | os.PathLike | None = None, *, data: dict | None = None
) -> Scheme:
    """The scheme for ``year`` from ``landinv.toml`` (or the mapping ``data``)."""
    if data is None:
        p = config_path(path)
        data = tomllib.loads(p.read_text(encoding="utf-8")) if p else {}
    return scheme_from_dict(year, data)


def scheme_from_dict(year: int, data: dict) -> Scheme:
    """Build the :class:`Scheme` of ``year`` from a parsed TOML mapping."""
    if not 1900 <= int(year) <= 2200:
        raise UsageError("err.eff.year", year=year)
    settings = data.get("efficiency", {})
    common = {
        "target_tax_per_mu": _number(settings, "target_tax_per_mu", 20.0, "efficiency"),
        "tenant_land": settings.get("tenant_land", "floor_share"),
        "rules": _rules(settings.get("rules")) if "rules" in settings else DEFAULT_RULES,
    }
    if common["tenant_land"] not in ("floor_share", "none"):
        raise ConfigError(
            "err.eff.config", key="efficiency.tenant_land", detail="floor_share | none"
        )
    tables = {int(k): v for k, v in data.get("evaluation", {}).items()}
    earlier = [y for y in tables if y <= int(year)]
    if not tables:
        return Scheme(int(year), DEFAULT_ABOVE, DEFAULT_BELOW, **common)
    if not earlier:
        raise UsageError("err.eff.no_scheme", year=year)
    source = max(earlier)
    table = tables[source]
    key = f"evaluation.{source}"
    above = _group(table, key, DEFAULT_ABOVE)
    below_table = table.get("below_scale")
    below = (
        _group(
            {
                **{k: table[k] for k in ("cap", "classes", "thresholds") if k in table},
                **below_table,
            },
            f"{key}.below_scale",
            DEFAULT_BELOW,
        )
        if below_table
        else replace(DEFAULT_BELOW, cap=above.cap)
    )
    scope = table.get("scope", {})
    return Scheme(
        int(year),
        above,
        below,
        min_land_mu_below_scale=_number(scope, "min_land_mu_below_scale", 3.0, f"{key}.scope"),
        source_year=source,
        **common,
    )


def _number(table: dict, name: str, default: float, key: str) -> float:
    value = table.get(name, default)
    if isinstance(value, bool) or not isinstance(value, (int, float)) or math.isnan(value):
        raise ConfigError("err.eff.config", key=f"{key}.{name}", detail=repr(value))
    return float(value)


def _group(table: dict, key: str, default: Group) -> Group:
    cap = _number(table, "cap", 1.5, key)
    if cap <= 0:
        raise ConfigError("err.eff.config", key=f"{key}.cap", detail="> 0")
    items = table.get("indicators")
    indicators = (
        default.indicators
        if items is None
        else tuple(_indicator(item, f"{key}.indicators[{i}]") for i, item in enumerate(items))
    )
    if not indicators:
        raise ConfigError("err.eff.config", key=f"{key}.indicators", detail="[]")
    codes = [i.code for i in indicators]
    if len(set(codes)) != len(codes):
        raise ConfigError("err.eff.config", key=f"{key}.indicators", detail="duplicate code")
    if "thresholds" in table and "classes" in table:
        raise ConfigError("err.eff.config", key=key, detail="classes or thresholds, not both")
    if "thresholds" in table:
        mode, values = "thresholds", table["thresholds"]
    else:
        mode, values = "shares", table.get("classes", dict(default.classes))
    classes = _classes(values, mode, key)
    return Group(indicators, mode, classes, cap)


def _indicator(item: dict, key: str) -> Indicator:
    code = item.get("code")
    if code not in INDICATORS:
        raise ConfigError(
            "err.eff.config", key=f"{key}.code", detail=f"{code!r}; known: {', '.join(INDICATORS)}"
        )
    weight = _number(item, "weight", float("nan"), key)
    if weight < 0:
        raise ConfigError("err.eff.config", key=f"{key}.weight", detail=">= 0")
    benchmark = item.get("benchmark", "average")
    if benchmark != "average":
        benchmark = _number(item, "benchmark", 0.0, key)
        if benchmark <= 0:
            raise ConfigError(
                "err.eff.config", key=f"{key}.benchmark", detail='"average" or a number > 0'
            )
    missing = item.get("missing", "zero")
    if missing not in ("zero", "average"):
        raise ConfigError("err.eff.config", key=f"{key}.missing", detail="zero | average")
    return Indicator(code, weight, benchmark, missing)


def _classes(values: dict, mode: str, key: str) -> tuple[tuple[str, float], ...]:
    unknown = set(values) - set(CLASSES)
    if unknown or not values:
        name = "classes" if mode == "shares" else "thresholds"
        raise ConfigError("err.eff.config", key=f"{key}.{name}", detail="keys A, B, C, D")
    pairs = tuple((c, float(values[c])) for c in CLASSES if c in values)
    if mode == "shares":
        if any(v < 0 for _, v in pairs) or abs(sum(v for _, v in pairs) - 1.0) > 1e-9:
            raise ConfigError(
                "err.eff.config", key=f"{key}.classes", detail="shares >= 0 adding up to 1"
            )
    else:
        scores = [v for _, v in pairs]
        if scores != sorted(scores, reverse=True):
            raise ConfigError("err.eff.config", key=f"{key}.thresholds", detail="A >= B >= C >= D")
    return pairs


def _rules(items) -> tuple[Rule, ...]:
    rules = []
    for i, item in enumerate(items or ()):
        key = f"efficiency.rules[{i}]"
        kind = item.get("kind")
        if kind not in RULE_KINDS:
            raise ConfigError(
                "err.eff.config",
                key=f"{key}.kind",
                detail=f"{kind!r}; known: {', '.join(RULE_KINDS)}",
            )
        param = RULE_KINDS[kind]
        value = _number(item, param, float("nan"), key) if param else None
        code = str(item.get("code") or kind)
        rules.append(
            Rule(
                code,
                kind,
                str(item.get("name_zh") or code),
                str(item.get("name_en") or item.get("name_zh") or code),
                value,
            )
        )
    return tuple(rules)


__all__ = [
    "DEFAULT_RULES",
    "INDICATORS",
    "Group",
    "Indicator",
    "Rule",
    "Scheme",
    "load_scheme",
    "scheme_from_dict",
]

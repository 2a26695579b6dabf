"""Domain vocabulary of landinv: zones, categories, units, floors and config.

Pure: no file or network I/O except :func:`load_config`, which reads one TOML
file. Everything a development zone would change (its sub-areas, its floors,
its annual targets) lives in :class:`Config`, so another zone reuses landinv by
editing ``landinv.toml`` rather than code.
"""

from __future__ import annotations

import datetime as dt
import math
import os
import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path

from landinv.errors import ConfigError, UsageError
from landinv.i18n import config as vocab
from landinv.i18n import tr
from landinv.i18n.vocab_planning import DEFAULT_AREA_TARGETS

#: One mu in square metres, exactly (1 mu = 10000/15 m²; 15 mu = 1 ha).
M2_PER_MU = 10000.0 / 15.0
#: One hectare in square metres.
M2_PER_HA = 10000.0

#: CRS every geometry is stored in: CGCS2000 geographic.
STORE_EPSG = 4490
#: Ellipsoid of CGCS2000 (its flattening differs from GRS80 by < 1e-10 relative).
ELLIPSOID = "GRS80"

#: Parcel status: still in stock, or supplied (granted) to a project.
STATUS_AVAILABLE = "available"
STATUS_SUPPLIED = "supplied"
STATUSES = (STATUS_AVAILABLE, STATUS_SUPPLIED)
#: The plan scenario every planned event belongs to unless a what-if one is named.
DEFAULT_SCENARIO = "plan"
STATUS_LABELS = {s: {lang: tr(f"status.{s}", lang) for lang in ("zh", "en")} for s in STATUSES}

#: Category code of ready industrial land, the one the land floor counts.
READY = "ready"
REVITALISED = "revitalised"
NEW = "new"

#: Layer names in every store.
PARCELS = "parcels"
BUILDINGS = "buildings"
LAYER_KINDS = (PARCELS, BUILDINGS)


@dataclass(frozen=True)
class Zone:
    """A sub-area (片区) of the development zone."""

    code: str
    name_zh: str
    name_en: str

    def label(self, lang: str = "zh") -> str:
        """Return the zone's name in ``lang`` ('zh' or 'en')."""
        return self.name_zh if lang == "zh" else self.name_en


@dataclass(frozen=True)
class Category:
    """A parcel tag, with a stable code and bilingual labels."""

    code: str
    name_zh: str
    name_en: str
    color: str

    def label(self, lang: str = "zh") -> str:
        """Return the category's name in ``lang`` ('zh' or 'en')."""
        return self.name_zh if lang == "zh" else self.name_en


@dataclass(frozen=True)
class Config:
    """Everything zone-specific: names, sub-areas, categories, floors, targets.

    Attributes
    ----------
    ready_land_floor_mu : float
        Ready industrial land (工业熟地) that must be in stock at every date.
    factory_floor_m2 : float
        Standard factory floor space (标准厂房) that must be in stock at every date.
    annual_targets_mu : dict
        ``{year: {category_code: mu}}`` of land the zone reports for a year
        (e.g. 2025: 410 mu revitalised, 400 mu newly developed).
    """

    name_zh: str = vocab.DEFAULT_ZONE_NAME[0]
    name_en: str = vocab.DEFAULT_ZONE_NAME[1]
    zones: tuple[Zone, ...] = tuple(Zone(*z) for z in vocab.DEFAULT_SUBAREAS)
    categories: tuple[Category, ...] = tuple(Category(*c) for c in vocab.DEFAULT_CATEGORIES)
    ready_land_floor_mu: float = 2000.0
    factory_floor_m2: float = 100_000.0
    annual_targets_mu: dict = field(
        default_factory=lambda: {2025: {REVITALISED: 410.0, NEW: 400.0}}
    )
    #: Targets for a named target area (e.g. a platform polygon in the store's
    #: ``target_areas`` layer), from ``[[area_targets]]``: dicts with ``year``,
    #: ``category``, ``mu``, ``area`` (the area's code), ``name_zh``, ``name_en``.
    area_targets: tuple = DEFAULT_AREA_TARGETS
    #: Upload safety limits overriding the ingest defaults, from ``[upload]``:
    #: ``max_upload_mb``, ``max_zip_members``, ``max_uncompressed_mb``,
    #: ``max_compression_ratio``, ``max_vertices_per_feature``,
    #: ``max_vertices_per_upload``, ``check_timeout_s`` (see landinv.ingest.limits).
    upload: dict = field(default_factory=dict)

    # -- lookups -------------------------------------------------------------
    @property
    def zone_codes(self) -> tuple[str, ...]:
        return tuple(z.code for z in self.zones)

    @property
    def category_codes(self) -> tuple[str, ...]:
        return tuple(c.code for c in self.categories)

    def zone(self, code: str) -> Zone:
        """Return the zone with ``code``; raise :class:`UsageError` if unknown."""
        for z in self.zones:
            if z.code == code:
                return z
        known = ", ".join(f"{z.code} ({z.name_zh})" for z in self.zones)
        raise UsageError("config.unknown_zone", value=code, known=known)

    def category(self, code: str) -> Category:
        """Return the category with ``code``; raise :class:`UsageError` if unknown."""
        for c in self.categories:
            if c.code == code:
                return c
        known = ", ".join(f"{c.code} ({c.name_zh})" for c in self.categories)
        raise UsageError("config.unknown_category", value=code, known=known)

    def match_zone(self, value: object) -> str | None:
        """Map a zone code or a Chinese/English name (any case, with or
        without the 片区 suffix) to its code; ``None`` when nothing matches."""
        text = _norm(value)
        if not text:
            return None
        suffix = vocab.SUBAREA_SUFFIX
        for z in self.zones:
            names = {
                z.code,
                _norm(z.name_zh),
                _norm(z.name_en),
                _norm(z.name_zh).removesuffix(suffix),
            }
            if text in names or text.removesuffix(suffix) in names:
                return z.code
        return None

    def match_category(self, value: object) -> str | None:
        """Map a category code or Chinese/English label to its code."""
        text = _norm(value)
        if not text:
            return None
        for c in self.categories:
            if text in {c.code, _norm(c.name_zh), _norm(c.name_en)}:
                return c.code
        code = vocab.CATEGORY_ALIASES.get(text)
        return code if code in self.category_codes else None


def _norm(value: object) -> str:
    if value is None:
        return ""
    return str(value).strip().lower()


# -- units -------------------------------------------------------------------


def m2_to_mu(m2):
    """Convert square metres to mu (works on scalars and arrays)."""
    return m2 / M2_PER_MU


def mu_to_m2(mu):
    """Convert mu to square metres (works on scalars and arrays)."""
    return mu * M2_PER_MU


def m2_to_ha(m2):
    """Convert square metres to hectares (works on scalars and arrays)."""
    return m2 / M2_PER_HA


# -- dates -------------------------------------------------------------------


def parse_date(value: str | dt.date | None, *, default_today: bool = True) -> dt.date:
    """Parse ``YYYY-MM-DD`` (or pass a date through).

    Raises
    ------
    UsageError
        With a bilingual message when the text is not a calendar date.
    """
    if value is None or value == "":
        if default_today:
            return dt.date.today()
        raise UsageError("config.date_missing")
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError:
        raise UsageError("config.date_format", value=value) from None


# -- config file -------------------------------------------------------------

#: Keys of ``[upload]`` (landinv.ingest.limits turns them into its limits).
UPLOAD_KEYS = (
    "max_upload_mb",
    "max_zip_members",
    "max_uncompressed_mb",
    "max_compression_ratio",
    "max_vertices_per_feature",
    "max_vertices_per_upload",
    "check_timeout_s",
)

#: Environment variable naming the config file.
CONFIG_ENV = "LANDINV_CONFIG"
#: Config file looked for in the working directory when the variable is unset.
CONFIG_FILE = "landinv.toml"


def load_config(path: str | os.PathLike | None = None) -> Config:
    """Load :class:`Config` from TOML, falling back to the built-in defaults.

    The file is ``path``, else ``$LANDINV_CONFIG``, else ``./landinv.toml``;
    when none exists the defaults (Changshan) are returned. Keys left out of
    the file keep their defaults.
    """
    candidate = path or os.environ.get(CONFIG_ENV) or CONFIG_FILE
    p = Path(candidate)
    if not p.is_file():
        if path or os.environ.get(CONFIG_ENV):
            raise ConfigError("config.file_not_found", path=str(p))
        return Config()
    try:
        data = tomllib.loads(p.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError("config.parse_error", path=str(p), detail=str(exc)) from None
    return config_from_dict(data, source=str(p))


def config_from_dict(data: dict, source: str = CONFIG_FILE) -> Config:
    """Build a :class:`Config` from a parsed TOML mapping (see ``landinv.toml``).

    Raises
    ------
    ConfigError
        When a value has the wrong type or is missing; the message names the
        file (``source``) and the key, e.g. ``categories[2].name_zh``.
    """
    check = _Checker(source)
    changes: dict = {}
    zone_info = check.table(data, "zone")
    for key in ("name_zh", "name_en"):
        if key in zone_info:
            changes[key] = check.text(zone_info, key, "zone")
    if "subareas" in data:
        rows = check.rows(data, "subareas")
        changes["zones"] = tuple(
            Zone(*(check.text(row, k, f"subareas[{i}]") for k in ("code", "name_zh", "name_en")))
            for i, row in rows
        )
        check.unique("subareas", [z.code for z in changes["zones"]])
    if "categories" in data:
        rows = check.rows(data, "categories")
        changes["categories"] = tuple(
            Category(
                *(check.text(row, k, f"categories[{i}]") for k in ("code", "name_zh", "name_en")),
                check.text(row, "color", f"categories[{i}]") if "color" in row else "#777777",
            )
            for i, row in rows
        )
        check.unique("categories", [c.code for c in changes["categories"]])
    floors = check.table(data, "floors")
    if "ready_land_mu" in floors:
        changes["ready_land_floor_mu"] = check.number(floors, "ready_land_mu", "floors", 2000)
    if "factory_floor_area_m2" in floors:
        changes["factory_floor_m2"] = check.number(
            floors, "factory_floor_area_m2", "floors", 100000
        )
    if "targets" in data:
        targets = {}
        for year, vals in check.table(data, "targets").items():
            where = f"targets.{year}"
            if not str(year).isdigit():
                raise ConfigError(
                    "config.bad_table", file=source, key=where, expected="[targets.2026] (a year)"
                )
            table = check.table(check.table(data, "targets"), str(year), "targets")
            targets[int(year)] = {k: check.number(table, k, where, 400, zero_ok=True) for k in vals}
        changes["annual_targets_mu"] = targets
    if "area_targets" in data:
        rows = []
        for i, row in check.rows(data, "area_targets"):
            where = f"area_targets[{i}]"
            area = check.text(row, "area", where)
            rows.append(
                {
                    "year": int(check.number(row, "year", where, 2026)),
                    "category": check.text(row, "category", where),
                    "mu": check.number(row, "mu", where, 1800),
                    "area": area,
                    "name_zh": check.text(row, "name_zh", where) if "name_zh" in row else area,
                    "name_en": check.text(row, "name_en", where) if "name_en" in row else area,
                }
            )
        changes["area_targets"] = tuple(rows)
    if "upload" in data:
        upload = check.table(data, "upload")
        unknown = sorted(set(upload) - set(UPLOAD_KEYS))
        if unknown:
            raise ConfigError(
                "config.unknown_keys",
                file=source,
                section="[upload]",
                keys=", ".join(unknown),
                known=", ".join(sorted(UPLOAD_KEYS)),
            )
        changes["upload"] = {k: check.number(upload, k, "upload", 100) for k in upload}
    cfg = replace(Config(), **changes)
    if READY not in cfg.category_codes:
        raise ConfigError("config.need_ready", file=source)
    return cfg


class _Checker:
    """Typed reads of a TOML mapping whose errors name the file and the key."""

    def __init__(self, source: str):
        self.source = source

    def table(self, data: dict, key: str, where: str = "") -> dict:
        value = data.get(key, {})
        if not isinstance(value, dict):
            raise ConfigError(
                "config.bad_table",
                file=self.source,
                key=_key(where, key),
                expected=f"[{_key(where, key)}]",
            )
        return value

    def rows(self, data: dict, key: str) -> list[tuple[int, dict]]:
        value = data[key]
        if not isinstance(value, list) or not all(isinstance(r, dict) for r in value):
            raise ConfigError("config.bad_table", file=self.source, key=key, expected=f"[[{key}]]")
        return list(enumerate(value, start=1))

    def text(self, row: dict, key: str, where: str) -> str:
        value = row.get(key)
        if value is None or (isinstance(value, str) and not value.strip()):
            raise ConfigError("config.missing_key", file=self.source, key=_key(where, key))
        if not isinstance(value, str):
            raise ConfigError(
                "config.bad_text", file=self.source, key=_key(where, key), value=repr(value)
            )
        return value

    def number(
        self, row: dict, key: str, where: str, example: float, zero_ok: bool = False
    ) -> float:
        value = row[key]
        ok = isinstance(value, (int, float)) and not isinstance(value, bool)
        if not ok or not math.isfinite(value) or value < 0 or (value == 0 and not zero_ok):
            raise ConfigError(
                "config.bad_number",
                file=self.source,
                key=_key(where, key),
                value=repr(value),
                example=example,
            )
        return float(value)

    def unique(self, key: str, codes: list[str]) -> None:
        seen = set()
        for code in codes:
            if code in seen:
                raise ConfigError("config.duplicate_code", file=self.source, key=key, value=code)
            seen.add(code)


def _key(where: str, key: str) -> str:
    if not where:
        return key
    return f"[{where}] {key}" if "[" not in where else f"{where}.{key}"

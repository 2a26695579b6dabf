"""Domain vocabulary of landinv: zones, categories, units, floors and config.

Pure: no file or network I/O except :func:`load_config`, which reads one TOML
file. Everything a development zone would change (its sub-areas, its floors,
its annual targets) lives in :class:`Config`, so another zone reuses landinv by
editing ``landinv.toml`` rather than code.
"""

from __future__ import annotations

import datetime as dt
import os
import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path

from landinv.errors import UsageError

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
STATUS_LABELS = {
    STATUS_AVAILABLE: {"zh": "可供应", "en": "Available"},
    STATUS_SUPPLIED: {"zh": "已供应", "en": "Supplied"},
}

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

    name_zh: str = "常山经济开发区"
    name_en: str = "Changshan Economic Development Zone"
    zones: tuple[Zone, ...] = (
        Zone("xindu", "新都片区", "Xindu"),
        Zone("huibu", "辉埠片区", "Huibu"),
        Zone("jinchuan", "金川片区", "Jinchuan"),
    )
    categories: tuple[Category, ...] = (
        Category(READY, "工业熟地", "Ready industrial land", "#2e7d32"),
        Category(REVITALISED, "盘活低效用地", "Revitalised low-efficiency land", "#f9a825"),
        Category(NEW, "新开发土地", "Newly developed land", "#1565c0"),
    )
    ready_land_floor_mu: float = 2000.0
    factory_floor_m2: float = 100_000.0
    annual_targets_mu: dict = field(
        default_factory=lambda: {2025: {REVITALISED: 410.0, NEW: 400.0}}
    )
    #: Upload safety limits overriding the ingest defaults, from ``[upload]``:
    #: ``max_upload_mb``, ``max_zip_members``, ``max_uncompressed_mb``,
    #: ``max_compression_ratio`` (see landinv.ingest.limits).
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
        raise UsageError(
            f"未知片区 “{code}”。可选：{known}",
            f"Unknown zone '{code}'. Choose one of: {known}",
        )

    def category(self, code: str) -> Category:
        """Return the category with ``code``; raise :class:`UsageError` if unknown."""
        for c in self.categories:
            if c.code == code:
                return c
        known = ", ".join(f"{c.code} ({c.name_zh})" for c in self.categories)
        raise UsageError(
            f"未知地块类型 “{code}”。可选：{known}",
            f"Unknown category '{code}'. Choose one of: {known}",
        )

    def match_zone(self, value: object) -> str | None:
        """Map a zone code or a Chinese/English name (any case, with or
        without the 片区 suffix) to its code; ``None`` when nothing matches."""
        text = _norm(value)
        if not text:
            return None
        for z in self.zones:
            names = {z.code, _norm(z.name_zh), _norm(z.name_en),
                     _norm(z.name_zh).removesuffix("片区")}
            if text in names or text.removesuffix("片区") in names:
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
        aliases = {
            "熟地": READY, "工业熟地": READY, "ready land": READY, "ready": READY,
            "低效用地": REVITALISED, "盘活": REVITALISED, "盘活低效": REVITALISED,
            "revitalized": REVITALISED, "revitalised land": REVITALISED,
            "新开发": NEW, "新增": NEW, "new land": NEW, "newly developed": NEW,
        }
        code = aliases.get(text)
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
        raise UsageError("缺少日期。", "A date is required.")
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError:
        raise UsageError(
            f"日期格式不对：“{value}”。请写成 年-月-日，例如 2025-06-30。",
            f"Malformed date '{value}'. Write it as YYYY-MM-DD, e.g. 2025-06-30.",
        ) from None


# -- config file -------------------------------------------------------------

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
            raise UsageError(f"找不到配置文件：{p}", f"Config file not found: {p}")
        return Config()
    try:
        data = tomllib.loads(p.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise UsageError(f"配置文件 {p} 无法解析：{exc}",
                         f"Config file {p} cannot be parsed: {exc}") from None
    return config_from_dict(data)


def config_from_dict(data: dict) -> Config:
    """Build a :class:`Config` from a parsed TOML mapping (see ``landinv.toml``)."""
    cfg = Config()
    changes: dict = {}
    zone_info = data.get("zone", {})
    if "name_zh" in zone_info:
        changes["name_zh"] = zone_info["name_zh"]
    if "name_en" in zone_info:
        changes["name_en"] = zone_info["name_en"]
    if "subareas" in data:
        changes["zones"] = tuple(Zone(z["code"], z["name_zh"], z["name_en"])
                                 for z in data["subareas"])
    if "categories" in data:
        changes["categories"] = tuple(
            Category(c["code"], c["name_zh"], c["name_en"], c.get("color", "#777777"))
            for c in data["categories"])
    floors = data.get("floors", {})
    if "ready_land_mu" in floors:
        changes["ready_land_floor_mu"] = float(floors["ready_land_mu"])
    if "factory_floor_area_m2" in floors:
        changes["factory_floor_m2"] = float(floors["factory_floor_area_m2"])
    if "targets" in data:
        changes["annual_targets_mu"] = {
            int(year): {k: float(v) for k, v in vals.items()}
            for year, vals in data["targets"].items()}
    if "upload" in data:
        known = {"max_upload_mb", "max_zip_members", "max_uncompressed_mb",
                 "max_compression_ratio"}
        unknown = sorted(set(data["upload"]) - known)
        if unknown:
            raise UsageError(f"配置 [upload] 中有未知项：{', '.join(unknown)}。可用："
                             f"{', '.join(sorted(known))}",
                             f"Unknown keys in [upload]: {', '.join(unknown)}. "
                             f"Known: {', '.join(sorted(known))}")
        changes["upload"] = {k: float(v) for k, v in data["upload"].items()}
    cfg = replace(cfg, **changes)
    if READY not in cfg.category_codes:
        raise UsageError("配置里必须有代码为 ready 的工业熟地类型。",
                         "The config must keep a category with code 'ready'.")
    return cfg

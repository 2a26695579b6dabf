"""Numbers as planners read them: grouped digits, units in the page language.

Values stay at full precision everywhere else; rounding happens only here,
for display.
"""

from __future__ import annotations

import math
import re

from landinv.i18n import has, tr


def fmt_area(value: float, unit: str, lang: str = "zh") -> str:
    """``2,013.42 亩`` / ``105,300 m²``: mu to 2 decimals, m² to whole metres."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    name = tr(f"unit.{unit}", lang) if has(f"unit.{unit}") else unit
    digits = 2 if unit == "mu" else 0
    return f"{value:,.{digits}f} {name}"


def fmt_mu(value: float, lang: str = "zh") -> str:
    """An area in mu, e.g. ``410.00 亩``."""
    return fmt_area(value, "mu", lang)


def fmt_share(ratio: float) -> str:
    """A ratio as a percentage with one decimal, e.g. ``102.4%``."""
    if ratio is None or (isinstance(ratio, float) and math.isnan(ratio)):
        return "–"
    return f"{ratio * 100:.1f}%"


# -- data inside markdown -------------------------------------------------------

#: Characters CommonMark, GFM, Streamlit's directives and KaTeX give a meaning;
#: a backslash before any ASCII punctuation makes it literal.
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>&$~:=^\"'%;/?,@])")
#: Streamlit turns ``:material/x:`` and emoji short codes into icons, and GFM
#: links bare URLs, ``www.`` names and e-mail addresses, after the markdown is
#: parsed (a backslash does not stop them). A zero-width space after the
#: trigger breaks them and is invisible on the page.
_ZWSP = "\u200b"
_AUTOLINK_TRIGGERS = (
    (":", ":" + _ZWSP),
    ("@", "@" + _ZWSP),
    ("www.", "w" + _ZWSP + "ww."),
    ("WWW.", "W" + _ZWSP + "WW."),
)


def md_escape(value: object) -> str:
    """``value`` as text that Streamlit's markdown shows literally.

    Every text that comes from data (parcel IDs, names, projects, file and zip
    member names, report texts, search words) must pass through here before it
    reaches ``st.markdown``, ``st.caption``, ``st.info``/``warning``/``error``/
    ``success``, widget and expander labels: markdown, HTML entities, KaTeX
    (``$``), Streamlit's colour directives and icon short codes, and bare URLs
    all render as the characters typed. Line breaks become spaces (a label is
    one line). Use :meth:`landinv.ui.context.AppContext.md` for catalogue texts
    with data parameters: it escapes the parameters, never the template.

    Parameters
    ----------
    value : object
        Anything; ``None`` gives ``''``.

    Returns
    -------
    str
    """
    if value is None:
        return ""
    text = str(value).replace("\r\n", " ").replace("\n", " ").replace("\r", " ")
    for trigger, broken in _AUTOLINK_TRIGGERS:
        text = text.replace(trigger, broken)
    return _MD_SPECIAL.sub(r"\\\1", text)

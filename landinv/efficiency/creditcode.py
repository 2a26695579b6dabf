"""Unified social credit codes (统一社会信用代码), GB 32100-2015.

Eighteen characters from a 31-character alphabet (digits and capitals without
I, O, Z, S, V): registration authority, entity type, six-digit administrative
division, nine-character organisation code, and a check character. The check
character makes ``sum(value(c_i) * 3**i mod 31) + value(check)`` a multiple of
31 (weights 1, 3, 9, 27, 19, ...).
"""

from __future__ import annotations

import re

#: The code's alphabet; a character's value is its position.
ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_VALUE = {c: i for i, c in enumerate(ALPHABET)}
#: Weights of the first 17 characters (3**i mod 31).
WEIGHTS = tuple(pow(3, i, 31) for i in range(17))
_SHAPE = re.compile(f"^[{ALPHABET}]{{18}}$")
#: Weights and alphabet of the organisation code's own check (GB 11714).
_ORG_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)
_ORG_ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def normalise(value: object) -> str:
    """Upper-cased code without spaces (full-width letters and digits folded)."""
    if value is None:
        return ""
    text = str(value).strip()
    # Full-width forms (typed with a Chinese input method) to ASCII.
    text = "".join(chr(ord(c) - 0xFEE0) if 0xFF01 <= ord(c) <= 0xFF5E else c for c in text)
    return re.sub(r"\s+", "", text).upper()


def check_char(first17: str) -> str:
    """The GB 32100-2015 check character of the first 17 characters."""
    total = sum(_VALUE[c] * w for c, w in zip(first17, WEIGHTS))
    return ALPHABET[(31 - total % 31) % 31]


def problem(code: str) -> str | None:
    """What is wrong with a (normalised) code: ``None``, ``"shape"`` or ``"check_digit"``.

    ``"shape"`` means not 18 characters of the alphabet; ``"check_digit"``
    means the last character is not the check character of the first 17.
    """
    if not _SHAPE.match(code):
        return "shape"
    if check_char(code[:17]) != code[17]:
        return "check_digit"
    return None


def is_valid(code: object) -> bool:
    """True when ``code`` is a well-formed code with the right check character."""
    return problem(normalise(code)) is None


def make_code(region: str, serial: int, *, authority: str = "9", kind: str = "1") -> str:
    """A well-formed code for illustrative data: ``region`` (6 digits) and a serial.

    The organisation code part (8 digits from ``serial`` plus its GB 11714
    check) and the final check character are computed, so the result passes
    :func:`problem`. Used by the sample generator and the tests.
    """
    body = f"{serial:08d}"[-8:]
    total = sum(_ORG_ALPHABET.index(c) * w for c, w in zip(body, _ORG_WEIGHTS))
    org_check = 11 - total % 11
    org = body + {10: "X", 11: "0"}.get(org_check, str(org_check))
    first17 = f"{authority}{kind}{region}{org}"
    return first17 + check_char(first17)

"""Signed base64 VLQ text: how the map payload writes integers compactly.

Small numbers take one character, so the delta-coded vertices of a parcel
cost two to three characters per coordinate instead of about 18 in GeoJSON.
``canvas.js`` holds the decoder the browser runs.
"""

from __future__ import annotations

import json

import numpy as np

_VLQ_ALPHABET = np.frombuffer(
    b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/", dtype=np.uint8
)
_VLQ_DIGIT = np.full(128, -1, dtype=np.int64)
_VLQ_DIGIT[_VLQ_ALPHABET] = np.arange(64)


def encode_vlq(values) -> str:
    """Encode integers as signed base64 VLQ text (5 bits a digit; sign in bit 0).

    Small numbers take one character, so delta-coded vertices of a parcel cost
    two to three characters per coordinate instead of about 18 in GeoJSON.
    """
    v = np.asarray(values, dtype=np.int64).ravel()
    if v.size == 0:
        return ""
    z = np.where(v < 0, ((-v) << 1) | 1, v << 1)
    digits = np.ones(v.size, dtype=np.int64)
    rest = z >> 5
    while (more := rest > 0).any():
        digits += more
        rest >>= 5
    width = int(digits.max())
    # One column per digit position; the mask keeps each value's own digits,
    # in row order, which is the order they are written in.
    table = np.empty((v.size, width), dtype=np.uint8)
    for k in range(width):
        cont = (digits > k + 1).astype(np.int64) << 5
        table[:, k] = _VLQ_ALPHABET[((z >> (5 * k)) & 31) | cont]
    used = np.arange(width)[None, :] < digits[:, None]
    return table[used].tobytes().decode("ascii")


def decode_vlq(text: str) -> np.ndarray:
    """Inverse of :func:`encode_vlq` (int64 array)."""
    if not text:
        return np.zeros(0, dtype=np.int64)
    d = _VLQ_DIGIT[np.frombuffer(text.encode("ascii"), dtype=np.uint8)]
    last = (d & 32) == 0
    group = np.concatenate(([0], np.cumsum(last)[:-1]))
    first = np.flatnonzero(np.concatenate(([True], last[:-1])))
    position = np.arange(d.size) - first[group]
    value = np.zeros(int(last.sum()), dtype=np.int64)
    np.add.at(value, group, (d & 31) << (5 * position))
    return np.where(value & 1, -(value >> 1), value >> 1)


def script_json(obj) -> str:
    """JSON text safe to place inside a ``<script>`` element."""
    # Compact, UTF-8 kept (Chinese names cost 3 bytes, not 6), and "</" broken
    # up so a name can never close the <script> the payload sits in.
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")

"""The app's favicon, drawn here so the browser never fetches one.

Streamlit turns ``:material/...:`` and emoji page icons into image URLs on a
Google CDN; on an intranet without internet that request fails. A small image
made in memory is served by the app itself.
"""

from __future__ import annotations

from functools import cache

from PIL import Image, ImageDraw

_GREEN = (46, 125, 50)
_LIGHT = (200, 230, 201)
_AMBER = (249, 168, 37)


@cache
def app_icon(size: int = 64) -> Image.Image:
    """A green tile cut into four parcels, one of them amber (a parcel in stock)."""
    image = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.rounded_rectangle((0, 0, size - 1, size - 1), radius=size // 6, fill=_GREEN)
    gap, pad = size // 16, size // 6
    half = (size - 2 * pad - gap) // 2
    cells = [
        (pad, pad),
        (pad + half + gap, pad),
        (pad, pad + half + gap),
        (pad + half + gap, pad + half + gap),
    ]
    for i, (x, y) in enumerate(cells):
        draw.rectangle((x, y, x + half, y + half), fill=_AMBER if i == 1 else _LIGHT)
    return image

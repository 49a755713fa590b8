"""What every printed page is made of: Homeward's colours and measures, the font it embeds and
the bundled pictures a report may show, all from the app's own ``assets/`` folder.
"""

from __future__ import annotations

import re
import secrets
from pathlib import Path

from app import paths

FONT = "DejaVu"
Colour = tuple[int, int, int]

# Homeward's colours (app/theme.py), repeated so that making a PDF never loads Flet.
BRAND: Colour = (0x1B, 0x6E, 0x63)
TEXT: Colour = (0x1F, 0x2A, 0x2E)
MUTED: Colour = (0x4A, 0x5A, 0x5E)
PAPER: Colour = (0xFF, 0xF8, 0xF0)
HELP_BG: Colour = (0xFF, 0xF4, 0xD6)
HELP_EDGE: Colour = (0xB2, 0x6B, 0x00)
CARD_BG: Colour = (0xF3, 0xF8, 0xF6)
CARD_EDGE: Colour = (0xB8, 0xD8, 0xD0)
ALERT_BG: Colour = (0xFD, 0xEC, 0xEA)
ERROR_EDGE: Colour = (0xB3, 0x26, 0x1E)
WHITE: Colour = (0xFF, 0xFF, 0xFF)

MARGIN = 18.0  # mm each side: room for a fridge magnet or a hole punch
FOOT = 24.0  # mm kept free at the foot of each page for the page number and notes
LINE = 1.45  # line height as a multiple of the font size: easier for tired eyes
PT = 25.4 / 72  # millimetres in a point
TABLE_PADDING = 1.5  # mm inside each table cell
#: How Homeward's bundled pictures are named ("school_bag"): nothing else names one.
_PICTURE_NAME = re.compile(r"[a-z0-9_]+")


class PrintFailed(Exception):
    """The records could not be laid out on paper (fpdf2 gave up); the records themselves are
    sound, so whatever else was asked for (the JSON copy, say) is still made."""


def assets_fonts() -> Path:
    """The folder holding the DejaVu fonts the reports embed."""
    return paths.assets_dir() / "fonts"


def pages_alias() -> str:
    """A stand-in for the page count no family could write (fpdf2's own "{nb}" printed "day {nb}"
    as "day 1"): three random characters no keyboard has, as wide as "{nb}" (three digits)."""
    return "".join(chr(0xE000 + secrets.randbelow(0x1900)) for _ in range(3))


def picture_file(name: str) -> Path | None:
    """The bundled drawing called ``name``, or None when there is no such picture (a name a
    record gives is only ever a picture's own name, never a way to another file)."""
    if not _PICTURE_NAME.fullmatch(name):
        return None
    found = paths.assets_dir() / "pictures" / f"{name}.svg"
    return found if found.is_file() else None

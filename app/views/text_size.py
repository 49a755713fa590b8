"""How big each browser tab's words are: the text size of the person using it.

Flet has no text scaler for a whole page, so every explicit font size in the screens goes
through :func:`sized`, and the page's theme (the words in buttons and boxes with no size of
their own) is rebuilt at the tab's scale (:func:`app.theme.build_theme`). The root of the app
ties its session to its Flet page here, as :mod:`app.i18n.pages` does for the language; code
running in a render or a handler finds its tab through ``ft.context.page``. Outside a tab
(a report, the command line) words are their normal size.
"""

from __future__ import annotations

from typing import Protocol
from weakref import WeakKeyDictionary

import flet as ft

from app import theme
from app.domain.people import TEXT_SCALES

NORMAL = 100  # percent


class Reader(Protocol):
    """Anything that knows the text size (percent) of the person it serves."""

    @property
    def text_scale(self) -> int: ...


_readers: WeakKeyDictionary[ft.Page, Reader] = WeakKeyDictionary()


def size_for(page: ft.Page, reader: Reader) -> None:
    """Tie ``page``'s text size to ``reader``'s for as long as the page lives."""
    _readers[page] = reader


def scale() -> float:
    """The current tab's text size as a factor: 1.0 at 100%, 2.0 at 200%."""
    try:
        page = ft.context.page
    except RuntimeError:  # not inside a tab
        return 1.0
    reader = _readers.get(page)
    if reader is None:
        return 1.0
    return reader.text_scale / NORMAL


def show_text_at(page: ft.Page, percent: int) -> None:
    """Rebuild the page's theme with its words at ``percent``, the person's text size."""
    page.theme = theme.build_theme(percent / NORMAL)
    page.update()


def sized(points: float) -> float:
    """A font size at the current tab's text size."""
    return points * scale()


def as_is(points: float) -> float:
    """A font size that stays as it is at every text size: a sample of one size."""
    return points


def tap_height(height: float) -> float | None:
    """A button's height: ``height`` at 100%; at a bigger text size none, so it grows.

    A fixed height would cut off a label that wraps onto a second line; above 100% the
    theme gives buttons roomy padding instead (:func:`app.theme.build_theme`).
    """
    return height if scale() == 1.0 else None


def picture_height(height: float) -> float:
    """A picture button's height: the same at every text size.

    A button that holds a picture and no words has nothing to wrap; without a fixed height
    it would shrink to its picture, so bigger text would make a child's taps smaller.
    """
    return height


def strut(height: float) -> list[ft.Control]:
    """An invisible post that keeps a row at least ``height`` tall above 100%.

    Flet's buttons have no minimum height: at 100% a big button has a fixed one
    (:func:`tap_height`); above it, the row inside holds this post, so a child's big button
    is never smaller than at 100% and still grows with its words.
    """
    return [] if scale() == 1.0 else [ft.Container(width=0, height=height)]


def roomy() -> ft.Padding | None:
    """A button's padding above 100%: room around words that may wrap (None at 100%)."""
    # Flutter takes 4 px off each side on a computer (compact visual density)
    return None if scale() == 1.0 else ft.Padding.symmetric(horizontal=16, vertical=16)


def tile_width(width: float, room: float = 350) -> float:
    """A picture-and-word tile's width, grown with the words (at most ``room``, a phone's).

    Two tiles side by side at 100% become one a row at bigger sizes, so a word is never
    broken in the middle ("Hap / py").
    """
    return min(width * scale(), room) if scale() != 1.0 else width


__all__ = ["NORMAL", "TEXT_SCALES", "as_is", "roomy", "scale", "show_text_at",
           "size_for", "sized", "tap_height", "tile_width"]

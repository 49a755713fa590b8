"""A choice's words are never cut short: they wrap and the button grows with them.

On a phone the agreed consequence on a hard moment read "We speak kindly to each other,
even when we a…": the consequence itself, what the parent was choosing, never showed. The
fixed height and the words laid out on one line cut it; now nothing in a choice limits its
lines or clips its words, and the words take no more room than the row has, so they wrap.
"""

from __future__ import annotations

import flet as ft

from app.views.chores.parts import choice

LONG = ("We speak kindly to each other, even when we are cross: "
        "We take five minutes apart, then talk it through together")


def _all(control: ft.Control) -> list[ft.Control]:
    found = [control]
    held = getattr(control, "content", None)
    if isinstance(held, ft.Control):
        found += _all(held)
    for child in getattr(control, "controls", None) or []:
        found += _all(child)
    return found


def test_a_long_choice_wraps_its_words_instead_of_cutting_them_off() -> None:
    for chosen in (False, True):
        button = choice(LONG, chosen, lambda: None)
        assert isinstance(button, ft.OutlinedButton)
        assert button.height is None, "a fixed height cuts off a second line"
        texts = [c for c in _all(button) if isinstance(c, ft.Text) and c.value == LONG]
        assert len(texts) == 1
        words = texts[0]
        assert words.max_lines is None and not words.no_wrap
        assert words.overflow in (None, ft.TextOverflow.VISIBLE)
        # on one line inside a row the words run past the button; a loose flex wraps them
        assert words.expand and words.expand_loose
        for inner in _all(button):
            assert getattr(inner, "clip_behavior", None) in (None, ft.ClipBehavior.NONE), inner

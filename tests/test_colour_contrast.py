"""Every colour Homeward paints words in is readable on what it is painted on (WCAG AA).

Words need 4.5:1 against their background (WCAG 1.4.3); chart lines and markers, which carry
meaning without words, need 3:1 against the card they sit on (WCAG 1.4.11). The pairs below
are the ones the screens and printed reports use; the last test finds every colour written
in ``app/`` and fails on one that is in no pair here, so a new colour cannot go untested.
"""

from __future__ import annotations

import re
from pathlib import Path

import flet as ft
import pytest

from app import theme
from app.domain.checkins import FEELING_COLOURS, Feeling
from app.hub.worker.household.programme.reviews import SAFETY_COLOUR
from app.hub.worker.household.timeline_screen import CHART_COLOURS, OUTLINE, UNKNOWN_COLOUR
from app.reports import paper as printed
from app.reports.charts import LINE_COLOURS as REPORT_LINES
from app.views.checkins.alerts import ALERT_BG, ALERT_EDGE
from app.views.checkins.flow import SAFE_GREEN, UNSAFE_RED
from app.views.chores.child import DONE_GREEN
from app.views.diary.parts import PRIVATE_BG, SHARED_BG
from app.views.messages.screens import UNAVAILABLE_BG
from app.views.reviews.screens import LINE_COLOURS
from app.views.safety.help import HELP_RED
from app.views.safety.parts import AGENCY, AGENCY_BG
from app.views.safety.scale import PERSON_COLOURS
from app.views.strengths.screens import PROUD_BG

APP = Path(__file__).resolve().parents[1] / "app"
WHITE = "#FFFFFF"
HEX = re.compile(r"#[0-9A-Fa-f]{6}(?:[0-9A-Fa-f]{2})?\b")
RGB = re.compile(r"\(0x([0-9A-Fa-f]{2}), 0x([0-9A-Fa-f]{2}), 0x([0-9A-Fa-f]{2})\)")


def _hex(colour: tuple[int, int, int]) -> str:
    return "#{:02X}{:02X}{:02X}".format(*colour)


#: (words, background, where) for every pairing of text and the colour behind it.
TEXT_PAIRS: list[tuple[str, str, str]] = [
    *[(ink, paper, "screens and cards")
      for ink in (theme.TEXT, theme.MUTED, theme.BRAND, theme.BRAND_DARK, theme.ERROR)
      for paper in (theme.BACKGROUND, theme.SURFACE)],
    (WHITE, theme.BRAND, "filled buttons, the safety score"),
    (WHITE, theme.BRAND_DARK, "a filled picture button"),
    (WHITE, theme.ERROR, "removing a person"),
    (theme.ERROR, theme.ERROR_BG, "error notices"),
    (theme.TEXT, theme.WARN_BG, "warning notices"),
    (theme.BRAND_DARK, theme.OK_BG, "done notices"),
    (theme.TEXT, theme.OK_BG, "the worker-can-see note"),
    *[(ink, theme.CHILD_ACCENT, "a chosen picture or choice")
      for ink in (theme.TEXT, theme.BRAND_DARK)],
    *[(theme.TEXT, colour, f"the {feeling.value} feeling")
      for feeling, colour in FEELING_COLOURS.items()],
    (theme.TEXT, UNKNOWN_COLOUR, "a feeling the hub does not know"),
    (WHITE, SAFE_GREEN, "'I feel safe'"),
    (WHITE, UNSAFE_RED, "'I don't feel safe'"),
    (WHITE, HELP_RED, "call buttons on the help card"),
    (WHITE, DONE_GREEN, "a ticked chore or ritual"),
    (DONE_GREEN, theme.OK_BG, "'Done!' on a chore"),
    (DONE_GREEN, theme.SURFACE, "a covered learning card"),
    (theme.TEXT, theme.FOCUS_FILL, "a focused tile's words"),
    *[(ink, AGENCY_BG, "the agency's part of the safety plan")
      for ink in (AGENCY, theme.TEXT, theme.MUTED)],
    (WHITE, AGENCY, "the bottom-lines badge"),
    *[(ink, ALERT_BG, "an alert waiting for a parent") for ink in (theme.TEXT, theme.ERROR)],
    *[(ink, PROUD_BG, "a proud moment") for ink in (theme.TEXT, theme.MUTED)],
    *[(ink, paper, "diary entries and an unavailable worker")
      for ink in (theme.TEXT, theme.MUTED) for paper in (PRIVATE_BG, SHARED_BG, UNAVAILABLE_BG)],
    *[(_hex(ink), _hex(paper), "printed reports")
      for ink in (printed.TEXT, printed.MUTED, printed.BRAND)
      for paper in (printed.PAPER, printed.HELP_BG, printed.CARD_BG, printed.ALERT_BG,
                    printed.WHITE)],
    (_hex(printed.WHITE), _hex(printed.BRAND), "printed report headings"),
]

#: (mark, background, where) for lines and markers that carry meaning without words.
GRAPHIC_PAIRS: list[tuple[str, str, str]] = [
    *[(line, theme.SURFACE, "a line on a chart") for line in
      (*PERSON_COLOURS, *LINE_COLOURS, SAFETY_COLOUR)],
    *[(_hex(line), _hex(printed.WHITE), "a line on a printed chart") for line in REPORT_LINES],
    (ALERT_EDGE, ALERT_BG, "the edge of a waiting alert"),
    # Where the keyboard is (WCAG 2.4.7, 1.4.11): the ring round a focused button against the
    # page, a card and a filled button; the tint behind a focused tile against the page.
    *[(theme.FOCUS, paper, "the focus ring") for paper in
      (theme.BACKGROUND, theme.SURFACE, theme.BRAND)],
    *[(theme.FOCUS_FILL, paper, "a focused tile") for paper in (theme.BACKGROUND, theme.SURFACE)],
    # A feeling's bar on the agency's check-ins chart shows against the white card if it is
    # dark, or against its own outline if it is light.
    *[(CHART_COLOURS[f], theme.SURFACE, "a dark feeling's bar on the agency's chart")
      for f in (Feeling.CALM, Feeling.TIRED, Feeling.WORRIED, Feeling.SAD, Feeling.ANGRY,
                Feeling.SCARED)],
    *[(fill, OUTLINE, "a light feeling's bar against its outline on the agency's chart")
      for fill in (CHART_COLOURS[Feeling.HAPPY], CHART_COLOURS[Feeling.EXCITED],
                   UNKNOWN_COLOUR)],
]

#: Colours that neither carry words nor meaning: card edges, grid lines, empty days.
DECORATION = frozenset({"#C9C2B8", "#E2DBD2", "#EFE9E1", "#8C8479", "#E5C46B", "#F1ECE4",
                        "#6B5E55", "#8A8A8A", "#B26B00", "#B8D8D0", "#00000000"})


def _luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    """The WCAG contrast ratio of two #RRGGBB colours."""
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.mark.parametrize(("text", "background", "where"), TEXT_PAIRS)
def test_words_are_readable_on_their_background(text: str, background: str, where: str) -> None:
    assert contrast(text, background) >= 4.5, f"{text} on {background} ({where})"


@pytest.mark.parametrize(("mark", "background", "where"), GRAPHIC_PAIRS)
def test_chart_lines_stand_out_from_their_card(mark: str, background: str, where: str) -> None:
    assert contrast(mark, background) >= 3.0, f"{mark} on {background} ({where})"


def test_every_colour_in_the_app_is_checked_or_decoration() -> None:
    paired = {c.upper() for pair in (*TEXT_PAIRS, *GRAPHIC_PAIRS) for c in pair[:2]}
    known = paired | DECORATION
    found: dict[str, str] = {}
    for source in sorted(APP.rglob("*.py")):
        text = source.read_text("utf-8")
        colours = HEX.findall(text) + [_hex((int(r, 16), int(g, 16), int(b, 16)))
                                       for r, g, b in RGB.findall(text)]
        for colour in colours:
            found.setdefault(colour.upper(), str(source.relative_to(APP)))
    unknown = {colour: where for colour, where in found.items() if colour not in known}
    assert not unknown, f"colours with no contrast check: {unknown}"


def test_a_seat_that_had_its_turn_keeps_its_words_at_full_strength() -> None:
    """A faded seat in a circle put its name at 3.6:1 and "done" at 2.6:1: "done" is said
    with a tick and a quiet background instead, and the words stay readable."""
    import flet as ft

    from app.domain.people import Avatar, Member, Role
    from app.views.circles.parts import person_chip

    sam = Member("sam", "Sam", Role.CHILD, Avatar.FOX, "2026-11-30T10:00:00+00:00", age=6)
    chip = person_chip(sam, "done", "Sam: done", dim=True)
    stack: list[object] = [chip]
    boxes = []
    while stack:
        node = stack.pop()
        if isinstance(node, ft.Container):
            boxes.append(node)
        for child in (getattr(node, "content", None), *(getattr(node, "controls", None) or [])):
            if child is not None:
                stack.append(child)
    assert all(box.opacity in (None, 1.0) for box in boxes)
    background = next(box.bgcolor for box in boxes if box.width == 92)
    assert contrast(theme.MUTED, background) >= 4.5 and contrast(theme.TEXT, background) >= 4.5


@pytest.mark.parametrize("scale", [1.0, 2.0])
def test_the_keyboard_focus_shows_in_the_colours_checked_above(scale: float) -> None:
    built = theme.build_theme(scale)
    assert built.focus_color == theme.FOCUS_FILL
    for kind in (built.filled_button_theme, built.outlined_button_theme,
                 built.text_button_theme, built.button_theme, built.icon_button_theme):
        assert kind is not None and kind.style is not None
        assert isinstance(kind.style.side, dict)
        ring = kind.style.side[ft.ControlState.FOCUSED]
        assert ring.color == theme.FOCUS and ring.width >= 2

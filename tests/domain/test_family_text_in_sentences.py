"""A family's words go into the app's own sentences as words only: a direction control in a
name never turns the sentence round it, and a name is always on one line."""

from __future__ import annotations

import pytest

from app.domain import people
from app.domain.people import clean_name
from app.i18n import t

#: Embeddings and overrides, isolates, and the marks (left-to-right, right-to-left, Arabic).
CONTROLS = sorted({*map(chr, range(0x202A, 0x202F)), *map(chr, range(0x2066, 0x206A)),
                   "\u200e", "\u200f", "\u061c"})


def test_every_direction_control_is_known() -> None:
    assert set(CONTROLS) == people.DIRECTION_CONTROLS


@pytest.mark.parametrize("control", CONTROLS, ids=[f"U+{ord(c):04X}" for c in CONTROLS])
def test_a_name_loses_direction_controls_wherever_they_are(control: str) -> None:
    assert clean_name(f"Ru{control}by") == "Ruby"
    assert clean_name(f"Ruby{control}") == "Ruby"
    assert people.shown_name(f"Ru{control}by Okafor") == "Ruby Okafor"


def test_a_name_is_said_on_one_line() -> None:
    faked = "Mia\nMarked seen by Priya Shah: nothing to do"
    assert people.shown_name(faked) == "Mia Marked seen by Priya Shah: nothing to do"
    assert people.shown_name("Jo\r\n\tOkafor  ") == "Jo Okafor"
    assert people.shown_name("Dafydd Ŵyn") == "Dafydd Ŵyn"  # letters of every language stay


def test_a_sentence_filled_with_a_familys_words_keeps_its_own_direction() -> None:
    said = t("hub.alert.unsafe", name="Ruby\u202e")
    assert "\u202e" not in said and said == t("hub.alert.unsafe", name="Ruby")
    assert t("hub.alert.unsafe", name="\u05e8\u05d5\u05ea").startswith("\u05e8\u05d5\u05ea")

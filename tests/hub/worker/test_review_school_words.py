"""The agency reads a review's school figures as the family gave them: a box left empty is
not known (never "None" or a nought), and a day is one day."""

from __future__ import annotations

from collections.abc import Iterator

import flet as ft

from app.domain.people import Avatar, Member, Role
from app.domain.programme.reviews import Review, School
from app.hub.worker.household.data import HouseholdRecords
from app.hub.worker.household.programme.reviews import figures_lines
from app.i18n import speaking

AT = "2026-11-28T10:00:00+00:00"


def texts(control: ft.Control) -> Iterator[str]:
    if isinstance(control, ft.Text) and isinstance(control.value, str):
        yield control.value
    for child in getattr(control, "controls", None) or []:
        yield from texts(child)


def test_school_figures_nobody_gave_read_as_not_known() -> None:
    people = [Member(who, who.title(), Role.CHILD, Avatar.FOX, AT, age=8)
              for who in ("sam", "mia", "tom")]
    records = HouseholdRecords("h-1", "The Taylors", members={m.id: m for m in people})
    review = Review("r-1", "2026-11", "jo", AT, school=(
        School("sam", 92, None), School("mia", None, 1), School("tom", 95, 2)))
    shown = [text for line in figures_lines(records, review) for text in texts(line)]
    assert "Attendance 92% · Days excluded not known" in shown, shown
    assert "Attendance not known · Excluded for 1 day" in shown, shown
    assert "Attendance 95% · Excluded for 2 days" in shown, shown
    with speaking("cy-GB"):
        welsh = [text for line in figures_lines(records, review) for text in texts(line)]
    assert "Presenoldeb ddim yn hysbys · Gwaharddiad: 1 diwrnod" in welsh, welsh

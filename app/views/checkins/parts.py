"""Building blocks the check-in screens share: the service, feeling pictures, the day strip."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import Any

import flet as ft

from app import theme
from app.domain.checkins import SIZE_MAX, CheckIn, Feeling
from app.i18n import t
from app.i18n.dates import short_date
from app.services.checkins import CheckinService, checkins_for
from app.services.household import HouseholdService
from app.views import widgets as w
from app.views.state import Session
from app.views.text_size import sized, strut, tap_height

#: Circle sizes (px) for "how big is it?", smallest first.
SIZE_DOTS = (18, 26, 34, 42, 52)
EDGE = "#8C8479"  # a quiet outline that still shows on every feeling colour


def service(session: Session) -> CheckinService:
    """The check-in service of the session's household."""
    return checkins_for(session.require_service())


def feeling_word(feeling: Feeling) -> str:
    """The word for a feeling: "Happy"."""
    return t(f"checkins.feeling.{feeling.value}")


def size_word(size: int) -> str:
    """The words for a size: "A little"."""
    return t(f"checkins.size.{size}")


def name_of(household: HouseholdService, member_id: str) -> str:
    """A person's name, even if they have since left the household."""
    try:
        return household.member(member_id).name
    except KeyError:
        return t("checkins.someone")


def when_words(iso: str) -> str:
    """A short day and time a tired parent reads at a glance: "Mon 2 Nov, 10:05"."""
    moment = datetime.fromisoformat(iso).astimezone()  # on the phone's clock, as said aloud
    return f"{short_date(moment.date())}, {moment:%H:%M}"


def size_picture(size: int, feeling: str) -> ft.Control:
    """The feeling's picture drawn smaller or bigger to show how big it is (fixed-width slot)."""
    side = SIZE_DOTS[max(1, min(size, SIZE_MAX)) - 1]
    return ft.Container(w.picture(feeling, side), width=SIZE_DOTS[-1] + 4,
                        height=SIZE_DOTS[-1] + 4, alignment=ft.Alignment.CENTER)


def choice_button(picture: str, label: str, on_click: Callable[..., Any], *,
                  colour: str = theme.SURFACE, selected: bool = False, width: float | None = None,
                  height: int = 72, picture_size: int = 44,
                  leading: ft.Control | None = None) -> ft.Control:
    """A big picture-and-word button; a chosen one gets a thick outline and a tick."""
    row: list[ft.Control] = [leading if leading is not None else w.picture(picture,
                                                                          picture_size),
                             ft.Text(label, size=sized(20), weight=ft.FontWeight.BOLD,
                                     color=theme.TEXT, expand=True), *strut(height - 12)]
    return ft.Button(
        content=w.option(label, ft.Row(row, spacing=10,
                                       vertical_alignment=ft.CrossAxisAlignment.CENTER),
                         selected),
        on_click=on_click,
        width=width,
        height=tap_height(height),
        style=ft.ButtonStyle(
            bgcolor=colour,
            shape=ft.RoundedRectangleBorder(radius=18),
            side=ft.BorderSide(4 if selected else 1, theme.BRAND_DARK if selected else EDGE),
            padding=ft.Padding.symmetric(horizontal=10, vertical=6),
            elevation=0,
        ),
    )


def strip_label(strip: list[tuple[date, CheckIn | None]]) -> str:
    """The strip in words, for screen readers and tests."""
    told = [c for _day, c in strip if c is not None]
    if not told:
        return t("checkins.strip.empty")
    return t("checkins.strip.label", days=len(told), latest=feeling_word(told[-1].feeling))


def feeling_strip(strip: list[tuple[date, CheckIn | None]], *, square: int = 20) -> ft.Control:
    """Two weeks of feeling pictures, one square a day (empty days stay pale)."""
    squares: list[ft.Control] = []
    for _day, checkin in strip:
        if checkin is None:
            squares.append(ft.Container(width=square, height=square, border_radius=6,
                                        bgcolor="#F1ECE4"))
        else:
            squares.append(ft.Container(w.picture(checkin.feeling.value, square - 4),
                                        width=square, height=square, border_radius=6,
                                        bgcolor=checkin.feeling.colour,
                                        alignment=ft.Alignment.CENTER))
    first, last = strip[0][0], strip[-1][0]
    return ft.Semantics(
        label=strip_label(strip), exclude_semantics=True, container=True,
        content=ft.Column([
            ft.Row(squares, spacing=2),
            ft.Row([ft.Text(t("checkins.strip.from", day=_short(first)), size=sized(13),
                            color=theme.MUTED),
                    ft.Text(t("checkins.strip.today") if last else "", size=sized(13),
                            color=theme.MUTED)],
                   alignment=ft.MainAxisAlignment.SPACE_BETWEEN, width=len(strip) * (square + 2)),
        ], spacing=4, tight=True),
    )


def _short(day: date) -> str:
    return short_date(day)


def who_sees(text: str) -> ft.Control:
    """The line that tells a person, in plain words, who will see what they say."""
    return ft.Container(
        ft.Row([ft.Icon(ft.Icons.VISIBILITY_OUTLINED, color=theme.BRAND_DARK, size=26),
                ft.Text(text, size=sized(17), color=theme.TEXT, expand=True)], spacing=10),
        bgcolor=theme.OK_BG, border_radius=12, padding=10,
    )

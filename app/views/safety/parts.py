"""Building blocks the safety screens share: section cards, a list editor, dates and names."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime
from typing import Any

import flet as ft

from app import theme
from app.domain.people import Role
from app.domain.programme.nation import Nation
from app.domain.safety import Point
from app.i18n import t
from app.i18n.dates import short_date
from app.services.household import HouseholdService, InvalidInput, NotAllowed
from app.services.safety import SafetyService, safety_for
from app.sync.service import sync_for
from app.views import widgets as w
from app.views.state import Session, error_message, guarded, use_session
from app.views.text_size import sized, strut, tap_height

AGENCY_BG = "#EEF0FA"  # a cool blue-grey, set apart from the family's warm sections
AGENCY = "#2F3A8F"  # 9:1 on AGENCY_BG


def safety_of(session: Session) -> SafetyService:
    """The safety service of the session's household."""
    return safety_for(session.require_service())


def problem_words(error: Exception) -> str:
    """Kind words for a refused change; "not allowed" is said in the safety plan's terms."""
    if isinstance(error, NotAllowed):
        return t("safety.error.not_allowed")
    return error_message(error)


def name_of(household: HouseholdService, member_id: str | None) -> str:
    """A person's name for "added by", even if they have since left the household."""
    if member_id is None:
        return t("safety.someone")
    try:
        return household.member(member_id).name
    except KeyError:
        return t("safety.someone")


def day_words(day: date) -> str:
    """A short date a tired parent reads at a glance: "Fri 20 Nov"."""
    return short_date(day)


def when_words(iso: str) -> str:
    """The day of an ISO timestamp, as :func:`day_words` says it."""
    return day_words(datetime.fromisoformat(iso).astimezone().date())  # the family's day


def section_card(picture: str, title: str, body: Sequence[ft.Control], *,
                 subtitle: str = "", bgcolor: str = theme.SURFACE,
                 identifier: str | None = None) -> ft.Control:
    """A card for one part of a plan: a picture and heading, then its lines."""
    heading: list[ft.Control] = [
        w.picture(picture, 40),
        ft.Column([
            ft.Semantics(header=True, content=ft.Text(title, size=sized(19),
                                                      weight=ft.FontWeight.BOLD,
                                                      color=theme.TEXT)),
            *([ft.Text(subtitle, size=sized(15), color=theme.MUTED)] if subtitle else []),
        ], spacing=2, expand=True),
    ]
    return ft.Container(
        ft.Column([ft.Row(heading, vertical_alignment=ft.CrossAxisAlignment.CENTER), *body],
                  spacing=10, horizontal_alignment=ft.CrossAxisAlignment.STRETCH),
        bgcolor=bgcolor,
        border_radius=16,
        border=ft.Border.all(1, "#E2DBD2"),
        padding=14,
        key=identifier,
    )


def point_row(text: str, note: str = "", *, on_remove: Callable[..., Any] | None = None,
              remove_label: str = "") -> ft.Control:
    """One line of a plan, with a Remove button for those allowed to remove it."""
    words: list[ft.Control] = [ft.Text(text, size=sized(17), color=theme.TEXT)]
    if note:
        words.append(ft.Text(note, size=sized(14), color=theme.MUTED))
    row: list[ft.Control] = [
        ft.Icon(ft.Icons.CIRCLE, size=10, color=theme.BRAND),
        ft.Column(words, spacing=2, expand=True),
    ]
    if on_remove is not None:
        row.append(remove_button(remove_label or t("safety.remove"), on_remove))
    return ft.Row(row, vertical_alignment=ft.CrossAxisAlignment.CENTER, spacing=10)


def remove_button(label: str, on_click: Callable[..., Any]) -> ft.Control:
    """A small red "Remove" whose accessible name says what it removes."""
    return ft.TextButton(
        content=w.named(label, ft.Text(t("safety.remove"), size=sized(16), color=theme.ERROR)),
        on_click=on_click, height=tap_height(48),
    )


def empty_line(text: str) -> ft.Control:
    """What an empty section says, so it never looks broken."""
    return ft.Text(text, size=sized(16), color=theme.MUTED, italic=True)


@ft.component
def AddLine(label: str, button: str, on_add: Callable[[str], None],
            key: str | None = None) -> ft.Control:
    """A text box and an Add button; ``on_add`` raises InvalidInput or NotAllowed to refuse.

    ``key`` is taken by Flet's component decorator to keep each box's text in its place.
    """
    session = use_session()
    text, set_text = ft.use_state("")
    error, set_error = ft.use_state("")

    def add() -> None:
        try:
            on_add(text)
        except (InvalidInput, NotAllowed) as exc:
            set_error(problem_words(exc))
            return
        set_text("")
        set_error("")

    return ft.Column([
        w.text_field(label, text, set_text, max_length=300, on_submit=guarded(session, add)),
        *([w.message(error)] if error else []),
        ft.Row([w.secondary(button, guarded(session, add))], alignment=ft.MainAxisAlignment.END,
               wrap=True),
    ], spacing=8, horizontal_alignment=ft.CrossAxisAlignment.STRETCH)


def points_list(
    household: HouseholdService, points: Sequence[Point], empty: str, *,
    on_remove: Callable[[str], None] | None = None,
) -> list[ft.Control]:
    """The lines of a section, each saying who added it; Remove buttons when allowed."""
    if not points:
        return [empty_line(empty)]
    rows: list[ft.Control] = []
    for point in points:
        note = t("safety.added_by", name=name_of(household, point.created_by),
                 day=when_words(point.created_at))
        remove = None if on_remove is None else (lambda _e=None, p=point: on_remove(p.id))
        rows.append(point_row(point.text, note, on_remove=remove,
                              remove_label=t("safety.remove_named", text=point.text)))
    return rows


def big_button(picture: str, label: str, on_click: Callable[..., Any] | None = None, *,
               url: str | None = None, bgcolor: str = theme.SURFACE,
               color: str = theme.TEXT, height: int = 88) -> ft.Control:
    """A big picture-and-words button for children: the words are its accessible name."""
    return ft.Button(
        # The words are the button's one accessible name (the drawn copy is not read twice).
        content=w.named(label, ft.Row(
            [ft.Container(w.picture(picture, 48), bgcolor=theme.SURFACE, border_radius=12,
                          padding=4), ft.Text(label, size=sized(22), weight=ft.FontWeight.BOLD,
                                             color=color, expand=True),
             *strut(height - 20)],
            spacing=16, vertical_alignment=ft.CrossAxisAlignment.CENTER,
        )),
        on_click=on_click,
        url=url,
        height=tap_height(height),
        style=ft.ButtonStyle(
            bgcolor=bgcolor,
            shape=ft.RoundedRectangleBorder(radius=20),
            padding=ft.Padding.symmetric(horizontal=18, vertical=10),
            side=ft.BorderSide(1, "#C9C2B8") if bgcolor == theme.SURFACE else None,
        ),
    )


def in_wales(session: Session) -> bool:
    """The tab speaks Welsh, or the household said it lives in Wales, or nobody can know yet:
    before the passphrase the household's nation is sealed, and a child in Wales must not
    lose Meic then (its own words say it is for Wales, as on the offline page)."""
    if session.language == "cy-GB":
        return True
    service = session.service
    return service is None or service.household().nation is Nation.WALES


def who_is_told(session: Session) -> str:
    """Who hears of a child's "No, I need help" or "I need help", for this household: "now"
    (their worker, straight away), "agency" (the people who help the family, straight away),
    "visit" (their worker, at the next visit) or "none". Straight away only when a worker or
    the agency can be told (rule 1: no promise that cannot be kept). The check-in's "Are you
    safe?" and the help screen both say it from here, so they never disagree."""
    household = session.require_service()
    worker = any(m.role is Role.WORKER for m in household.members())
    if sync_for(household).status().paired:
        return "now" if worker else "agency"
    return "visit" if worker else "none"

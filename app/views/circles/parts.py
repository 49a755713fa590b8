"""What the circle screens share: the service, people's names and pictures, words for a circle."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

import flet as ft

from app import theme
from app.domain.circles import KIND_PICTURES, Circle, CircleKind
from app.domain.people import Member
from app.i18n import plural, t
from app.services.circles import CircleService, circles_for
from app.views import widgets as w
from app.views.chores.parts import and_list, date_words
from app.views.state import Session
from app.views.text_size import sized
from app.views.widgets import named


def service(session: Session) -> CircleService:
    """The circles of the household this session has unlocked."""
    return circles_for(session.require_service())


def people_by_id(session: Session) -> dict[str, Member]:
    """Everyone by id, removed people included (they stay in the history)."""
    return {m.id: m for m in session.require_service().members(include_removed=True)}


def names_of(ids: tuple[str, ...] | list[str], people: dict[str, Member]) -> str:
    """'Jo, Sam and Mia'."""
    return and_list([people[i].name if i in people else "?" for i in ids])


def when_words(at_iso: str) -> str:
    """'Monday 24 November at 17:05', in the family's local time."""
    local = datetime.fromisoformat(at_iso).astimezone()
    return t("circles.detail.when", date=date_words(local.date()), time=local.strftime("%H:%M"))


def kind_name(kind: CircleKind) -> str:
    """'After a falling-out'."""
    return t(f"circles.kind.{kind.value}")


def prompt_words(prompt_id: str) -> str:
    """The grown-up words of a question."""
    return t(f"circles.prompt.{prompt_id}")


def prompt_child_words(prompt_id: str) -> str:
    """The child's version of a question."""
    return t(f"circles.prompt.{prompt_id}.child")


def agreed_words(circle: Circle) -> str:
    """'2 things agreed' (empty when nothing was written)."""
    count = len(circle.agreements)
    if not count:
        return ""
    return plural(count, "circles.row.agreed")


def heading(text: str) -> ft.Control:
    """A small heading inside a screen."""
    return ft.Semantics(header=True, content=ft.Text(text, size=sized(20),
                                                     weight=ft.FontWeight.W_600,
                                                     color=theme.TEXT))


def kind_button(kind: CircleKind, selected: bool, on_click: Callable[..., Any]) -> ft.Control:
    """A big card-like button for one kind of circle: picture, name, one line about it."""
    title = kind_name(kind)
    about = t(f"circles.kind.{kind.value}.about")
    content = ft.Row([
        w.picture(KIND_PICTURES[kind], 44),
        ft.Column([ft.Text(title, size=sized(18), weight=ft.FontWeight.W_600, color=theme.TEXT),
                   ft.Text(about, size=sized(15), color=theme.MUTED)], spacing=2, expand=True),
        ft.Icon(ft.Icons.CHECK_CIRCLE if selected else ft.Icons.CIRCLE_OUTLINED,
                color=theme.BRAND if selected else theme.MUTED),
    ], spacing=12, vertical_alignment=ft.CrossAxisAlignment.CENTER)
    return ft.OutlinedButton(
        content=named(title, ft.Container(content, padding=ft.Padding.symmetric(vertical=10))),
        on_click=on_click,
        style=ft.ButtonStyle(
            shape=ft.RoundedRectangleBorder(radius=16),
            bgcolor=theme.CHILD_ACCENT if selected else theme.SURFACE,
            side=ft.BorderSide(3 if selected else 1, theme.BRAND if selected else "#C9C2B8"),
            padding=ft.Padding.symmetric(horizontal=12),
        ),
    )


def person_chip(person: Member, note: str, label: str, *, highlight: bool = False,
                dim: bool = False) -> ft.Control:
    """A small picture with a name and a word under it (who is in the circle and how they are).

    ``dim`` (had their turn) is said with a tick and a quiet background; the words stay at
    full strength, readable to tired and low-sighted eyes."""
    words = ft.Text(note, size=sized(13), color=theme.MUTED, text_align=ft.TextAlign.CENTER)
    return ft.Semantics(
        label=label,
        content=ft.Semantics(exclude_semantics=True, content=ft.Container(
            ft.Column([
                w.picture(person.avatar.value, 40),
                ft.Text(person.name, size=sized(15), weight=ft.FontWeight.W_600, color=theme.TEXT,
                        text_align=ft.TextAlign.CENTER),
                *([ft.Icon(ft.Icons.CHECK, size=sized(16), color=theme.MUTED)] if dim else []),
                words,
            ], spacing=2, horizontal_alignment=ft.CrossAxisAlignment.CENTER),
            width=92, padding=6, border_radius=14,
            bgcolor=(theme.CHILD_ACCENT if highlight else
                     theme.BACKGROUND if dim else theme.SURFACE),
            border=ft.Border.all(2 if highlight else 1, theme.BRAND if highlight else "#C9C2B8"),
        )),
    )

"""What the diary screens share: the service, words for days and parts of the day, and
the label every entry carries saying who can read it."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

import flet as ft

from app import theme
from app.domain.diary import DiaryEntry
from app.i18n import t
from app.services.diary import DiaryService, diary_for
from app.views import widgets as w
from app.views.chores.parts import and_list, date_words
from app.views.state import Session
from app.views.text_size import sized
from app.views.widgets import named

PRIVATE_BG = "#EEF1F2"  # a quiet grey-blue: TEXT on it is 13:1
SHARED_BG = "#E6F4EA"  # theme.OK_BG


def service(session: Session) -> DiaryService:
    """The diary of the household this session has unlocked."""
    return diary_for(session.require_service())


def worker_words(session: Session) -> str:
    """Who a shared entry goes to: "Priya", or "your worker" when there is none yet."""
    names = [m.name for m in service(session).workers()]
    return and_list(names) if names else t("diary.your_worker")


def names_by_id(session: Session) -> dict[str, str]:
    """Everyone's name by id, removed people included."""
    return {m.id: m.name for m in session.require_service().members(include_removed=True)}


def day_words(day: date, today: date) -> str:
    """'Today', 'Yesterday' or 'Monday 24 November'."""
    if day == today:
        return t("diary.today")
    if day == today - timedelta(days=1):
        return t("diary.yesterday")
    return date_words(day)


def when_words(entry: DiaryEntry, today: date) -> str:
    """'Today · Bedtime'."""
    return t("diary.when", day=day_words(entry.words.day, today),
             part=t(f"diary.part.{entry.words.part.value}"))


def sharing_words(shared: bool, worker: str) -> str:
    """'Only you can see this' or 'Shared with Priya'."""
    return t("diary.shared_with", name=worker) if shared else t("diary.private")


def sharing_label(shared: bool, worker: str, *, for_worker: bool = False) -> ft.Control:
    """The lock (or the worker) and the words saying who can read an entry."""
    words = t("diary.shared_for_worker") if for_worker else sharing_words(shared, worker)
    return ft.Container(
        ft.Row([w.picture("worker" if shared else "lock", 28),
                ft.Text(words, size=sized(16), weight=ft.FontWeight.W_600, color=theme.TEXT,
                        expand=True)],
               spacing=8, vertical_alignment=ft.CrossAxisAlignment.CENTER),
        bgcolor=SHARED_BG if shared else PRIVATE_BG, border_radius=10,
        padding=ft.Padding.symmetric(horizontal=10, vertical=6),
    )


def first_words(entry: DiaryEntry, limit: int = 90) -> str:
    """The start of the first answer written, for a list."""
    text = next((x for x in entry.words.texts if x), "")
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def entry_card(entry: DiaryEntry, today: date, worker: str, on_click: Callable[..., Any],
               *, author: str | None = None) -> ft.Control:
    """An entry in a list: when, its first words, and who can see it."""
    title = when_words(entry, today)
    if author is not None:
        title = t("diary.by", name=author, when=title)
    summary = first_words(entry)
    label = ". ".join([title, summary, sharing_words(entry.shared, worker)
                       if author is None else t("diary.shared_for_worker")])
    content = ft.Column([
        ft.Text(title, size=sized(18), weight=ft.FontWeight.W_600, color=theme.TEXT),
        ft.Text(summary, size=sized(16), color=theme.MUTED),
        sharing_label(entry.shared, worker, for_worker=author is not None),
    ], spacing=6, horizontal_alignment=ft.CrossAxisAlignment.STRETCH)
    return ft.Button(
        content=named(label, ft.Container(content, padding=ft.Padding.symmetric(vertical=12))),
        on_click=on_click,
        style=ft.ButtonStyle(bgcolor=theme.SURFACE, shape=ft.RoundedRectangleBorder(radius=14),
                             padding=ft.Padding.symmetric(horizontal=14),
                             side=ft.BorderSide(1, "#E2DBD2"), elevation=0),
    )

"""What the chores screens share: the service, choice buttons, words for days and plans."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime
from typing import Any

import flet as ft

from app import theme
from app.domain.chores import Chore, Often, Who, who_on
from app.i18n import plural, t
from app.i18n.dates import weekday, weekday_date
from app.services.chores import ChoreService, chores_for
from app.views import widgets as w
from app.views.state import Session
from app.views.text_size import as_is, picture_height, sized

BORDER = "#C9C2B8"
CHOICE_HEIGHT = 48  # px: the least a choice is tall, a finger's tap
CHOICE_PADDING = 8  # px above and below its words


def service(session: Session) -> ChoreService:
    """The chores of the household this session has unlocked."""
    return chores_for(session.require_service())


def names_by_id(session: Session) -> dict[str, str]:
    """Everyone's name by id, removed people included (their ticks stay in history)."""
    return {m.id: m.name for m in session.require_service().members(include_removed=True)}


def day_name(day: date) -> str:
    """'Monday'."""
    return weekday(day)


def date_words(day: date) -> str:
    """'Monday 24 November'."""
    return weekday_date(day)


def time_words(at_iso: str) -> str:
    """The local time of a stored UTC moment: '17:05'."""
    return datetime.fromisoformat(at_iso).astimezone().strftime("%H:%M")


def and_list(names: Sequence[str]) -> str:
    """'Sam', 'Sam and Mia', 'Sam, Mia and Lee'."""
    if len(names) <= 1:
        return "".join(names)
    return t("chores.and", first=", ".join(names[:-1]), last=names[-1])


def who_words(chore: Chore, names: dict[str, str], today: date) -> str:
    """Who does the chore, in plain words."""
    children = [names.get(c, "?") for c in chore.children]
    if chore.who is Who.ROTATE:
        now = names.get(who_on(chore, today)[0], "?")
        return t("chores.who.rotate_words", names=and_list(children), now=now)
    return and_list(children)


def often_words(chore: Chore) -> str:
    """How often the chore is due, in plain words."""
    if chore.often is Often.DAILY:
        return t("chores.often.daily")
    if chore.often is Often.WEEKLY and chore.weekdays:
        return t("chores.often.weekly_words", day=t(f"chores.day.{chore.weekdays[0]}"))
    if chore.often is Often.WEEKDAYS:
        return ", ".join(t(f"chores.day_short.{d}") for d in chore.weekdays)
    if chore.on_date is not None:
        return t("chores.often.once_words", date=date_words(chore.on_date))
    return ""


def stars_words(stars: int) -> str:
    """'1 star', '3 stars'."""
    return plural(stars, "chores.stars")


def summary(chore: Chore, names: dict[str, str], today: date) -> str:
    """One line about a chore: who, how often, stars."""
    parts = [who_words(chore, names, today), often_words(chore)]
    if chore.stars:
        parts.append(stars_words(chore.stars))
    return " · ".join(parts)


def choice(label: str, selected: bool, on_click: Callable[..., Any],
           *, semantics_label: str | None = None, size: float | None = None) -> ft.Control:
    """A button that shows whether it is chosen (a tick, a yellow fill and its name).

    Long words wrap onto more lines and the button grows with them, at any text size: a
    choice cut short (an agreed consequence, who may see a person) is one made blind.
    ``size``: the label's font size as it is, not at the person's text size (the text
    size choice shows each size as itself).
    """
    # no ``selected=`` here: on a node inside a button it splits the button in two for
    # screen readers; the chosen words in its name (:func:`w.option`) say it instead.
    # The words take only the room they need (a loose fit) but never more than the row
    # has, so they wrap; the post keeps a one-line button at least a finger's height.
    words = ft.Text(label, size=as_is(size) if size else sized(16), color=theme.TEXT,
                    expand=True, expand_loose=True, overflow=ft.TextOverflow.VISIBLE)
    text = w.option(semantics_label or label, ft.Row(
        [words, ft.Container(width=0, height=CHOICE_HEIGHT - 2 * CHOICE_PADDING)],
        spacing=6, tight=True, vertical_alignment=ft.CrossAxisAlignment.CENTER), selected)
    return ft.OutlinedButton(
        content=text,
        on_click=on_click,
        style=ft.ButtonStyle(
            bgcolor=theme.CHILD_ACCENT if selected else theme.SURFACE,
            side=ft.BorderSide(2 if selected else 1, theme.BRAND if selected else BORDER),
            padding=ft.Padding.symmetric(horizontal=14, vertical=CHOICE_PADDING),
            visual_density=ft.VisualDensity.STANDARD,  # a computer's would take 8 px off
        ),
    )


def picture_choice(name: str, label: str, selected: bool,
                   on_click: Callable[..., Any]) -> ft.Control:
    """A square picture button; its accessible name is the picture's word."""
    return ft.OutlinedButton(
        content=w.option(label, w.picture(name, 40), selected),
        on_click=on_click,
        width=64,
        height=picture_height(64),
        style=ft.ButtonStyle(
            shape=ft.RoundedRectangleBorder(radius=16),
            bgcolor=theme.CHILD_ACCENT if selected else theme.SURFACE,
            side=ft.BorderSide(3 if selected else 1, theme.BRAND if selected else BORDER),
            padding=0,
        ),
    )


def heading(text: str) -> ft.Control:
    """A small heading inside a screen."""
    return ft.Semantics(header=True, content=ft.Text(text, size=sized(19),
                                                     weight=ft.FontWeight.W_600,
                                                     color=theme.TEXT))


def chore_row(chore: Chore, line: str, on_click: Callable[..., Any] | None) -> ft.Control:
    """A chore in a list: its picture, name and one line about it."""
    return ft.ListTile(
        leading=w.picture(chore.picture, 40),
        title=ft.Text(chore.name, size=sized(18), weight=ft.FontWeight.W_600),
        subtitle=ft.Text(line, color=theme.MUTED),
        trailing=ft.Icon(ft.Icons.CHEVRON_RIGHT, color=theme.MUTED) if on_click else None,
        on_click=on_click,
        min_height=64,
        bgcolor=theme.SURFACE,
    )


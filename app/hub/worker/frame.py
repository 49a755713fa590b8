"""The worker UI's page frame and cards, built on the app's own widgets (same look, same sizes)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import flet as ft

from app import theme
from app.i18n import t
from app.views import widgets as w
from app.views.text_size import scale, sized, tap_height

BORDER = "#E2DBD2"


def page(
    title: str,
    body: Sequence[ft.Control],
    *,
    identifier: str,
    on_back: Callable[..., Any] | None = None,
    on_sign_out: Callable[..., Any] | None = None,
    subtitle: str = "",
    wide: bool = False,
) -> ft.Control:
    """A phone-width page: Back, the title and Sign out on top, then the body, scrolling.

    ``wide``: the page fills the space it is given (the right-hand pane at a desk).
    """
    header: list[ft.Control] = []
    if on_back is not None:
        header.append(ft.IconButton(
            icon=ft.Icon(ft.Icons.ARROW_BACK, semantics_label=t("common.back")),
            on_click=on_back, tooltip=t("common.back"), icon_color=theme.TEXT,
            width=theme.TAP, height=theme.TAP))
    heading = ft.Column([
        ft.Semantics(header=True, content=ft.Text(title, size=sized(22), weight=ft.FontWeight.BOLD,
                                                  color=theme.TEXT)),
        *([ft.Text(subtitle, size=sized(14), color=theme.MUTED)] if subtitle else []),
    ], spacing=0, expand=True)
    # Above 100% the title has a line of its own: squeezed between Back and Sign out, a
    # household's name broke in the middle of a word ("househ / old").
    beside = scale() == 1.0
    header.append(heading if beside else ft.Container(expand=True))
    if on_sign_out is not None:
        header.append(ft.TextButton(t("hub.sign_out"), on_click=on_sign_out, height=tap_height(48)))
    top: list[ft.Control] = [ft.Row(header, vertical_alignment=ft.CrossAxisAlignment.CENTER)]
    if not beside:
        top.append(heading)
    column = ft.Column(
        [*top, *body],
        spacing=theme.GAP, scroll=ft.ScrollMode.AUTO,
        horizontal_alignment=ft.CrossAxisAlignment.STRETCH, expand=True,
    )
    frame = ft.Container(column, padding=ft.Padding.symmetric(horizontal=24 if wide else 16,
                                                              vertical=12),
                         width=None if wide else theme.MAX_WIDTH, expand=True)
    return ft.Semantics(
        key=identifier, identifier=identifier, container=True, expand=True,
        content=ft.SafeArea(
            content=ft.Row([frame], alignment=ft.MainAxisAlignment.CENTER, expand=True),
            expand=True),
    )


def card(title: str, body: Sequence[ft.Control], *, bgcolor: str = theme.SURFACE,
         identifier: str | None = None) -> ft.Control:
    """A card for one part of a household's page, with a heading.

    The ``identifier`` goes on the heading, not round the card: a semantics container round
    the card would fold every line into one long label for screen readers.
    """
    heading = ft.Semantics(header=True, identifier=identifier, content=ft.Text(
        title, size=sized(18), weight=ft.FontWeight.BOLD, color=theme.TEXT))
    return ft.Container(
        ft.Column([heading, *body], spacing=10,
                  horizontal_alignment=ft.CrossAxisAlignment.STRETCH),
        bgcolor=bgcolor, border_radius=14, border=ft.Border.all(1, BORDER), padding=14,
        key=identifier,
    )


def line(text: str, *, note: str = "", bold: bool = False, colour: str = theme.TEXT,
         trailing: ft.Control | None = None) -> ft.Control:
    """One line of a list: words, a quieter note under them, and maybe a button beside (under
    them above 100%)."""
    under = trailing if scale() != 1.0 else None
    words = ft.Column([
        ft.Text(text, size=sized(16), color=colour, weight=ft.FontWeight.W_600 if bold else None),
        *([ft.Text(note, size=sized(14), color=theme.MUTED)] if note else []),
    ], spacing=2, expand=under is None)
    if under is not None:
        # Above 100% the button goes under the words: beside it, they stood a word a line.
        return ft.Column([words, under], spacing=8,
                         horizontal_alignment=ft.CrossAxisAlignment.START)
    return ft.Row([words, *([trailing] if trailing is not None else [])],
                  vertical_alignment=ft.CrossAxisAlignment.CENTER)


def empty(text: str) -> ft.Control:
    """What a card says when it has nothing to show."""
    return w.para(text, size=15, muted=True)


def small_button(label: str, on_click: Callable[..., Any], *, name: str = "",
                 colour: str | None = None) -> ft.Control:
    """A compact action beside a line (still 48 px high); ``name`` is what a screen reader
    says when the short label alone would not say what it acts on ("Remove: <the words>")."""
    text = ft.Text(label, size=sized(15), color=colour)
    return ft.OutlinedButton(content=w.named(name, text) if name else text, on_click=on_click,
                             height=tap_height(48))


def grid(cells: Sequence[ft.Control], *, wide: bool, columns: int = 2) -> list[ft.Control]:
    """Cards one under another on a phone, ``columns`` to a row at a desk."""
    if not wide or not cells:
        return list(cells)
    span = 12 // columns
    return [ft.ResponsiveRow([ft.Container(cell, col={"xs": 12, "md": span}) for cell in cells],
                             spacing=12, run_spacing=12)]

"""What the learning screens share: the service, the law box, and small card parts."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import flet as ft

from app import theme
from app.domain.programme.nation import Nation, laws_for
from app.i18n import t
from app.services.programme.learning import LearningService, learning_for
from app.views import widgets as w
from app.views.chores.parts import choice
from app.views.state import Session, guarded
from app.views.text_size import sized


def service(session: Session) -> LearningService:
    """The learning topics of the household this session has unlocked."""
    return learning_for(session.require_service())


def line(text: str, **style: Any) -> ft.Control:
    """A paragraph as its own node, so it is read (and found) as text, not folded away."""
    return ft.Semantics(container=True, content=w.para(text, **style))


def boxed(parts: list[ft.Control], *, background: str = theme.SURFACE,
          border: str = "#E2DBD2", identifier: str = "") -> ft.Control:
    """A rounded box around a few lines of a card."""
    return ft.Semantics(
        container=True, identifier=identifier or None,
        content=ft.Container(ft.Column(parts, spacing=10), bgcolor=background, border_radius=14,
                             padding=14, border=ft.Border.all(1, border)),
    )


def nation_chooser(session: Session, choose: Callable[[Nation], None]) -> ft.Control:
    """Four big buttons: England, Wales, Scotland, Northern Ireland."""
    return ft.Row([choice(t(f"nation.{nation.value}"), False,
                          guarded(session, lambda nation=nation: choose(nation)))
                   for nation in Nation], wrap=True, spacing=8, run_spacing=8)


def law_box(session: Session, nation: Nation | None, choosing: bool,
            choose: Callable[[Nation], None], start_choosing: Callable[[], None], *,
            may_choose: bool) -> ft.Control:
    """The law where the family lives, said first and plainly; then the rest of the UK.

    When the household has not said where it lives, the box asks, with four buttons,
    and shows every nation's law meanwhile. Only a parent says where the family lives.
    """
    laws = laws_for(nation)
    parts: list[ft.Control] = []
    if nation is None or choosing:
        parts.append(line(t("learning.law.ask"), bold=True, size=18))
        if may_choose:
            parts += [line(t("learning.law.choose")), nation_chooser(session, choose)]
    if nation is not None and not choosing:
        parts += [line(t(f"learning.law.lead.{nation.value}"), bold=True, size=19),
                  line(t("learning.law.rest"), muted=True)]
        shown = laws[1:]
    else:
        parts.append(line(t("learning.law.all"), bold=True))
        shown = laws
    parts += [line("\u2022 " + t(f"agreement.physical.law.{law.value}"), size=16)
              for law in shown]
    if nation is not None and not choosing and may_choose:
        parts.append(w.link(t("learning.law.change"), guarded(session, start_choosing)))
    return boxed(parts, background=theme.WARN_BG, border=theme.ERROR, identifier="law-box")


def idea_button(label: str, text: str, kind_words: str,
                on_click: Callable[..., Any]) -> ft.Control:
    """A "What I'll try" idea and what it becomes; the words wrap on a small phone."""
    return ft.OutlinedButton(
        content=w.named(label, ft.Row(
            [ft.Icon(ft.Icons.LIGHTBULB_OUTLINE, color=theme.BRAND),
             ft.Column([ft.Text(text, size=sized(17), color=theme.TEXT),
                        ft.Text(kind_words, size=sized(14), color=theme.MUTED)],
                       spacing=2, expand=True),
             ft.Icon(ft.Icons.CHEVRON_RIGHT, color=theme.MUTED)],
            spacing=10, vertical_alignment=ft.CrossAxisAlignment.CENTER)),
        on_click=on_click,
        style=ft.ButtonStyle(padding=ft.Padding.symmetric(horizontal=14, vertical=14),
                             shape=ft.RoundedRectangleBorder(radius=12),
                             side=ft.BorderSide(1, theme.BRAND)),
    )

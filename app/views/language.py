"""Choosing a language (on the shared screens, for each person, for the household) and a
person's text size.

Each language is offered in its own name ("English", "Cymraeg"), so a person who does not
read the screen's current language can still find theirs; each text size is shown at its
own size, so a person can pick the one they can read.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import flet as ft

from app import theme
from app.domain.people import TEXT_SCALES, Member, Role
from app.i18n import available_languages, language_name, t
from app.views.chores.parts import choice
from app.views.state import Session, guarded
from app.views.text_size import sized, tap_height


def language_choice(chosen: str | None, on_choose: Callable[[str | None], Any], *,
                    offer_household: bool = False, identifier: str = "language") -> ft.Control:
    """One button per language (and, if offered, "the family's language", which is None)."""
    options: list[tuple[str | None, str]] = [(tag, language_name(tag))
                                             for tag in available_languages()]
    if offer_household:
        options.insert(0, (None, t("language.household_choice")))
    buttons = [choice(label, chosen == tag, lambda _e=None, tag=tag: on_choose(tag))
               for tag, label in options]
    return ft.Semantics(identifier=identifier, container=True, content=ft.Column([
        ft.Text(t("language.label"), size=sized(16), weight=ft.FontWeight.BOLD, color=theme.TEXT),
        ft.Row(buttons, wrap=True, spacing=8, run_spacing=8),
    ], spacing=6))


def text_size_choice(chosen: int | None, on_choose: Callable[[int], Any], *,
                     heading: str = "", identifier: str = "text-size") -> ft.Control:
    """One button per text size, 100% to 200%, each label shown at that size."""
    buttons = [choice(t("text_size.option", percent=percent), (chosen or 100) == percent,
                      lambda _e=None, percent=percent: on_choose(percent),
                      semantics_label=t("text_size.option.name", percent=percent),
                      size=16 * percent / 100)
               for percent in TEXT_SCALES]
    return ft.Semantics(identifier=identifier, container=True, content=ft.Column([
        ft.Text(heading or t("text_size.label"), size=sized(16), weight=ft.FontWeight.BOLD,
                color=theme.TEXT),
        ft.Row(buttons, wrap=True, spacing=8, run_spacing=8),
    ], spacing=6))


def language_row(chosen: str, on_choose: Callable[[str], Any]) -> ft.Control:
    """A small row for the top of a shared screen: the other languages, in their own names."""
    buttons: list[ft.Control] = [
        ft.TextButton(content=language_name(tag), on_click=lambda _e, tag=tag: on_choose(tag),
                      height=tap_height(theme.TAP), style=ft.ButtonStyle(
                          color=theme.BRAND, text_style=ft.TextStyle(size=sized(16))))
        for tag in available_languages() if tag != chosen]
    return ft.Semantics(identifier="language-row", container=True,
                        content=ft.Row(buttons, alignment=ft.MainAxisAlignment.END, wrap=True))


def settings_language_section(session: Session, me: Member) -> list[ft.Control]:
    """Settings: my own language and text size, and (for a parent) the shared screens' language."""
    service = session.require_service()

    def mine(tag: str | None) -> None:
        session.member_changed(service.set_language(me, me.id, tag))
        session.notice = t("language.changed", name=me.name)

    def shared(tag: str | None) -> None:
        service.set_household_language(me, tag or "")
        session.member_changed(service.member(me.id))
        session.notice = t("language.household.saved", language=language_name(tag or ""))

    def my_size(percent: int) -> None:
        session.member_changed(service.set_text_size(me, me.id, percent))
        session.notice = t("text_size.changed", name=me.name)

    section: list[ft.Control] = [
        ft.Divider(),
        language_choice(me.language, lambda tag: guarded(session, lambda: mine(tag))(),
                        offer_household=True, identifier="language-mine"),
        text_size_choice(me.text_scale, lambda n: guarded(session, lambda: my_size(n))(),
                         heading=t("text_size.mine"), identifier="text-size-mine"),
    ]
    if me.role is Role.PARENT:
        section += [
            ft.Text(t("language.household"), size=sized(16), color=theme.TEXT),
            language_choice(service.household().language,
                            lambda tag: guarded(session, lambda: shared(tag))(),
                            identifier="language-household"),
        ]
    return section

"""Adding a strength, interest or proud moment: who it is about, what kind, a picture, words.

The same screen serves a grown-up and a child; for a child it starts on "me" and a
proud moment, with big pictures, so choosing is mostly tapping.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import flet as ft

from app import theme
from app.domain.people import Role
from app.domain.strengths import (
    KIND_PICTURES,
    STRENGTH_PICTURES,
    StrengthKind,
)
from app.i18n import t
from app.services.household import InvalidInput, NotAllowed
from app.services.strengths import StrengthService, strengths_for
from app.views import widgets as w
from app.views.chores.parts import BORDER, heading, picture_choice
from app.views.state import Session, error_message, go, guarded, signed_in_only, use_session
from app.views.text_size import sized, tap_height


def service(session: Session) -> StrengthService:
    """The strengths notes of the household this session has unlocked."""
    return strengths_for(session.require_service())


def big_choice(picture: str, label: str, selected: bool,
               on_click: Callable[..., Any]) -> ft.Control:
    """A wide button with a picture and words, yellow, ticked and named when chosen."""
    return ft.OutlinedButton(
        content=w.option(label, ft.Row([
            w.picture(picture, 44),
            ft.Text(label, size=sized(18), weight=ft.FontWeight.W_600, color=theme.TEXT,
                    expand=True),
            *([] if selected else [ft.Icon(ft.Icons.RADIO_BUTTON_OFF, color=theme.BRAND)]),
        ], spacing=12, vertical_alignment=ft.CrossAxisAlignment.CENTER), selected),
        on_click=on_click, height=tap_height(68),
        style=ft.ButtonStyle(
            bgcolor=theme.CHILD_ACCENT if selected else theme.SURFACE,
            side=ft.BorderSide(3 if selected else 1, theme.BRAND if selected else BORDER),
            shape=ft.RoundedRectangleBorder(radius=16),
            padding=ft.Padding.symmetric(horizontal=12),
        ),
    )


@ft.component
@signed_in_only
def AddStrengthScreen() -> ft.Control:
    """Anyone adds a strength, interest or proud moment about a child."""
    session = use_session()
    me = session.require_member()
    notes = service(session)
    is_child = me.role is Role.CHILD
    # a child finds "Me" first
    kids = sorted(notes.children(), key=lambda k: k.id != me.id)
    first = ft.use_route_params().get("child_id", "") or (me.id if is_child else "")
    child_id, set_child = ft.use_state(first)
    kind, set_kind = ft.use_state(StrengthKind.PROUD.value)
    picture, set_picture = ft.use_state("star")
    words, set_words = ft.use_state("")
    error, set_error = ft.use_state("")
    back_to = "/" if is_child else "/strengths"
    voice = "child" if is_child else "adult"

    def save() -> None:
        if not child_id:
            set_error(t("strengths.error.child"))
            return
        try:
            note = notes.add(session.require_member(), child_id, StrengthKind(kind), words,
                             picture)
        except (InvalidInput, NotAllowed) as exc:
            set_error(error_message(exc))
            return
        name = next((k.name for k in kids if k.id == note.child_id), "")
        session.notice = t(f"strengths.added.{voice}", name=name)
        go(back_to)

    def child_label(kid_id: str, name: str) -> str:
        return t("strengths.form.me") if kid_id == me.id else name

    words_field = w.text_field(t(f"strengths.form.words.{voice}"), words, set_words,
                               multiline=True, helper=t(f"strengths.form.words_helper.{kind}"))
    pictures = [
        heading(t(f"strengths.form.picture.{voice}")),
        ft.Row([picture_choice(p, t(f"strengths.picture.{p}"), p == picture,
                               guarded(session, lambda p=p: set_picture(p)))
                for p in STRENGTH_PICTURES], wrap=True, spacing=8, run_spacing=8),
    ]
    body: list[ft.Control] = [
        heading(t(f"strengths.form.who.{voice}")),
        *[big_choice(k.avatar.value, child_label(k.id, k.name), k.id == child_id,
                     guarded(session, lambda k=k: set_child(k.id))) for k in kids],
        heading(t("strengths.form.kind")),
        *[big_choice(KIND_PICTURES[k], t(f"strengths.kind.{k.value}.{voice}"),
                     k.value == kind, guarded(session, lambda k=k: set_kind(k.value)))
          for k in StrengthKind],
    ]
    # Pictures before words for a child: a picture alone says it; words are a bonus.
    body += [*pictures, words_field] if is_child else [words_field, *pictures]
    who_sees = "strengths.form.who_sees.child" if is_child else "strengths.form.who_sees"
    body.append(w.para(t(who_sees), size=16, muted=not is_child))
    if error:
        body.append(w.message(error))
    body.append(ft.Row([
        w.secondary(t("common.cancel"), guarded(session, lambda: go(back_to))),
        w.primary(t("strengths.form.save"), guarded(session, save)),
    ], spacing=12))
    return w.screen(t(f"strengths.add.title.{voice}"), body,
                    on_back=guarded(session, lambda: go(back_to)),
                    on_lock=guarded(session, session.lock), identifier="strength-add-screen",
                    read_aloud=is_child)
